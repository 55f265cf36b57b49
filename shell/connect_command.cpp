// `quiver --connect HOST:PORT -c QUERY`: statements run on a quiverd server through the C++
// driver, printed as the embedded form prints them.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>

#include "quiver/client.h"
#include "shell/commands.h"
#include "shell/result_format.h"
#include "shell/statement_splitter.h"

namespace quiver::shell {

namespace {

struct ConnectCommand {
  client::ConnectOptions options;
  std::vector<std::string> scripts;  // statement texts (from -c, or read from -f)
  OutputFormat format = OutputFormat::kTable;
};

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
      command.scripts.push_back(args[++i]);
    } else if (arg == "-f") {
      std::optional<std::string> text = read_file(args[++i]);
      if (!text) {
        err << "quiver: cannot read " << args[i] << "\n";
        return false;
      }
      command.scripts.push_back(*text);
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
  if (command.scripts.empty()) {
    err << "quiver: --connect needs at least one -c QUERY or -f FILE\n";
    return false;
  }
  return parse_connection(address, password_file, command, err);
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
    for (const std::string& script : command.scripts) {
      for (const ScriptStatement& statement : split_statements(script)) {
        auto start = std::chrono::steady_clock::now();
        Result result = db->run(statement.text);
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start);
        write_result(result, command.format, elapsed, out);
      }
    }
  } catch (const Error& e) {
    err << "quiver: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace quiver::shell
