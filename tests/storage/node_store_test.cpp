#include "storage/node_store.h"

#include <gtest/gtest.h>

#include <optional>

#include "storage/integrity.h"
#include "storage/relationship_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

class NodeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::open_env(dir_.path());
    ASSERT_NE(env_, nullptr);
  }

  // Asserts that the integrity check finds nothing wrong.
  void expect_consistent() {
    auto txn = env_->begin_read();
    ASSERT_TRUE(txn.ok());
    auto report = check_integrity(*txn);
    ASSERT_TRUE(report.ok());
    for (const auto& problem : report->problems) {
      ADD_FAILURE() << problem;
    }
  }

  TempDir dir_;
  std::unique_ptr<Environment> env_;
};

TEST_F(NodeStoreTest, CreateAndGetReturnLabelsAndProperties) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  NodeStore nodes(txn);
  LabelId labels[] = {3, 1, 3};
  QV_ASSERT_OK_AND_ASSIGN(NodeId id, nodes.create(labels, {{1, "Ada"}, {2, PropertyValue()}}));
  EXPECT_EQ(id, 1u);
  QV_ASSERT_OK_AND_ASSIGN(NodeRecord node, nodes.get(id));
  EXPECT_EQ(node.labels, (std::vector<LabelId>{1, 3}));
  EXPECT_EQ(node.properties, (Properties{{1, "Ada"}}));  // null values are not stored
  EXPECT_TRUE(*nodes.exists(id));
  EXPECT_FALSE(*nodes.exists(id + 1));
  EXPECT_EQ(nodes.get(id + 1).error().code, StorageErrc::NotFound);
}

TEST_F(NodeStoreTest, IdsAreNeverReusedAfterDelete) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    QUIVER_STORAGE_ASSIGN(NodeId first, nodes.create({}, {}));
    QUIVER_STORAGE_TRY(nodes.remove(first, false));
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  EXPECT_EQ(*NodeStore(txn).create({}, {}), 2u);
}

TEST_F(NodeStoreTest, LabelsAddAndRemoveKeepMembershipAndCounts) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    LabelId person[] = {1};
    for (int i = 0; i < 5; ++i) {
      QUIVER_STORAGE_TRY(nodes.create(person, {}));
    }
    EXPECT_TRUE(*nodes.add_label(2, 2));
    EXPECT_FALSE(*nodes.add_label(2, 2));
    EXPECT_TRUE(*nodes.remove_label(3, 1));
    EXPECT_FALSE(*nodes.remove_label(3, 1));
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  NodeStore nodes(txn);
  EXPECT_EQ(*nodes.count(), 5u);
  EXPECT_EQ(*nodes.count_label(1), 4u);
  EXPECT_EQ(*nodes.count_label(2), 1u);
  EXPECT_EQ(*nodes.count_label(9), 0u);
  QV_ASSERT_OK_AND_ASSIGN(IdScan scan, nodes.scan_label(1));
  EXPECT_EQ(testing::drain(scan), (std::vector<std::uint64_t>{1, 2, 4, 5}));
  QV_ASSERT_OK_AND_ASSIGN(IdScan all, nodes.scan());
  EXPECT_EQ(testing::drain(all), (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(*nodes.labels(2), (std::vector<LabelId>{1, 2}));
  txn.abort();
  expect_consistent();
}

TEST_F(NodeStoreTest, LabelScanCoversManyPagesInOrder) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    LabelId label[] = {4};
    for (int i = 0; i < 3000; ++i) {
      QUIVER_STORAGE_TRY(nodes.create(
          i % 3 == 0 ? std::span<const LabelId>(label) : std::span<const LabelId>(), {}));
    }
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  QV_ASSERT_OK_AND_ASSIGN(IdScan scan, NodeStore(txn).scan_label(4));
  auto ids = testing::drain(scan);
  ASSERT_EQ(ids.size(), 1000u);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ASSERT_EQ(ids[i], 3 * i + 1);
  }
}

TEST_F(NodeStoreTest, PropertiesSetRemoveAndReplace) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  NodeStore nodes(txn);
  QV_ASSERT_OK_AND_ASSIGN(NodeId id, nodes.create({}, {{1, std::int64_t{1}}}));
  QV_ASSERT_OK(nodes.set_property(id, 2, PropertyList{"x", 2.5}));
  QV_ASSERT_OK(nodes.set_property(id, 1, std::int64_t{7}));
  EXPECT_EQ(*nodes.property(id, 1), PropertyValue(std::int64_t{7}));
  EXPECT_EQ(*nodes.property(id, 2), PropertyValue(PropertyList{"x", 2.5}));
  EXPECT_TRUE(nodes.property(id, 3)->is_null());
  EXPECT_TRUE(*nodes.remove_property(id, 1));
  EXPECT_FALSE(*nodes.remove_property(id, 1));
  QV_ASSERT_OK(nodes.set_property(id, 2, PropertyValue()));
  EXPECT_TRUE(nodes.properties(id)->empty());
  QV_ASSERT_OK(nodes.set_properties(id, {{5, "five"}, {6, FloatVector{1.0f}}}));
  EXPECT_EQ(nodes.properties(id)->size(), 2u);
  EXPECT_EQ(nodes.set_property(99, 1, 1).error().code, StorageErrc::NotFound);
}

TEST_F(NodeStoreTest, DeleteWithRelationshipsIsRefusedUnlessDetached) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    RelationshipStore rels(txn);
    LabelId label[] = {1};
    QUIVER_STORAGE_ASSIGN(NodeId a, nodes.create(label, {}));
    QUIVER_STORAGE_ASSIGN(NodeId b, nodes.create(label, {}));
    QUIVER_STORAGE_TRY(rels.create(1, a, b, {}));
    QUIVER_STORAGE_TRY(rels.create(2, b, a, {}));
    QUIVER_STORAGE_TRY(rels.create(1, a, a, {}));  // self-loop
    auto refused = nodes.remove(a, false);
    EXPECT_EQ(refused.error().code, StorageErrc::ConstraintViolation);
    QUIVER_STORAGE_TRY(nodes.remove(a, true));
    EXPECT_FALSE(*nodes.exists(a));
    EXPECT_EQ(*rels.count(), 0u);
    EXPECT_EQ(*nodes.count_label(1), 1u);
    return {};
  }));
  expect_consistent();
}

TEST_F(NodeStoreTest, WritesThroughAReadTransactionAreRefused) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  NodeStore nodes(txn);
  EXPECT_EQ(nodes.create({}, {}).error().code, StorageErrc::ReadOnly);
  EXPECT_EQ(nodes.remove(1, true).error().code, StorageErrc::ReadOnly);
}

TEST_F(NodeStoreTest, UseAfterTheTransactionEndedIsAnErrorNotACrash) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  NodeStore nodes(txn);
  QV_ASSERT_OK(txn.commit());
  EXPECT_EQ(nodes.create({}, {}).error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(nodes.get(1).error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(nodes.count().error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(nodes.count_label(1).error().code, StorageErrc::InvalidArgument);
  QV_ASSERT_OK_AND_ASSIGN(IdScan scan, nodes.scan());
  std::uint64_t batch[4];
  EXPECT_EQ(scan.next_batch(batch).error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(txn.commit().error().code, StorageErrc::InvalidArgument);
}

TEST_F(NodeStoreTest, ScansMayOutliveTheirTransaction) {
  std::optional<IdScan> write_scan;
  std::optional<IdScan> read_scan;
  {
    QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
    ASSERT_TRUE(NodeStore(txn).create({}, {}).ok());
    QV_ASSERT_OK_AND_ASSIGN(IdScan scan, NodeStore(txn).scan());
    write_scan.emplace(std::move(scan));
    QV_ASSERT_OK(txn.commit());
  }
  {
    QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
    QV_ASSERT_OK_AND_ASSIGN(IdScan scan, NodeStore(txn).scan());
    read_scan.emplace(std::move(scan));
  }
  std::uint64_t batch[2];
  EXPECT_EQ(write_scan->next_batch(batch).error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(read_scan->next_batch(batch).error().code, StorageErrc::InvalidArgument);
  write_scan.reset();  // LMDB freed this cursor with its transaction: must not close it again
  read_scan.reset();   // read cursors are closed after their transaction: allowed by LMDB
}

TEST_F(NodeStoreTest, AbortedWritesLeaveNoTrace) {
  {
    QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
    LabelId label[] = {1};
    ASSERT_TRUE(NodeStore(txn).create(label, {{1, 1}}).ok());
  }  // destroyed without commit
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  EXPECT_EQ(*NodeStore(txn).count(), 0u);
  EXPECT_EQ(*NodeStore(txn).count_label(1), 0u);
}

}  // namespace
}  // namespace quiver::storage
