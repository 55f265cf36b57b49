// Flag and config-file parsing for quiverd.
#include "server/src/config.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace quiver::server {

namespace {

uint64_t parse_number(const std::string& name, const std::string& text, uint64_t max) {
  size_t used = 0;
  uint64_t value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value > max) {
    throw std::invalid_argument("--" + name + " expects a number up to " + std::to_string(max) +
                                ", not '" + text + "'");
  }
  return value;
}

void parse_listen(const std::string& text, ServerConfig& config) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw std::invalid_argument("--listen expects HOST:PORT, not '" + text + "'");
  }
  config.listen_host = text.substr(0, colon);
  config.listen_port = static_cast<uint16_t>(parse_number("listen", text.substr(colon + 1), 65535));
}

PasswordCost parse_cost(const std::string& text) {
  if (text == "min") {
    return PasswordCost::kMinimum;
  }
  if (text == "interactive") {
    return PasswordCost::kInteractive;
  }
  if (text == "moderate") {
    return PasswordCost::kModerate;
  }
  throw std::invalid_argument("--password-cost expects min, interactive or moderate");
}

std::chrono::milliseconds parse_ms(const std::string& name, const std::string& text) {
  return std::chrono::milliseconds(parse_number(name, text, uint64_t{1} << 40));
}

// Applies one setting NAME (a flag without dashes) with VALUE.
void apply(const std::string& name, const std::string& value, ServerConfig& config) {
  if (name == "data") {
    config.data_dir = value;
  } else if (name == "listen") {
    parse_listen(value, config);
  } else if (name == "port-file") {
    config.port_file = value;
  } else if (name == "workers") {
    config.workers = static_cast<unsigned>(parse_number(name, value, 1024));
    if (config.workers == 0) {
      throw std::invalid_argument("--workers expects at least 1 network thread, not 0");
    }
  } else if (name == "max-connections") {
    config.max_connections = static_cast<unsigned>(parse_number(name, value, 100000));
  } else if (name == "max-frame-bytes") {
    config.max_frame_size = static_cast<uint32_t>(parse_number(name, value, 1u << 30));
    // A smaller bound turns every client away: not even Hello and Authenticate fit.
    if (config.max_frame_size < 256) {
      throw std::invalid_argument("--max-frame-bytes expects at least 256 bytes");
    }
  } else if (name == "idle-timeout-ms") {
    config.idle_timeout = parse_ms(name, value);
  } else if (name == "query-timeout-ms") {
    config.query_timeout = parse_ms(name, value);
  } else if (name == "transaction-idle-timeout-ms") {
    config.transaction_idle_timeout = parse_ms(name, value);
  } else if (name == "slow-query-ms") {
    config.slow_query = parse_ms(name, value);
  } else if (name == "batch-size") {
    config.batch_size = static_cast<uint32_t>(parse_number(name, value, 1u << 20));
  } else if (name == "tls-cert") {
    config.tls_cert = value;
  } else if (name == "tls-key") {
    config.tls_key = value;
  } else if (name == "admin-password-file") {
    config.admin_password_file = value;
  } else if (name == "import-dir") {
    if (value.empty()) {
      throw std::invalid_argument("--import-dir expects a directory");
    }
    config.import_dir = value;
  } else if (name == "password-cost") {
    config.password_cost = parse_cost(value);
  } else if (name == "log-level") {
    static const char* const kLevels[] = {"trace", "debug",    "info", "warn",
                                          "error", "critical", "off"};
    if (std::find(std::begin(kLevels), std::end(kLevels), value) == std::end(kLevels)) {
      throw std::invalid_argument(
          "--log-level expects trace, debug, info, warn, error, critical or off, not '" + value +
          "'");
    }
    config.log_level = value;
  } else {
    throw std::invalid_argument("unknown setting '" + name + "'");
  }
}

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r");
  size_t last = text.find_last_not_of(" \t\r");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

void read_config_file(const std::string& path, ServerConfig& config) {
  std::ifstream in(path);
  if (!in) {
    throw std::invalid_argument("cannot read config file " + path);
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string text = trim(line);
    if (text.empty() || text[0] == '#') {
      continue;
    }
    size_t equals = text.find('=');
    if (equals == std::string::npos) {
      throw std::invalid_argument(path + ":" + std::to_string(number) + ": expected name = value");
    }
    std::string name = trim(text.substr(0, equals));
    std::string value = trim(text.substr(equals + 1));
    if (name == "no-fsync") {
      config.durable = !(value == "true" || value == "1");
      continue;
    }
    try {
      apply(name, value, config);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
}

}  // namespace

ServerConfig parse_config(const std::vector<std::string>& args) {
  ServerConfig config;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--config") {
      read_config_file(args[i + 1], config);
    }
  }

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--no-fsync") {
      config.durable = false;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || i + 1 >= args.size()) {
      throw std::invalid_argument("unexpected argument '" + arg + "'");
    }
    std::string value = args[++i];
    if (arg != "--config") {
      apply(arg.substr(2), value, config);
    }
  }

  if (config.data_dir.empty()) {
    throw std::invalid_argument("--data DIR is required");
  }
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  }
  return config;
}

const char* usage_text() {
  return "usage: quiverd --data DIR [--listen HOST:PORT] [--workers N] [--config FILE]\n"
         "  --admin-password-file FILE  first admin's password (or env QUIVER_ADMIN_PASSWORD)\n"
         "  --tls-cert FILE --tls-key FILE   serve TLS only\n"
         "  --max-connections N  --max-frame-bytes N  --idle-timeout-ms N\n"
         "  --query-timeout-ms N  --slow-query-ms N  --batch-size N\n"
         "  --transaction-idle-timeout-ms N  roll back a transaction idle this long (60000)\n"
         "  --import-dir DIR     LOAD CSV reads files inside DIR only (default: no files)\n"
         "  --password-cost min|interactive|moderate  --log-level LEVEL\n"
         "  --port-file FILE (write the bound port)  --no-fsync (tests only)\n"
         "  config file: one `name = value` per line, names as the flags without dashes\n";
}

}  // namespace quiver::server
