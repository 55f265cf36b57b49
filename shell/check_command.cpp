#include <exception>

#include "quiver/database.h"
#include "shell/commands.h"

namespace quiver::shell {

void print_usage(std::ostream& out) {
  out << "usage: quiver DIR [(-c QUERY | -f FILE)...] [--param NAME=VALUE]... [--format FORMAT]\n"
         "              [--timeout MS]\n"
         "       quiver --connect HOST:PORT [--user NAME] [--password-file FILE] [--tls-ca FILE]\n"
         "              [(-c QUERY | -f FILE)...] [--param NAME=VALUE]... [--format FORMAT]\n"
         "              [--timeout MS]\n"
         "       quiver <command> [arguments]\n"
         "running statements on the database in DIR (created when missing) or on the quiverd\n"
         "server at HOST:PORT; without -c or -f, the interactive shell (statements piped on\n"
         "standard input run as a script):\n"
         "  -c QUERY             run Cypher statements (separated by ';')\n"
         "  -f FILE              run the statements in FILE, separated by ';' (- for stdin)\n"
         "  --param NAME=VALUE   pass the Cypher literal VALUE as $NAME\n"
         "  --format FORMAT      table (default), csv or json\n"
         "  --timeout MS         stop any statement that runs longer than MS milliseconds\n"
         "commands:\n"
         "  check DIR            verify that the database in DIR is consistent\n"
         "  demo DIR [--force]   create a small knowledge-commerce sample graph in DIR\n"
         "  import DIR --nodes[=Labels]=FILE ... [--relationships[=TYPE]=FILE ...]\n"
         "                       bulk import of typed CSV files into DIR\n"
         "  help                 show this text\n";
}

std::optional<std::chrono::milliseconds> parse_timeout(const std::string& text) {
  constexpr int64_t kDay = 86'400'000;
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int64_t ms = std::stoll(text);
  if (ms > kDay) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(ms);
}

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) {
    err << "quiver check: expected one directory\n";
    print_usage(err);
    return kExitUsage;
  }
  Options options;
  options.read_only = true;
  options.create_if_missing = false;
  try {
    auto db = Database::open(args[0], options);
    IntegrityReport report = db->check_integrity();
    Statistics stats = db->statistics();
    out << "database " << args[0] << "\n"
        << "  nodes: " << report.nodes << "\n"
        << "  relationships: " << report.relationships << "\n"
        << "  adjacency entries: " << report.adjacency_entries << "\n"
        << "  label entries: " << report.label_entries << "\n"
        << "  indexes: " << report.indexes << " (" << report.index_entries << " entries)\n";
    for (const auto& [label, count] : stats.nodes_per_label) {
      out << "  :" << label << " " << count << "\n";
    }
    for (const auto& [type, count] : stats.relationships_per_type) {
      out << "  [:" << type << "] " << count << "\n";
    }
    if (report.ok()) {
      out << "integrity: ok\n";
      return kExitOk;
    }
    out << "integrity: " << report.problems.size() << " problem(s)\n";
    for (const std::string& problem : report.problems) {
      out << "  - " << problem << "\n";
    }
    return kExitFailure;
  } catch (const Error& e) {
    err << "quiver check: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace quiver::shell
