#pragma once

// A quiverd child process for one test: a scratch database, a free loopback port, an admin
// whose password is "admin-secret" and minimal argon2id cost so that tests log in fast.

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace quiver::test_support {

class ServerProcess {
 public:
  static constexpr const char* kAdminPassword = "admin-secret";

  // Starts quiverd with EXTRA flags and waits (at most 30 s) until it listens. Throws
  // std::runtime_error when it does not come up.
  explicit ServerProcess(const std::vector<std::string>& extra = {});

  // Stops it with SIGTERM (SIGKILL after 10 s) unless already stopped.
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }
  const TempDir& scratch() const { return scratch_; }

  // Sends SIGTERM and waits (at most 15 s) for the exit status; -1 when killed by a signal
  // or still running.
  int terminate();

 private:
  TempDir scratch_{"quiverd-test"};
  std::string data_dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace quiver::test_support
