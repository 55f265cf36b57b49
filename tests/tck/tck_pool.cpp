#include "tck/tck_pool.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace quiver::tck {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The most of a child's own output quoted in a crash reason.
constexpr size_t kLogTail = 1500;

struct Child {
  pid_t pid = -1;
  int fd = -1;  // read end of the pipe the child writes its outcome to
  size_t index = 0;
  std::string payload;
  Clock::time_point started;
  Clock::time_point deadline;
  fs::path dir;
};

// The outcome travels as: verdict letter, kind, NUL, reason.
std::string encode(const ScenarioOutcome& o) {
  char verdict = o.verdict == Verdict::kPassed ? 'P' : o.verdict == Verdict::kSkipped ? 'S' : 'F';
  return std::string(1, verdict) + o.kind + '\0' + o.reason;
}

std::optional<ScenarioOutcome> decode(const std::string& payload) {
  size_t nul = payload.find('\0');
  if (payload.empty() || nul == std::string::npos) {
    return std::nullopt;
  }
  Verdict v = payload[0] == 'P'   ? Verdict::kPassed
              : payload[0] == 'S' ? Verdict::kSkipped
                                  : Verdict::kFailed;
  return ScenarioOutcome{v, payload.substr(1, nul - 1), payload.substr(nul + 1)};
}

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;
    }
    done += static_cast<size_t>(n);
  }
}

// In the child: runs the scenario with its output sent to a log file and reports through FD.
[[noreturn]] void child_main(const Scenario& scenario, const ScenarioFunction& run,
                             const fs::path& dir, const fs::path& graphs_dir, int fd) {
  int log = ::open((dir / "output.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (log >= 0) {
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    ::close(log);
  }
  ScenarioOutcome outcome = run(scenario, {dir / "db", graphs_dir});
  write_all(fd, encode(outcome));
  ::close(fd);
  ::_exit(0);
}

std::string log_tail(const fs::path& dir) {
  std::ifstream in(dir / "output.log");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (s.size() > kLogTail) {
    s = "..." + s.substr(s.size() - kLogTail);
  }
  return s.empty() ? "" : "\noutput:\n" + s;
}

// What a child that has ended left behind: its outcome, or why there is none.
ScenarioOutcome finish(Child& child, bool timed_out, int timeout_s) {
  int status = 0;
  if (timed_out) {
    ::kill(child.pid, SIGKILL);
  }
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(child.fd);

  ScenarioOutcome outcome;
  if (timed_out) {
    outcome = {Verdict::kFailed, "timeout",
               "no result within " + std::to_string(timeout_s) + " s" + log_tail(child.dir)};
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    outcome = {Verdict::kFailed, std::string("crash: ") + strsignal(sig),
               "the scenario's process died of signal " + std::to_string(sig) + " (" +
                   strsignal(sig) + ")" + log_tail(child.dir)};
  } else if (auto decoded = decode(child.payload)) {
    outcome = *decoded;
  } else {
    outcome = {Verdict::kFailed, "crash: exit without outcome",
               "the scenario's process exited with status " + std::to_string(WEXITSTATUS(status)) +
                   " before reporting" + log_tail(child.dir)};
  }
  std::error_code ignored;
  fs::remove_all(child.dir, ignored);
  return outcome;
}

Child start(const Scenario& scenario, size_t index, const PoolOptions& options,
            const ScenarioFunction& run) {
  Child child;
  child.index = index;
  child.dir = options.work_dir / ("s" + std::to_string(index));
  fs::create_directories(child.dir);

  int fds[2];
  if (::pipe(fds) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  child.started = Clock::now();
  child.deadline = child.started + std::chrono::seconds(options.timeout_s);
  child.pid = ::fork();
  if (child.pid < 0) {
    throw std::system_error(errno, std::generic_category(), "fork");
  }
  if (child.pid == 0) {
    ::close(fds[0]);
    child_main(scenario, run, child.dir, options.graphs_dir, fds[1]);
  }
  ::close(fds[1]);
  child.fd = fds[0];
  return child;
}

}  // namespace

std::vector<ScenarioRecord> run_in_children(
    const std::vector<const Scenario*>& scenarios, const PoolOptions& options,
    const ScenarioFunction& run, const std::function<void(const ScenarioRecord&)>& on_done) {
  std::vector<ScenarioRecord> records(scenarios.size());
  std::vector<Child> running;
  size_t next = 0;

  auto complete = [&](Child& child, bool timed_out) {
    const Scenario& s = *scenarios[child.index];
    ScenarioRecord& r = records[child.index];
    r.id = scenario_key(s);
    r.folder = folder_of(s.feature_uri);
    r.feature = s.feature_uri;
    r.name = s.name;
    r.outcome = finish(child, timed_out, options.timeout_s);
    r.seconds = std::chrono::duration<double>(Clock::now() - child.started).count();
    on_done(r);
  };

  while (next < scenarios.size() || !running.empty()) {
    while (running.size() < static_cast<size_t>(options.jobs) && next < scenarios.size()) {
      running.push_back(start(*scenarios[next], next, options, run));
      ++next;
    }

    // Wait for output from any child, but no longer than the nearest deadline.
    auto now = Clock::now();
    auto nearest = running.front().deadline;
    std::vector<pollfd> fds;
    for (const Child& c : running) {
      nearest = std::min(nearest, c.deadline);
      fds.push_back({c.fd, POLLIN, 0});
    }
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(nearest - now).count();
    ::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<int64_t>(wait_ms, 0, 1000)));

    std::vector<Child> still;
    now = Clock::now();
    for (size_t i = 0; i < running.size(); ++i) {
      Child& c = running[i];
      bool ended = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[4096];
        ssize_t n = ::read(c.fd, buf, sizeof buf);
        if (n > 0) {
          c.payload.append(buf, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          ended = true;
        }
      }
      if (ended) {
        complete(c, false);
      } else if (now >= c.deadline) {
        complete(c, true);
      } else {
        still.push_back(std::move(c));
      }
    }
    running = std::move(still);
  }
  return records;
}

}  // namespace quiver::tck
