// Statement and transaction atomicity of writes through the embedded API, including a writer
// killed with SIGKILL in the middle of its statements.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

int64_t count_nodes(Session& session, const std::string& label) {
  Result r = session.run("MATCH (n:" + label + ") RETURN count(n) AS c");
  return r[0].get("c").as_int();
}

TEST(WriteAtomicity, FailedAutoCommitStatementLeavesNoPartialChange) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();

  // The third row divides by zero after two nodes were created in the same statement.
  Outcome<Result> r = session.try_run("UNWIND [1, 2, 0] AS x CREATE (:N {v: 10 / x})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().category(), "ArithmeticError");
  EXPECT_EQ(count_nodes(session, "N"), 0);
  EXPECT_TRUE(db->check_integrity().ok());
}

TEST(WriteAtomicity, DeletingAConnectedNodeFailsAndKeepsEverything) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  session.run("CREATE (:A)-[:R]->(:B), (:C)");

  Outcome<Result> r = session.try_run("MATCH (c:C) DELETE c WITH 1 AS one MATCH (a:A) DELETE a");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail(), "DeleteConnectedNode");
  EXPECT_EQ(count_nodes(session, "C"), 1);
  EXPECT_EQ(count_nodes(session, "A"), 1);
}

TEST(WriteAtomicity, RollbackUndoesEveryStatementOfTheTransaction) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  {
    Transaction txn = session.begin_write();
    txn.run("CREATE (:T {i: 1})");
    txn.run("CREATE (:T {i: 2})");
    EXPECT_EQ(txn.run("MATCH (t:T) RETURN count(t) AS c")[0].get("c").as_int(), 2);
    txn.rollback();
    EXPECT_FALSE(txn.open());
  }
  EXPECT_EQ(count_nodes(session, "T"), 0);
}

TEST(WriteAtomicity, CommitMakesAllStatementsVisibleAtOnce) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session writer = db->session();
  Session reader = db->session();

  Transaction txn = writer.begin_write();
  txn.run("CREATE (:T {i: 1})");
  txn.run("CREATE (:T {i: 2})");

  // Another thread reading meanwhile sees the last committed state only.
  int64_t seen = -1;
  std::thread other([&] { seen = count_nodes(reader, "T"); });
  other.join();
  EXPECT_EQ(seen, 0);

  txn.commit();
  EXPECT_EQ(count_nodes(reader, "T"), 2);
}

TEST(WriteAtomicity, AFailedStatementRollsBackItsWriteTransaction) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();

  Transaction txn = session.begin_write();
  txn.run("CREATE (:T {i: 1})");
  Outcome<Result> failed = txn.try_run("CREATE (:T {i: 1 / 0})");
  ASSERT_FALSE(failed.ok());
  EXPECT_FALSE(txn.open());

  Outcome<Result> after = txn.try_run("CREATE (:T {i: 3})");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().detail(), "TransactionClosed");
  EXPECT_EQ(count_nodes(session, "T"), 0);
}

TEST(WriteAtomicity, WriteInAReadTransactionIsRefused) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();

  Transaction txn = session.begin_read();
  Outcome<Result> r = txn.try_run("CREATE (:T)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().category(), "TransactionError");
  EXPECT_EQ(r.error().detail(), "ReadOnlyTransaction");
  EXPECT_TRUE(txn.open());
}

TEST(WriteAtomicity, UniquenessConstraintViolationChangesNothing) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  session.run("CREATE CONSTRAINT FOR (u:User) REQUIRE u.email IS UNIQUE");
  session.run("CREATE (:User {email: 'a@x'})");

  Outcome<Result> r = session.try_run("UNWIND ['b@x', 'a@x'] AS e CREATE (:User {email: e})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(count_nodes(session, "User"), 1);
}

// A child process creates nodes in statements of exactly kBatch nodes until it is killed; after
// reopening, the count is a whole number of statements and the store is consistent.
TEST(WriteAtomicity, WriterKilledMidStatementLeavesOnlyWholeStatements) {
  constexpr int kBatch = 500;
  TempDir dir;
  { auto db = Database::open(dir.path()); }

  int64_t last = 0;
  for (int trial = 0; trial < 3; ++trial) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto db = Database::open(dir.path());
      Session session = db->session();
      for (;;) {
        session.run("UNWIND range(1, $n) AS i CREATE (:K {i: i})-[:NEXT]->(:K2)",
                    {{"n", Value(kBatch)}});
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 150 * trial));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto db = Database::open(dir.path());
    Session session = db->session();
    int64_t k = count_nodes(session, "K");
    EXPECT_EQ(k % kBatch, 0) << "trial " << trial;
    EXPECT_EQ(count_nodes(session, "K2"), k);
    IntegrityReport report = db->check_integrity();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    last = k;
  }
  EXPECT_GT(last, 0) << "the writer never committed a statement before it was killed";
}

}  // namespace
}  // namespace quiver
