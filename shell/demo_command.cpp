#include <filesystem>

#include "quiver/bulk_writer.h"
#include "quiver/database.h"
#include "shell/commands.h"
#include "shell/demo_graph.h"

namespace quiver::shell {

namespace {

// Empties DIR for --force, but only when it holds nothing but a Quiver database's two files,
// so a mistyped path never costs unrelated files. Returns false (with a message) otherwise.
bool clear_for_demo(const std::filesystem::path& dir, bool force, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return true;
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    err << "quiver demo: " << dir.string() << " exists and is not a directory\n";
    return false;
  }
  std::vector<std::filesystem::path> entries;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    entries.push_back(entry.path());
  }
  if (entries.empty()) {
    return true;
  }
  if (!force) {
    err << "quiver demo: " << dir.string()
        << " is not empty; pass --force to replace the database in it\n";
    return false;
  }
  for (const auto& entry : entries) {
    auto name = entry.filename().string();
    if (name != "data.mdb" && name != "lock.mdb") {
      err << "quiver demo: " << dir.string() << " holds " << name
          << ", which is not part of a Quiver database; refusing to clear it\n";
      return false;
    }
  }
  for (const auto& entry : entries) {
    std::filesystem::remove(entry, ec);
    if (ec) {
      err << "quiver demo: cannot remove " << entry.string() << ": " << ec.message() << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int run_demo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string dir;
  bool force = false;
  for (const std::string& arg : args) {
    if (arg == "--force") {
      force = true;
    } else if (dir.empty() && !arg.empty() && arg[0] != '-') {
      dir = arg;
    } else {
      err << "quiver demo: unexpected argument '" << arg << "'\n";
      print_usage(err);
      return kExitUsage;
    }
  }
  if (dir.empty()) {
    err << "quiver demo: expected a directory\n";
    print_usage(err);
    return kExitUsage;
  }
  if (!clear_for_demo(dir, force, err)) {
    return kExitFailure;
  }
  try {
    auto db = Database::open(dir);
    BulkWriter writer(*db);
    build_demo_graph(writer);
    BulkResult result = writer.commit();
    out << "created " << result.node_ids.size() << " nodes and " << result.relationships
        << " relationships in " << dir << "\n";
    for (const auto& [label, count] : db->statistics().nodes_per_label) {
      out << "  :" << label << " " << count << "\n";
    }
    return kExitOk;
  } catch (const Error& e) {
    err << "quiver demo: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace quiver::shell
