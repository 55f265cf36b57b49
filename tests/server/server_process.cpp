// Starting and stopping quiverd for the end-to-end tests.
#include "server/server_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace quiver::test_support {

namespace {

// Waits up to LIMIT for PID to exit; its exit code, -1 when signalled, -2 when still running.
int wait_for(pid_t pid, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -2;
}

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string>& extra) {
  data_dir_ = scratch_.str("db");
  std::string port_file = scratch_.str("port");
  std::string password_file = scratch_.write("admin-password", kAdminPassword);

  std::vector<std::string> args = {QUIVERD_PATH,  "--data",
                                   data_dir_,     "--listen",
                                   "127.0.0.1:0", "--port-file",
                                   port_file,     "--admin-password-file",
                                   password_file, "--password-cost",
                                   "min",         "--no-fsync",
                                   "--log-level", "warn"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  if (::posix_spawn(&pid_, QUIVERD_PATH, nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start quiverd");
  }

  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = static_cast<uint16_t>(port);
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("quiverd exited during start-up");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("quiverd did not start listening within 30 s");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && terminate() == -2) {
    ::kill(pid_, SIGKILL);
    wait_for(pid_, std::chrono::seconds(5));
  }
}

int ServerProcess::terminate() {
  if (pid_ <= 0) {
    return -1;
  }
  ::kill(pid_, SIGTERM);
  int code = wait_for(pid_, std::chrono::seconds(15));
  if (code != -2) {
    pid_ = -1;
  }
  return code;
}

}  // namespace quiver::test_support
