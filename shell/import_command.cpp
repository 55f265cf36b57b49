// `quiver import`: bulk import of CSV files into a database directory.
#include <iostream>

#include "quiver/database.h"
#include "shell/commands.h"
#include "shell/import/importer.h"

namespace quiver::shell {

namespace {

// "--nodes=A:B=file.csv" -> labels {A, B}, file; "--nodes=file.csv" -> file.
ImportFile file_argument(const std::string& value, bool relationships) {
  ImportFile file;
  file.relationships = relationships;
  size_t eq = value.find('=');
  std::string path = eq == std::string::npos ? value : value.substr(eq + 1);
  std::string prefix = eq == std::string::npos ? "" : value.substr(0, eq);
  file.path = path;
  if (relationships) {
    file.type = prefix;
  } else {
    size_t start = 0;
    while (!prefix.empty()) {
      size_t colon = prefix.find(':', start);
      std::string label = prefix.substr(start, colon - start);
      if (!label.empty()) {
        file.labels.push_back(label);
      }
      if (colon == std::string::npos) {
        break;
      }
      start = colon + 1;
    }
  }
  return file;
}

bool single_char(const std::string& value, char& out) {
  if (value == "\\t" || value == "TAB") {
    out = '\t';
    return true;
  }
  if (value.size() != 1) {
    return false;
  }
  out = value[0];
  return true;
}

}  // namespace

int run_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string dir;
  std::vector<ImportFile> files;
  ImportOptions options;
  bool quiet = false;
  bool append = false;

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const std::string& flag) -> std::optional<std::string> {
      if (a.rfind(flag + "=", 0) == 0) {
        return a.substr(flag.size() + 1);
      }
      if (a == flag && i + 1 < args.size()) {
        return args[++i];
      }
      return std::nullopt;
    };
    std::optional<std::string> v;
    if ((v = value("--nodes"))) {
      files.push_back(file_argument(*v, false));
    } else if ((v = value("--relationships"))) {
      files.push_back(file_argument(*v, true));
    } else if ((v = value("--delimiter"))) {
      if (!single_char(*v, options.delimiter)) {
        err << "quiver import: --delimiter takes one character (or \\t)\n";
        return kExitUsage;
      }
    } else if ((v = value("--array-delimiter"))) {
      if (!single_char(*v, options.array_delimiter)) {
        err << "quiver import: --array-delimiter takes one character\n";
        return kExitUsage;
      }
    } else if ((v = value("--batch-size"))) {
      // std::stoul takes "-1" as the largest number: only digits are a count here.
      bool digits = !v->empty() && v->find_first_not_of("0123456789") == std::string::npos;
      try {
        options.batch_size = digits ? std::stoul(*v) : 0;
      } catch (const std::exception&) {
        options.batch_size = 0;
      }
      if (options.batch_size == 0) {
        err << "quiver import: --batch-size takes a positive number\n";
        return kExitUsage;
      }
    } else if (a == "--skip-bad-rows") {
      options.skip_bad_rows = true;
    } else if (a == "--append") {
      append = true;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      err << "quiver import: unknown option '" << a << "'\n";
      return kExitUsage;
    } else if (dir.empty()) {
      dir = a;
    } else {
      err << "quiver import: unexpected argument '" << a << "'\n";
      return kExitUsage;
    }
  }
  if (dir.empty() || files.empty()) {
    err << "usage: quiver import DIR --nodes[=Label[:Label...]]=FILE ... "
           "[--relationships[=TYPE]=FILE ...]\n"
           "       [--delimiter C] [--array-delimiter C] [--skip-bad-rows] [--batch-size N] "
           "[--append] [--quiet]\n";
    return kExitUsage;
  }

  try {
    auto db = Database::open(dir);
    // Ids resolve among the files of one import, so a second import of the same files would
    // add every node again: a database that already holds nodes takes one only when asked.
    const std::uint64_t existing = db->statistics().nodes;
    if (existing > 0 && !append) {
      err << "quiver import: " << dir << " already holds " << existing
          << " nodes; import loads an empty database (--append adds the files' nodes and "
             "relationships as new ones next to them)\n";
      return kExitFailure;
    }
    options.progress = quiet ? nullptr : &err;
    ImportReport report = import_files(*db, files, options);
    out << "imported " << report.nodes << " nodes and " << report.relationships
        << " relationships in " << report.seconds << " s\n";
    if (report.bad_row_count > 0) {
      out << "skipped " << report.bad_row_count << " bad rows:\n";
      for (const BadRow& row : report.bad_rows) {
        out << "  " << row.file << ":" << row.line << ": " << row.reason << "\n";
      }
      if (report.bad_row_count > report.bad_rows.size()) {
        out << "  ... and " << report.bad_row_count - report.bad_rows.size() << " more\n";
      }
    }
    return kExitOk;
  } catch (const ImportError& e) {
    err << "quiver import: " << e.what() << "\n";
  } catch (const Error& e) {
    err << "quiver import: " << e.what() << "\n";
  } catch (const std::exception& e) {
    err << "quiver import: " << e.what() << "\n";
  }
  return kExitFailure;
}

}  // namespace quiver::shell
