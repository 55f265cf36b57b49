// The storage map grows as the data does: between explicit write transactions without the
// caller noticing, and after one transaction that outgrew it, which fails with an error saying
// so and leaves the database as it was.
#include <gtest/gtest.h>

#include <string>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

// Two thousand nodes of about 200 bytes each.
constexpr const char* kTwoThousandNodes =
    "UNWIND range(1, 2000) AS i CREATE (:Bulk {i: i, text: $text})";

class MapGrowthTest : public ::testing::Test {
 protected:
  MapGrowthTest() {
    Options options;
    options.durable = false;
    options.initial_map_size = uint64_t{1} << 20;
    db_ = Database::open(dir_.path(), options);
  }

  int64_t bulk_nodes() {
    return db_->session().run("MATCH (n:Bulk) RETURN count(n)")[0][0].as_int();
  }

  // Runs STATEMENTS times kTwoThousandNodes in one explicit transaction and commits it.
  void write_in_one_transaction(int statements) {
    Transaction txn = db_->session().begin_write();
    for (int i = 0; i < statements; ++i) {
      txn.run(kTwoThousandNodes, params_);
    }
    txn.commit();
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  Params params_{{"text", Value(std::string(200, 'x'))}};
};

TEST_F(MapGrowthTest, ExplicitTransactionsGrowTheMapBetweenThemUnnoticed) {
  for (int i = 0; i < 12; ++i) {
    ASSERT_NO_THROW(write_in_one_transaction(1)) << "transaction " << i;
  }
  EXPECT_EQ(bulk_nodes(), 24000);
  EXPECT_TRUE(db_->check_integrity().ok());
}

TEST_F(MapGrowthTest, TransactionThatOutgrowsTheMapFailsClearlyAndARetrySucceeds) {
  db_->session().run("CREATE (:Before)");
  Session session = db_->session();
  Transaction txn = session.begin_write();
  Error failure("", "", "", "");
  try {
    for (int i = 0; i < 8; ++i) {
      txn.run(kTwoThousandNodes, params_);
    }
    txn.commit();
    FAIL() << "16,000 nodes fitted in a map of 1 MiB";
  } catch (const Error& e) {
    failure = e;
  }
  EXPECT_EQ(failure.category(), "DatabaseError");
  EXPECT_EQ(failure.detail(), "map_full");
  EXPECT_NE(failure.message().find("rolled back"), std::string::npos) << failure.message();
  EXPECT_NE(failure.message().find("has grown to"), std::string::npos) << failure.message();
  EXPECT_NE(failure.message().find("initial_map_size"), std::string::npos) << failure.message();
  EXPECT_FALSE(txn.open());

  // Nothing of the failed transaction is left, the store is whole and the session works.
  EXPECT_EQ(bulk_nodes(), 0);
  EXPECT_EQ(session.run("MATCH (n:Before) RETURN count(n)")[0][0].as_int(), 1);
  EXPECT_TRUE(db_->check_integrity().ok());

  // Each failure doubles the map, so running the transaction again soon fits: from 1 MiB,
  // these 16,000 nodes need a few doublings.
  int attempts = 0;
  bool committed = false;
  while (!committed && attempts < 6) {
    ++attempts;
    try {
      write_in_one_transaction(8);
      committed = true;
    } catch (const Error& e) {
      ASSERT_EQ(e.detail(), "map_full") << e.what();
    }
  }
  EXPECT_TRUE(committed);
  EXPECT_LE(attempts, 4);
  EXPECT_EQ(bulk_nodes(), 16000);
  EXPECT_TRUE(db_->check_integrity().ok());
}

}  // namespace
}  // namespace quiver
