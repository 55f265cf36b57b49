#pragma once

// quiverd's settings: command-line flags, optionally read first from a config file of
// `name = value` lines that use the flag names without their dashes.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace quiver::server {

// How hard argon2id works on each new password hash (libsodium's limits).
enum class PasswordCost { kMinimum, kInteractive, kModerate };

struct ServerConfig {
  std::filesystem::path data_dir;         // --data DIR (required)
  std::string listen_host = "127.0.0.1";  // --listen HOST:PORT
  uint16_t listen_port = 7688;            // port 0 picks a free one (see --port-file)
  std::filesystem::path port_file;        // --port-file FILE: the bound port is written there
  unsigned workers = 4;                   // --workers N: network threads
  unsigned max_connections = 256;         // --max-connections N
  uint32_t max_frame_size = 16u << 20;    // --max-frame-bytes N
  std::chrono::milliseconds idle_timeout{300'000};  // --idle-timeout-ms N (0: none)
  std::chrono::milliseconds query_timeout{60'000};  // --query-timeout-ms N (0: none)
  std::chrono::milliseconds slow_query{1'000};      // --slow-query-ms N (0: log none)
  uint32_t batch_size = 1000;                       // --batch-size N: records per Pull at most
  std::filesystem::path tls_cert;                   // --tls-cert FILE (PEM chain)
  std::filesystem::path tls_key;                    // --tls-key FILE (PEM)
  std::filesystem::path admin_password_file;        // --admin-password-file FILE
  std::filesystem::path import_dir;  // --import-dir DIR: LOAD CSV reads only files inside it;
                                     // empty: LOAD CSV may read no file at all
  // --transaction-idle-timeout-ms N: an explicit transaction that gets no request for this long
  // is rolled back (0: never).
  std::chrono::milliseconds transaction_idle_timeout{60'000};
  PasswordCost password_cost =
      PasswordCost::kInteractive;  // --password-cost min|interactive|moderate
  bool durable = true;             // --no-fsync turns it off (tests, benchmarks)
  std::string log_level = "info";  // --log-level trace|debug|info|warn|error

  bool tls() const { return !tls_cert.empty(); }
};

// Parses ARGS (argv without the program name). Throws std::invalid_argument with a message
// for the user on an unknown flag, a bad value or a missing --data; reads --config FILE first
// wherever it appears, so flags override the file.
ServerConfig parse_config(const std::vector<std::string>& args);

// The usage text printed for --help and after a bad flag.
const char* usage_text();

}  // namespace quiver::server
