// quiverd: serves one database directory over the Quiver wire protocol.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "quiver/log.h"
#include "server/src/config.h"
#include "server/src/server.h"

namespace {

// The first admin's password: the file's first line, or QUIVER_ADMIN_PASSWORD.
std::optional<std::string> first_admin_password(const quiver::server::ServerConfig& config) {
  if (!config.admin_password_file.empty()) {
    std::ifstream in(config.admin_password_file);
    if (!in) {
      throw std::runtime_error("cannot read " + config.admin_password_file.string());
    }
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
      line.pop_back();
    }
    return line;
  }
  if (const char* env = std::getenv("QUIVER_ADMIN_PASSWORD")) {
    return std::string(env);
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << quiver::server::usage_text();
    return 0;
  }

  quiver::server::ServerConfig config;
  try {
    config = quiver::server::parse_config(args);
  } catch (const std::invalid_argument& e) {
    std::cerr << "quiverd: " << e.what() << "\n" << quiver::server::usage_text();
    return 2;
  }
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  // The engine's lines (quiver/log.h) go where the server's go, at the same level.
  spdlog::register_logger(spdlog::default_logger()->clone(quiver::kLoggerName));

  try {
    quiver::server::Server server(config, first_admin_password(config));
    server.run();
  } catch (const std::exception& e) {
    spdlog::error("quiverd: {}", e.what());
    return 1;
  }
  spdlog::info("quiverd stopped");
  return 0;
}
