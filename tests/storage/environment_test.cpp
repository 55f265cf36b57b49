#include "storage/environment.h"

#include <gtest/gtest.h>
#include <lmdb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/node_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

Status create_nodes(Environment& env, int count, const Properties& props = {}) {
  return env.write([&](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    for (int i = 0; i < count; ++i) {
      QUIVER_STORAGE_TRY(nodes.create({}, props));
    }
    return {};
  });
}

std::uint64_t node_count(Environment& env) {
  auto txn = env.begin_read();
  EXPECT_TRUE(txn.ok());
  return txn.ok() ? *NodeStore(*txn).count() : 0;
}

TEST(Environment, CreatesDirectoryAndReopensWithData) {
  TempDir dir;
  auto path = dir.path() / "nested" / "db";
  {
    auto env = testing::open_env(path);
    QV_ASSERT_OK(create_nodes(*env, 3));
  }
  auto env = testing::open_env(path);
  EXPECT_EQ(node_count(*env), 3u);
}

TEST(Environment, MissingDirectoryWithoutCreateIsNotFound) {
  TempDir dir;
  EnvironmentOptions options = testing::fast_options();
  options.create_if_missing = false;
  auto env = Environment::open(dir.path() / "absent", options);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::NotFound);
}

TEST(Environment, ReadOnlyOpenRefusesWrites) {
  TempDir dir;
  { QV_ASSERT_OK(create_nodes(*testing::open_env(dir.path()), 1)); }
  EnvironmentOptions options = testing::fast_options();
  options.read_only = true;
  auto env = testing::open_env(dir.path(), options);
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(node_count(*env), 1u);
  EXPECT_EQ(env->begin_write().error().code, StorageErrc::ReadOnly);
}

TEST(Environment, ReaderKeepsItsSnapshotWhileWriterCommits) {
  TempDir dir;
  auto env = testing::open_env(dir.path());
  QV_ASSERT_OK(create_nodes(*env, 2));
  QV_ASSERT_OK_AND_ASSIGN(auto reader, env->begin_read());
  QV_ASSERT_OK(create_nodes(*env, 5));
  EXPECT_EQ(*NodeStore(reader).count(), 2u);
  EXPECT_FALSE(*NodeStore(reader).exists(3));
  reader.abort();
  EXPECT_EQ(node_count(*env), 7u);
}

TEST(Environment, MapGrowsOnDemandInsideOneWrite) {
  TempDir dir;
  EnvironmentOptions options = testing::fast_options();
  options.initial_map_size = 1 << 20;  // 1 MiB
  auto env = testing::open_env(dir.path(), options);
  ASSERT_NE(env, nullptr);
  std::string blob(4000, 'x');
  QV_ASSERT_OK(create_nodes(*env, 2000, {{1, blob}}));  // about 8 MiB
  EXPECT_GE(env->map_size(), std::uint64_t{8} << 20);   // grew at least three times
  EXPECT_EQ(node_count(*env), 2000u);
}

TEST(Environment, MapFullIsReportedWhenGrowthIsCapped) {
  TempDir dir;
  EnvironmentOptions options = testing::fast_options();
  options.initial_map_size = 1 << 20;
  options.max_map_size = 2 << 20;
  auto env = testing::open_env(dir.path(), options);
  ASSERT_NE(env, nullptr);
  auto status = create_nodes(*env, 2000, {{1, std::string(4000, 'x')}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, StorageErrc::MapFull);
  EXPECT_EQ(node_count(*env), 0u);
}

TEST(Environment, NewerFormatVersionIsRefused) {
  TempDir dir;
  {
    auto env = testing::open_env(dir.path());
    QV_ASSERT_OK(env->write([](WriteTransaction& txn) -> Status {
      return write_counter(txn, kMetaFormatVersion, kFormatVersion + 1);
    }));
  }
  auto env = Environment::open(dir.path(), testing::fast_options());
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::VersionMismatch);
  EXPECT_NE(env.error().message.find("format version 2"), std::string::npos) << env.error().message;
}

TEST(Environment, GarbageDataFileIsCorrupt) {
  TempDir dir;
  {
    std::ofstream out(dir.path() / "data.mdb", std::ios::binary);
    for (int i = 0; i < 5000; ++i) {
      out << "not an lmdb file ";
    }
  }
  auto env = Environment::open(dir.path(), testing::fast_options());
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::Corrupt) << env.error().message;
}

TEST(Environment, TruncatedDataFileIsCorruptNotACrash) {
  TempDir dir;
  {
    auto env = testing::open_env(dir.path());
    QV_ASSERT_OK(create_nodes(*env, 3000, {{1, std::string(100, 'y')}}));
  }
  auto data = dir.path() / "data.mdb";
  std::filesystem::resize_file(data, std::filesystem::file_size(data) / 2);
  auto env = Environment::open(dir.path(), testing::fast_options());
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::Corrupt) << env.error().message;
  EXPECT_NE(env.error().message.find("truncated"), std::string::npos);
}

TEST(Environment, DirectoryWithoutPermissionIsRefused) {
  TempDir dir;
  auto locked = dir.path() / "locked";
  std::filesystem::create_directory(locked);
  // Built step by step: g++ 12 misreports a chain of + on strings here (-Wrestrict).
  std::string quoted(1, '\'');
  quoted.append(locked.string()).push_back('\'');
  std::string lock_command = "chattr +i ";
  lock_command.append(quoted).append(" 2>/dev/null");
  std::string unlock_command = "chattr -i ";
  unlock_command.append(quoted);
  bool immutable = false;
  if (::geteuid() == 0) {
    // Root passes every mode check, so take write access away with the immutable attribute,
    // which binds root too. File systems without it (tmpfs, overlay) cannot run this test.
    immutable = std::system(lock_command.c_str()) == 0;
    if (!immutable) {
      GTEST_SKIP() << "running as root and chattr +i is not supported here";
    }
  } else {
    std::filesystem::permissions(
        locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  }
  auto env = Environment::open(locked, testing::fast_options());
  if (immutable) {
    EXPECT_EQ(std::system(unlock_command.c_str()), 0);
  } else {
    std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
  }
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::Permission) << env.error().message;
}

TEST(Environment, PathThatIsAFileIsInvalid) {
  TempDir dir;
  std::ofstream(dir.path() / "plain") << "x";
  auto env = Environment::open(dir.path() / "plain", testing::fast_options());
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().code, StorageErrc::InvalidArgument);
}

TEST(Environment, SecondProcessSeesEachCommit) {
  TempDir dir;
  auto env = testing::open_env(dir.path());
  ASSERT_NE(env, nullptr);
  int to_child[2];
  int to_parent[2];
  ASSERT_EQ(::pipe(to_child), 0);
  ASSERT_EQ(::pipe(to_parent), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: a reader in its own environment; for each round it waits for the parent's
    // commit, then answers with the node count it sees.
    ::close(to_child[1]);
    ::close(to_parent[0]);
    EnvironmentOptions options = testing::fast_options();
    options.read_only = true;
    auto reader = Environment::open(dir.path(), options);
    char round = 0;
    while (reader.ok() && ::read(to_child[0], &round, 1) == 1) {
      auto txn = (*reader)->begin_read();
      std::uint64_t seen = txn.ok() ? *NodeStore(*txn).count() : 999;
      auto byte = static_cast<char>(seen);
      if (::write(to_parent[1], &byte, 1) != 1) {
        break;
      }
    }
    ::_exit(reader.ok() ? 0 : 3);
  }
  ::close(to_child[0]);
  ::close(to_parent[1]);
  for (char round = 1; round <= 5; ++round) {
    ASSERT_TRUE(create_nodes(*env, 1).ok());
    ASSERT_EQ(::write(to_child[1], &round, 1), 1);
    char seen = 0;
    ASSERT_EQ(::read(to_parent[0], &seen, 1), 1);
    EXPECT_EQ(seen, round) << "the other process missed a commit";
  }
  ::close(to_child[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ::close(to_parent[0]);
}

TEST(Environment, MapGrownByAnotherProcessIsAdopted) {
  TempDir dir;
  EnvironmentOptions options = testing::fast_options();
  options.initial_map_size = 1 << 20;
  auto env = testing::open_env(dir.path(), options);
  ASSERT_NE(env, nullptr);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto other = Environment::open(dir.path(), options);
    bool ok = other.ok() && create_nodes(**other, 1000, {{1, std::string(4000, 'z')}}).ok();
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  // This process still has the 1 MiB map; its next transactions must see the larger file.
  EXPECT_EQ(node_count(*env), 1000u);
  QV_ASSERT_OK(create_nodes(*env, 10, {{1, std::string(4000, 'w')}}));
  EXPECT_EQ(node_count(*env), 1010u);
  EXPECT_GT(env->map_size(), std::uint64_t{1} << 20);
}

TEST(Environment, ReaderThreadsSeeWholeCommitsWhileAWriterRuns) {
  TempDir dir;
  auto env = testing::open_env(dir.path());
  ASSERT_NE(env, nullptr);
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0};
  std::atomic<int> reads{0};
  auto reader = [&] {
    while (!stop.load()) {
      auto txn = env->begin_read();
      if (!txn.ok()) {
        continue;
      }
      // Each commit adds ten nodes; a snapshot that is not a multiple of ten is torn.
      if (*NodeStore(*txn).count() % 10 != 0) {
        ++torn;
      }
      ++reads;
    }
  };
  std::thread a(reader);
  std::thread b(reader);
  while (reads.load() == 0) {
    std::this_thread::yield();  // readers are running before the first commit
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(create_nodes(*env, 10).ok());
  }
  stop = true;
  a.join();
  b.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(node_count(*env), 500u);
}

}  // namespace
}  // namespace quiver::storage
