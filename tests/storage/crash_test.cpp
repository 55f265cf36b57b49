// Kills a writing process with SIGKILL at random moments and checks what survives.
// Trials: QUIVER_CRASH_TRIALS (default 200; ctest passes 30 unless the variable is set).

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "storage/integrity.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

constexpr LabelId kItem = 1;
constexpr PropertyKeyId kSeq = 1;
constexpr PropertyKeyId kLast = 2;
constexpr RelTypeId kNext = 1;

int trial_count() {
  const char* text = std::getenv("QUIVER_CRASH_TRIALS");
  int trials = text != nullptr ? std::atoi(text) : 200;
  return trials > 0 ? trials : 200;
}

// One commit: node N (label, seq = N), a NEXT relationship from node N-1, and node 1's `last`
// set to N. Every commit touches several tables, so a torn commit would show.
Status commit_step(Environment& env, std::uint64_t n) {
  return env.write([n](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    LabelId label[] = {kItem};
    QUIVER_STORAGE_ASSIGN(NodeId id, nodes.create(label, {{kSeq, static_cast<std::int64_t>(n)}}));
    if (id != n) {
      return make_error(StorageErrc::Corrupt, "unexpected node id");
    }
    if (n > 1) {
      QUIVER_STORAGE_TRY(RelationshipStore(txn).create(kNext, n - 1, n, {}));
    }
    return nodes.set_property(1, kLast, static_cast<std::int64_t>(n));
  });
}

// The child: commits forever, writing each committed sequence number to FD.
[[noreturn]] void writer_process(const std::filesystem::path& path, int fd) {
  auto env = Environment::open(path, testing::fast_options());
  if (!env.ok()) {
    ::_exit(3);
  }
  std::uint64_t n = 0;
  {
    auto txn = (*env)->begin_read();
    n = txn.ok() ? *NodeStore(*txn).count() : 0;
  }
  for (;;) {
    ++n;
    if (!commit_step(**env, n).ok()) {
      ::_exit(4);
    }
    if (::write(fd, &n, sizeof n) != sizeof n) {
      ::_exit(5);
    }
  }
}

// Checks the reopened store after a kill: every reported commit present, nothing partial.
void verify(const std::filesystem::path& path, std::uint64_t reported) {
  auto env = testing::open_env(path);
  ASSERT_NE(env, nullptr);
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env->begin_read());
  NodeStore nodes(txn);
  QV_ASSERT_OK_AND_ASSIGN(std::uint64_t count, nodes.count());

  // At most one commit may have landed after the last report (killed before reporting it).
  ASSERT_GE(count, reported) << "a reported commit is missing";
  ASSERT_LE(count, reported + 1);
  QV_ASSERT_OK_AND_ASSIGN(std::uint64_t rels, RelationshipStore(txn).count());
  EXPECT_EQ(rels, count == 0 ? 0 : count - 1) << "a commit is partially visible";
  EXPECT_EQ(*nodes.count_label(kItem), count);
  if (count > 0) {
    EXPECT_EQ(*nodes.property(1, kLast), PropertyValue(static_cast<std::int64_t>(count)));
    EXPECT_EQ(*nodes.property(count, kSeq), PropertyValue(static_cast<std::int64_t>(count)));
  }
  QV_ASSERT_OK_AND_ASSIGN(IntegrityReport report, check_integrity(txn));
  for (const auto& problem : report.problems) {
    ADD_FAILURE() << problem;
  }
}

TEST(CrashTest, SigkillDuringCommitsLosesNothingReportedAndShowsNothingPartial) {
  TempDir dir;
  std::mt19937 random(20261203);
  std::uniform_int_distribution<int> delay_us(0, 40000);
  int trials = trial_count();
  std::uint64_t reported = 0;
  for (int trial = 0; trial < trials; ++trial) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      writer_process(dir.path(), fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited on its own with " << WEXITSTATUS(status);

    std::uint64_t seq = 0;
    while (::read(fds[0], &seq, sizeof seq) == sizeof seq) {
      reported = std::max(reported, seq);
    }
    ::close(fds[0]);
    SCOPED_TRACE("trial " + std::to_string(trial) + ", last reported commit " +
                 std::to_string(reported));
    verify(dir.path(), reported);
    if (::testing::Test::HasFatalFailure()) {
      return;
    }

    // Commits that landed unreported count as reported from now on.
    auto env = testing::open_env(dir.path());
    auto txn = env->begin_read();
    reported = *NodeStore(*txn).count();
  }
  RecordProperty("trials", trials);
  RecordProperty("commits", static_cast<int>(reported));
  std::printf("crash test: %d trials, %llu commits survived\n", trials,
              static_cast<unsigned long long>(reported));
}

}  // namespace
}  // namespace quiver::storage
