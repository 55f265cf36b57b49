#include "storage/integrity.h"

#include <gtest/gtest.h>

#include "storage/adjacency.h"
#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/node_store.h"
#include "storage/property_index.h"
#include "storage/records.h"
#include "storage/relationship_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

// A small graph with a label, an index and relationships; each test then damages one thing
// behind the stores' backs and expects the check to name it.
class IntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::open_env(dir_.path());
    ASSERT_NE(env_, nullptr);
    QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
      QUIVER_STORAGE_TRY(PropertyIndex(txn).create(1, 1, false));
      NodeStore nodes(txn);
      LabelId label[] = {1};
      QUIVER_STORAGE_TRY(nodes.create(label, {{1, "a"}}));
      QUIVER_STORAGE_TRY(nodes.create(label, {{1, "b"}}));
      QUIVER_STORAGE_TRY(RelationshipStore(txn).create(1, 1, 2, {}));
      return {};
    }));
  }

  IntegrityReport check() {
    auto txn = env_->begin_read();
    auto report = check_integrity(*txn);
    EXPECT_TRUE(report.ok());
    return report.ok() ? *report : IntegrityReport{};
  }

  void damage(const std::function<Status(WriteTransaction&)>& body) {
    auto status = env_->write(body);
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  static bool mentions(const IntegrityReport& report, const std::string& text) {
    for (const auto& problem : report.problems) {
      if (problem.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  TempDir dir_;
  std::unique_ptr<Environment> env_;
};

TEST_F(IntegrityTest, CleanStoreHasNoProblemsAndCounts) {
  IntegrityReport report = check();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.nodes, 2u);
  EXPECT_EQ(report.relationships, 1u);
  EXPECT_EQ(report.adjacency_entries, 2u);
  EXPECT_EQ(report.label_entries, 2u);
  EXPECT_EQ(report.index_entries, 2u);
}

TEST_F(IntegrityTest, MissingAdjacencyEntryIsReported) {
  damage([](WriteTransaction& txn) -> Status {
    std::string record = id_key(1) + id_key(1);  // start node 1, relationship 1
    std::string_view view = record;
    return lmdb_del(txn, txn.databases().adjacency, adjacency_key(2, Direction::Incoming, 1), &view)
                   .ok()
               ? Status()
               : make_error(StorageErrc::Io, "delete");
  });
  EXPECT_TRUE(mentions(check(), "lacks its incoming adjacency entry"));
}

TEST_F(IntegrityTest, DanglingRelationshipIsReported) {
  damage([](WriteTransaction& txn) -> Status {
    QUIVER_STORAGE_TRY(lmdb_del(txn, txn.databases().nodes, id_key(2)));
    return {};
  });
  IntegrityReport report = check();
  EXPECT_TRUE(mentions(report, "refers to missing node 2"));
  EXPECT_TRUE(mentions(report, "label 1 lists node 2"));
}

TEST_F(IntegrityTest, StaleIndexEntryIsReported) {
  damage([](WriteTransaction& txn) -> Status {
    // Rewrite node 1 with another value without telling the index.
    NodeRecord node{1, {1}, {{1, "changed"}}};
    return lmdb_put(txn, txn.databases().nodes, id_key(1), encode_node(node));
  });
  IntegrityReport report = check();
  EXPECT_TRUE(mentions(report, "index entry for node 1"));
  EXPECT_TRUE(mentions(report, "node 1 is missing from the index"));
}

TEST_F(IntegrityTest, UndecodableRecordIsReported) {
  damage([](WriteTransaction& txn) -> Status {
    return lmdb_put(txn, txn.databases().relationships, id_key(1), "\x01\x02");
  });
  EXPECT_TRUE(mentions(check(), "relationship record 1 does not decode"));
}

TEST_F(IntegrityTest, IdAboveCounterIsReported) {
  damage([](WriteTransaction& txn) -> Status { return write_counter(txn, kMetaLastNodeId, 1); });
  EXPECT_TRUE(mentions(check(), "node 2 is above the last allocated id"));
}

}  // namespace
}  // namespace quiver::storage
