// Statements stopped while they run: by their time limit or by a cancel flag set from another
// thread, and the session and transaction states they leave behind.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using std::chrono::milliseconds;
using test_support::TempDir;
using Clock = std::chrono::steady_clock;

// A thousand :P nodes, whose three-way product (a billion rows) no test waits for.
constexpr const char* kThousandNodes = "UNWIND range(1, 1000) AS i CREATE (:P {i: i})";
constexpr const char* kEndlessCount =
    "MATCH (a:P), (b:P), (c:P) WHERE a.i <= b.i RETURN count(*) AS c";

class InterruptTest : public ::testing::Test {
 protected:
  InterruptTest() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path(), options);
    db_->session().run(kThousandNodes);
  }

  int64_t count(const std::string& label) {
    return db_->session().run("MATCH (n:" + label + ") RETURN count(n)")[0][0].as_int();
  }

  // Runs BODY, which must throw Error; returns the error and sets ELAPSED to how long it took.
  template <typename Body>
  static Error failure_of(Body&& body, milliseconds* elapsed = nullptr) {
    Clock::time_point start = Clock::now();
    try {
      body();
    } catch (const Error& e) {
      if (elapsed != nullptr) {
        *elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
      }
      return e;
    }
    ADD_FAILURE() << "the statement was not stopped";
    return Error("", "", "", "");
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

RunOptions within(milliseconds timeout) {
  RunOptions options;
  options.timeout = timeout;
  return options;
}

TEST_F(InterruptTest, TimeoutStopsAnEndlessCountSoonAfterTheLimit) {
  Session session = db_->session();
  milliseconds elapsed{0};
  Error e =
      failure_of([&] { session.run(kEndlessCount, {}, within(milliseconds(200))); }, &elapsed);
  EXPECT_EQ(e.category(), "TimeoutError");
  EXPECT_EQ(e.detail(), "QueryTimeout");
  EXPECT_EQ(e.phase(), "runtime");
  EXPECT_NE(e.message().find("200 ms"), std::string::npos) << e.message();
  EXPECT_GE(elapsed.count(), 200);
  EXPECT_LT(elapsed.count(), 1500);

  EXPECT_EQ(session.run("RETURN 1 AS one")[0][0].as_int(), 1);
}

TEST_F(InterruptTest, TimedOutWriteChangesNothing) {
  Session session = db_->session();
  Error e = failure_of([&] {
    session.run("MATCH (a:P), (b:P), (c:P) CREATE (:Endless {x: a.i})", {},
                within(milliseconds(200)));
  });
  EXPECT_EQ(e.category(), "TimeoutError");
  EXPECT_EQ(count("Endless"), 0);
  session.run("CREATE (:After)");
  EXPECT_EQ(count("After"), 1);
}

TEST_F(InterruptTest, TimeoutStopsAVariableLengthExpansion) {
  Session session = db_->session();
  session.run("UNWIND range(1, 30) AS i CREATE (:K {i: i})");
  session.run("MATCH (a:K), (b:K) WHERE a <> b CREATE (a)-[:R]->(b)");
  // From one node alone there are more paths of up to 12 hops than the memory bound would hold,
  // so the time limit must stop the expansion before it returns its first row.
  Error e = failure_of([&] {
    session.run("MATCH (a:K {i: 1})-[*1..12]->(b) RETURN count(*)", {}, within(milliseconds(200)));
  });
  EXPECT_EQ(e.detail(), "QueryTimeout");
  EXPECT_EQ(count("K"), 30);
}

TEST_F(InterruptTest, TimeoutInAWriteTransactionRollsTheTransactionBack) {
  Session session = db_->session();
  Transaction txn = session.begin_write();
  txn.run("CREATE (:Earlier)");
  Error e = failure_of([&] { txn.run(kEndlessCount, {}, within(milliseconds(200))); });
  EXPECT_EQ(e.detail(), "QueryTimeout");
  EXPECT_FALSE(txn.open());
  EXPECT_EQ(failure_of([&] { txn.run("RETURN 1"); }).detail(), "TransactionClosed");
  EXPECT_EQ(count("Earlier"), 0);

  Transaction next = session.begin_write();
  next.run("CREATE (:Later)");
  next.commit();
  EXPECT_EQ(count("Later"), 1);
}

TEST_F(InterruptTest, TimeoutInAReadTransactionLeavesItOpen) {
  Session session = db_->session();
  Transaction txn = session.begin_read();
  EXPECT_EQ(failure_of([&] { txn.run(kEndlessCount, {}, within(milliseconds(100))); }).detail(),
            "QueryTimeout");
  EXPECT_TRUE(txn.open());
  EXPECT_EQ(txn.run("RETURN 2 AS two")[0][0].as_int(), 2);
}

TEST_F(InterruptTest, CancelFlagSetFromAnotherThreadStopsTheStatement) {
  Session session = db_->session();
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.cancel = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    cancel.store(true);
  });
  milliseconds elapsed{0};
  Error e = failure_of([&] { session.run(kEndlessCount, {}, options); }, &elapsed);
  canceller.join();
  EXPECT_EQ(e.category(), "TransactionError");
  EXPECT_EQ(e.detail(), "Cancelled");
  EXPECT_LT(elapsed.count(), 1500);

  EXPECT_EQ(failure_of([&] { session.run("RETURN 1", {}, options); }).detail(), "Cancelled");
  cancel.store(false);
  EXPECT_EQ(session.run("RETURN 3 AS three", {}, options)[0][0].as_int(), 3);
}

TEST_F(InterruptTest, DatabaseTimeoutAppliesWhenTheRunSetsNone) {
  db_.reset();
  Options options;
  options.durable = false;
  options.query_timeout = milliseconds(150);
  db_ = Database::open(dir_.path(), options);
  Session session = db_->session();
  EXPECT_EQ(failure_of([&] { session.run(kEndlessCount); }).detail(), "QueryTimeout");
  EXPECT_EQ(session.run("RETURN 4 AS four")[0][0].as_int(), 4);
}

TEST_F(InterruptTest, StatementsWithinTheirLimitFinish) {
  Session session = db_->session();
  Result r = session.run("UNWIND range(1, 10000) AS x RETURN count(*) AS c", {},
                         within(milliseconds(60'000)));
  EXPECT_EQ(r[0][0].as_int(), 10000);
}

}  // namespace
}  // namespace quiver
