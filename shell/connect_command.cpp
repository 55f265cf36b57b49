// `quiver --connect HOST:PORT -c QUERY`: statements run on a quiverd server through the C++
// driver, printed as the embedded form prints them; without -c or -f, the interactive shell.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include "quiver/client.h"
#include "quiver/literal.h"
#include "shell/commands.h"
#include "shell/interactive.h"
#include "shell/result_format.h"
#include "shell/statement_splitter.h"

namespace quiver::shell {

namespace {

// One script of statements: its text and where it came from, for error messages.
struct Script {
  std::string text;
  std::string origin;  // "-c", a file name or "standard input"
};

struct ConnectCommand {
  client::ConnectOptions options;
  std::vector<Script> scripts;                              // in command-line order
  std::vector<std::pair<std::string, std::string>> params;  // name, Cypher literal
  OutputFormat format = OutputFormat::kTable;
};

std::string read_stream(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads the server address and password (file or QUIVER_PASSWORD).
bool parse_connection(const std::string& address, const std::string& password_file,
                      ConnectCommand& command, std::ostream& err) {
  size_t colon = address.rfind(':');
  int port = colon == std::string::npos ? 0 : std::atoi(address.c_str() + colon + 1);
  if (colon == 0 || port <= 0 || port > 65535) {
    err << "quiver: --connect expects HOST:PORT, got '" << address << "'\n";
    return false;
  }
  command.options.host = address.substr(0, colon);
  command.options.port = static_cast<uint16_t>(port);
  command.options.client_name = "quiver-shell/0.1";

  if (!password_file.empty()) {
    std::optional<std::string> text = read_file(password_file);
    if (!text) {
      err << "quiver: cannot read " << password_file << "\n";
      return false;
    }
    command.options.password = text->substr(0, text->find_first_of("\r\n"));
  } else if (const char* env = std::getenv("QUIVER_PASSWORD")) {
    command.options.password = env;
  }
  return true;
}

bool parse_arguments(const std::vector<std::string>& args, ConnectCommand& command,
                     std::ostream& err) {
  std::string address;
  std::string password_file;
  command.options.user = std::getenv("QUIVER_USER") ? std::getenv("QUIVER_USER") : "admin";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (i + 1 >= args.size() && arg != "--tls") {
      err << "quiver: " << arg << " needs a value\n";
      return false;
    }
    if (arg == "--connect") {
      address = args[++i];
    } else if (arg == "--user") {
      command.options.user = args[++i];
    } else if (arg == "--password-file") {
      password_file = args[++i];
    } else if (arg == "--tls") {
      command.options.tls = true;
    } else if (arg == "--tls-ca") {
      command.options.tls = true;
      command.options.tls_ca_file = args[++i];
    } else if (arg == "-c") {
      command.scripts.push_back(Script{args[++i], "-c"});
    } else if (arg == "-f") {
      const std::string& file = args[++i];
      std::optional<std::string> text =
          file == "-" ? std::optional<std::string>(read_stream(std::cin)) : read_file(file);
      if (!text) {
        err << "quiver: cannot read " << file << "\n";
        return false;
      }
      command.scripts.push_back(Script{*text, file == "-" ? "standard input" : file});
    } else if (arg == "--param" || arg == "-p") {
      const std::string& binding = args[++i];
      size_t equals = binding.find('=');
      if (equals == std::string::npos || equals == 0) {
        err << "quiver: " << arg << " expects NAME=VALUE, got '" << binding << "'\n";
        return false;
      }
      command.params.emplace_back(binding.substr(0, equals), binding.substr(equals + 1));
    } else if (arg == "--timeout") {
      std::optional<std::chrono::milliseconds> timeout = parse_timeout(args[++i]);
      if (!timeout) {
        err << "quiver: --timeout expects a number of milliseconds\n";
        return false;
      }
      command.options.query_timeout = *timeout;
    } else if (arg == "--format") {
      std::optional<OutputFormat> format = parse_output_format(args[++i]);
      if (!format) {
        err << "quiver: --format expects table, csv or json\n";
        return false;
      }
      command.format = *format;
    } else {
      err << "quiver: unexpected argument '" << arg << "'\n";
      return false;
    }
  }
  return parse_connection(address, password_file, command, err);
}

// Evaluates each NAME=LITERAL binding on the server as `RETURN LITERAL`, as the embedded form
// does. Throws Error when a literal does not evaluate.
Map evaluate_params(client::Client& db,
                    const std::vector<std::pair<std::string, std::string>>& bindings) {
  Map params;
  for (const auto& [name, literal] : bindings) {
    try {
      params[name] = db.run(parameter_value_query(literal).value_or_throw()).rows().at(0)[0];
    } catch (const Error& e) {
      throw Error(e.category(), e.detail(), e.phase(),
                  "the value of parameter " + name + " is not a Cypher literal: " + e.message());
    }
  }
  return params;
}

// The shell over the connection DB, with PARAMS set (--param).
int run_interactive(std::unique_ptr<client::Client> db, const ConnectCommand& command,
                    const Map& params, std::ostream& out, std::ostream& err) {
  ShellSettings settings;
  settings.format = command.format;
  settings.params = params;
  std::string banner = "Quiver shell on " + command.options.host + ":" +
                       std::to_string(command.options.port) + " as " + command.options.user + " (" +
                       db->role() + "). Statements end with ';'. :help lists commands.\n";
  std::unique_ptr<ShellBackend> backend = make_remote_backend(std::move(db), command.options);
  return run_shell_on_stdin(*backend, settings, banner, out, err);
}

}  // namespace

int run_connect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ConnectCommand command;
  if (!parse_arguments(args, command, err)) {
    print_usage(err);
    return kExitUsage;
  }
  try {
    auto db = client::Client::connect(command.options);
    Map params = evaluate_params(*db, command.params);
    if (command.scripts.empty()) {
      return run_interactive(std::move(db), command, params, out, err);
    }
    for (const Script& script : command.scripts) {
      std::vector<ScriptStatement> statements = split_statements(script.text);
      for (const ScriptStatement& statement : statements) {
        auto start = std::chrono::steady_clock::now();
        try {
          Result result = db->run(statement.text, params);
          auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::steady_clock::now() - start);
          write_result(result, command.format, elapsed, out);
        } catch (const Error& e) {
          err << "quiver: " << e.what() << "\n";
          if (script.origin != "-c" || statements.size() > 1) {
            err << "  in the statement starting at line " << statement.line << " of "
                << script.origin << "\n";
          }
          return kExitFailure;
        }
      }
    }
  } catch (const Error& e) {
    err << "quiver: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace quiver::shell
