// `quiver DIR -c QUERY` and `quiver DIR -f FILE`: statements run on an embedded database; without
// either, the interactive shell.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "quiver/database.h"
#include "quiver/literal.h"
#include "shell/commands.h"
#include "shell/interactive.h"
#include "shell/result_format.h"
#include "shell/statement_splitter.h"

namespace quiver::shell {

namespace {

// Where the statements come from, in command-line order.
struct Source {
  bool is_file = false;
  std::string text;  // the query for -c, the file name for -f ("-" is standard input)
};

struct QueryCommand {
  std::string dir;
  std::vector<Source> sources;
  std::vector<std::pair<std::string, std::string>> params;  // name, Cypher literal
  OutputFormat format = OutputFormat::kTable;
  std::chrono::milliseconds timeout{0};  // per statement (0: none)
};

// Reads the command line into COMMAND; on a mistake writes it to ERR and returns false.
bool parse_arguments(const std::vector<std::string>& args, QueryCommand& command,
                     std::ostream& err) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool has_value = i + 1 < args.size();
    if (arg == "-c" || arg == "-f") {
      if (!has_value) {
        err << "quiver: " << arg << " needs a " << (arg == "-c" ? "query" : "file") << "\n";
        return false;
      }
      command.sources.push_back(Source{arg == "-f", args[++i]});
    } else if (arg == "--param" || arg == "-p") {
      std::string binding = has_value ? args[++i] : "";
      size_t equals = binding.find('=');
      if (equals == std::string::npos || equals == 0) {
        err << "quiver: " << arg << " expects NAME=VALUE, got '" << binding << "'\n";
        return false;
      }
      command.params.emplace_back(binding.substr(0, equals), binding.substr(equals + 1));
    } else if (arg == "--format") {
      std::optional<OutputFormat> format =
          has_value ? parse_output_format(args[++i]) : std::nullopt;
      if (!format) {
        err << "quiver: --format expects table, csv or json\n";
        return false;
      }
      command.format = *format;
    } else if (arg == "--timeout") {
      std::optional<std::chrono::milliseconds> timeout =
          has_value ? parse_timeout(args[++i]) : std::nullopt;
      if (!timeout) {
        err << "quiver: --timeout expects a number of milliseconds\n";
        return false;
      }
      command.timeout = *timeout;
    } else if (command.dir.empty() && !arg.empty() && arg[0] != '-') {
      command.dir = arg;
    } else {
      err << "quiver: unexpected argument '" << arg << "'\n";
      return false;
    }
  }
  if (command.dir.empty()) {
    err << "quiver: expected a database directory\n";
    return false;
  }
  return true;
}

// Evaluates each NAME=LITERAL binding as `RETURN LITERAL`, so parameters take any Cypher value.
// Throws Error when a literal does not evaluate.
Params evaluate_params(Session& session,
                       const std::vector<std::pair<std::string, std::string>>& bindings) {
  Params params;
  for (const auto& [name, literal] : bindings) {
    Outcome<std::string> query = parameter_value_query(literal);
    Outcome<Result> value = query.ok() ? session.try_run(query.value()) : query.error();
    if (!value.ok()) {
      const Error& e = value.error();
      throw Error(e.category(), e.detail(), e.phase(),
                  "the value of parameter " + name + " is not a Cypher literal: " + e.message());
    }
    params[name] = value->rows().at(0)[0];
  }
  return params;
}

// Reads the statements of SOURCE; throws Error (DatabaseError/io) when a file cannot be read.
std::vector<ScriptStatement> statements_of(const Source& source) {
  if (!source.is_file) {
    // -c takes a script too, so `-c "CREATE (:A); MATCH (n) RETURN n"` runs both.
    return split_statements(source.text);
  }
  std::string script;
  if (source.text == "-") {
    script.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream file(source.text, std::ios::binary);
    if (!file) {
      throw Error("DatabaseError", "io", "compile time", "cannot read " + source.text);
    }
    script.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  return split_statements(script);
}

// Runs every statement of COMMAND in order, stopping at the first that fails.
int run_statements(Session& session, const QueryCommand& command, const Params& params,
                   std::ostream& out, std::ostream& err) {
  for (const Source& source : command.sources) {
    std::vector<ScriptStatement> statements = statements_of(source);
    for (const ScriptStatement& statement : statements) {
      auto start = std::chrono::steady_clock::now();
      Outcome<Result> result = session.try_run(statement.text, params);
      auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
      if (!result.ok()) {
        err << "quiver: " << result.error().what() << "\n";
        if (source.is_file) {
          err << "  in the statement starting at line " << statement.line << " of "
              << (source.text == "-" ? "standard input" : source.text) << "\n";
        } else if (statements.size() > 1) {
          err << "  in the statement starting at line " << statement.line << " of -c\n";
        }
        return kExitFailure;
      }
      write_result(result.value(), command.format, elapsed, out);
    }
  }
  return kExitOk;
}

}  // namespace

int run_query(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  QueryCommand command;
  if (!parse_arguments(args, command, err)) {
    print_usage(err);
    return kExitUsage;
  }
  try {
    Options options;
    options.query_timeout = command.timeout;
    auto db = Database::open(command.dir, options);
    Session session = db->session();
    Params params = evaluate_params(session, command.params);
    if (command.sources.empty()) {
      // Without -c or -f: the interactive shell, or the statements piped on standard input.
      ShellSettings settings;
      settings.format = command.format;
      settings.params = params;
      std::unique_ptr<ShellBackend> backend = make_embedded_backend(*db);
      return run_shell_on_stdin(
          *backend, settings,
          "Quiver shell on " + command.dir + ". Statements end with ';'. :help lists commands.\n",
          out, err);
    }
    return run_statements(session, command, params, out, err);
  } catch (const Error& e) {
    err << "quiver: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace quiver::shell
