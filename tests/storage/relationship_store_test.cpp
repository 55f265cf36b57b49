#include "storage/relationship_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/adjacency.h"
#include "storage/integrity.h"
#include "storage/node_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

std::vector<Neighbour> expand_all(const Transaction& txn, NodeId node, Direction dir,
                                  std::optional<RelTypeId> type = std::nullopt) {
  auto cursor = Adjacency(txn).expand(node, dir, type);
  EXPECT_TRUE(cursor.ok());
  return testing::drain<ExpandCursor, Neighbour>(*cursor);
}

class RelationshipStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::open_env(dir_.path());
    ASSERT_NE(env_, nullptr);
    QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
      NodeStore nodes(txn);
      for (int i = 0; i < 4; ++i) {
        QUIVER_STORAGE_TRY(nodes.create({}, {}));
      }
      return {};
    }));
  }

  TempDir dir_;
  std::unique_ptr<Environment> env_;
};

TEST_F(RelationshipStoreTest, CreateGetAndPropertyOperations) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  RelationshipStore rels(txn);
  QV_ASSERT_OK_AND_ASSIGN(RelationshipId id, rels.create(5, 1, 2, {{1, 4.5}}));
  QV_ASSERT_OK_AND_ASSIGN(RelationshipRecord rel, rels.get(id));
  EXPECT_EQ(rel.type, 5u);
  EXPECT_EQ(rel.start, 1u);
  EXPECT_EQ(rel.end, 2u);
  EXPECT_EQ(rel.properties, (Properties{{1, 4.5}}));
  QV_ASSERT_OK(rels.set_property(id, 2, "since 2020"));
  EXPECT_EQ(*rels.property(id, 2), PropertyValue("since 2020"));
  EXPECT_TRUE(*rels.remove_property(id, 1));
  EXPECT_FALSE(*rels.remove_property(id, 1));
  QV_ASSERT_OK(rels.set_properties(id, {{9, true}}));
  EXPECT_EQ(*rels.properties(id), (Properties{{9, true}}));
  EXPECT_TRUE(*rels.exists(id));
  EXPECT_EQ(rels.get(id + 1).error().code, StorageErrc::NotFound);
}

TEST_F(RelationshipStoreTest, EndpointsMustExist) {
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_write());
  RelationshipStore rels(txn);
  EXPECT_EQ(rels.create(1, 1, 42, {}).error().code, StorageErrc::NotFound);
  EXPECT_EQ(rels.create(1, 42, 1, {}).error().code, StorageErrc::NotFound);
  EXPECT_EQ(rels.create(0, 1, 2, {}).error().code, StorageErrc::InvalidArgument);
}

TEST_F(RelationshipStoreTest, ExpandByDirectionAndTypeAndDegreesAgree) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    RelationshipStore rels(txn);
    QUIVER_STORAGE_TRY(rels.create(1, 1, 2, {}));  // rel 1
    QUIVER_STORAGE_TRY(rels.create(1, 1, 3, {}));  // rel 2
    QUIVER_STORAGE_TRY(rels.create(2, 1, 4, {}));  // rel 3
    QUIVER_STORAGE_TRY(rels.create(2, 3, 1, {}));  // rel 4
    QUIVER_STORAGE_TRY(rels.create(1, 1, 1, {}));  // rel 5, self-loop
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  auto out = expand_all(txn, 1, Direction::Outgoing);
  ASSERT_EQ(out.size(), 4u);
  // Type 1 first (neighbours ascending: 1, 2, 3), then type 2.
  EXPECT_EQ(out[0].node, 1u);
  EXPECT_EQ(out[0].relationship, 5u);
  EXPECT_EQ(out[1].node, 2u);
  EXPECT_EQ(out[2].node, 3u);
  EXPECT_EQ(out[3].relationship, 3u);
  EXPECT_EQ(out[3].type, 2u);
  auto in = expand_all(txn, 1, Direction::Incoming);
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].relationship, 5u);
  EXPECT_EQ(in[1].node, 3u);
  EXPECT_EQ(in[1].direction, Direction::Incoming);
  EXPECT_EQ(expand_all(txn, 1, Direction::Both).size(), 6u);
  EXPECT_EQ(expand_all(txn, 1, Direction::Outgoing, 2).size(), 1u);
  EXPECT_EQ(expand_all(txn, 1, Direction::Both, 2).size(), 2u);
  EXPECT_TRUE(expand_all(txn, 1, Direction::Outgoing, 9).empty());
  EXPECT_TRUE(expand_all(txn, 77, Direction::Both).empty());

  Adjacency adjacency(txn);
  EXPECT_EQ(*adjacency.degree(1, Direction::Outgoing), 4u);
  EXPECT_EQ(*adjacency.degree(1, Direction::Incoming), 2u);
  EXPECT_EQ(*adjacency.degree(1, Direction::Both), 6u);
  EXPECT_EQ(*adjacency.degree(1, Direction::Outgoing, 1), 3u);
  EXPECT_EQ(*adjacency.degree(3, Direction::Incoming, 1), 1u);
  EXPECT_EQ(*adjacency.degree(4, Direction::Outgoing), 0u);

  RelationshipStore rels(txn);
  EXPECT_EQ(*rels.count(), 5u);
  EXPECT_EQ(*rels.count_type(1), 3u);
  QV_ASSERT_OK_AND_ASSIGN(IdScan of_type, rels.scan_type(2));
  EXPECT_EQ(testing::drain(of_type), (std::vector<std::uint64_t>{3, 4}));
}

TEST_F(RelationshipStoreTest, CountBetweenTwoNodesReadsOnlyTheirRun) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    RelationshipStore rels(txn);
    QUIVER_STORAGE_TRY(rels.create(1, 1, 2, {}));
    QUIVER_STORAGE_TRY(rels.create(1, 1, 2, {}));  // parallel
    QUIVER_STORAGE_TRY(rels.create(2, 1, 2, {}));
    QUIVER_STORAGE_TRY(rels.create(1, 1, 3, {}));
    QUIVER_STORAGE_TRY(rels.create(1, 1, 1, {}));  // self-loops of two types
    QUIVER_STORAGE_TRY(rels.create(2, 1, 1, {}));
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  Adjacency adjacency(txn);
  EXPECT_EQ(*adjacency.count_between(1, Direction::Outgoing, 1, 2), 2u);
  EXPECT_EQ(*adjacency.count_between(1, Direction::Outgoing, std::nullopt, 2), 3u);
  EXPECT_EQ(*adjacency.count_between(2, Direction::Incoming, std::nullopt, 1), 3u);
  EXPECT_EQ(*adjacency.count_between(2, Direction::Outgoing, std::nullopt, 1), 0u);
  EXPECT_EQ(*adjacency.count_between(1, Direction::Outgoing, 1, 1), 1u);
  EXPECT_EQ(*adjacency.count_between(1, Direction::Incoming, std::nullopt, 1), 2u);
  EXPECT_EQ(*adjacency.count_between(1, Direction::Outgoing, 9, 2), 0u);
  EXPECT_EQ(*adjacency.count_between(4, Direction::Outgoing, std::nullopt, 1), 0u);
  EXPECT_EQ(adjacency.count_between(1, Direction::Both, 1, 2).error().code,
            StorageErrc::InvalidArgument);
}

TEST_F(RelationshipStoreTest, KeyScanVisitsEveryKeyOnceWithItsCount) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    RelationshipStore rels(txn);
    QUIVER_STORAGE_TRY(rels.create(1, 1, 2, {}));
    QUIVER_STORAGE_TRY(rels.create(1, 1, 1, {}));  // self-loop
    QUIVER_STORAGE_TRY(rels.create(2, 3, 1, {}));
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  QV_ASSERT_OK_AND_ASSIGN(AdjacencyKeyScan scan, Adjacency(txn).scan_keys());
  std::vector<std::string> seen;
  AdjacencyKeyScan::Key key;
  while (*scan.next(key)) {
    // Asking for a run that is absent, and for the self-loop, leaves the scan where it was.
    EXPECT_EQ(*scan.count_to(9), 0u);
    std::uint64_t loops = *scan.count_to(key.node);
    seen.push_back(std::to_string(key.node) + (key.direction == Direction::Outgoing ? ">" : "<") +
                   std::to_string(key.type) + "x" + std::to_string(key.count) + "l" +
                   std::to_string(loops));
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"1>1x2l1", "1<1x1l1", "1<2x1l0", "2<1x1l0", "3>2x1l0"}));
}

TEST_F(RelationshipStoreTest, ExpandOverManyNeighboursPagesThroughEveryOne) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    RelationshipStore rels(txn);
    for (int i = 0; i < 2500; ++i) {
      QUIVER_STORAGE_ASSIGN(NodeId other, nodes.create({}, {}));
      QUIVER_STORAGE_TRY(rels.create(1 + i % 2, 1, other, {}));
    }
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  auto out = expand_all(txn, 1, Direction::Outgoing);
  ASSERT_EQ(out.size(), 2500u);
  std::vector<RelationshipId> ids;
  for (const Neighbour& n : out) {
    ids.push_back(n.relationship);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
  EXPECT_EQ(expand_all(txn, 1, Direction::Outgoing, 2).size(), 1250u);
  EXPECT_EQ(*Adjacency(txn).degree(1, Direction::Outgoing, 2), 1250u);
}

TEST_F(RelationshipStoreTest, DeleteRemovesAdjacencyAndTypeMembership) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    RelationshipStore rels(txn);
    QUIVER_STORAGE_ASSIGN(RelationshipId a, rels.create(1, 1, 2, {}));
    QUIVER_STORAGE_TRY(rels.create(1, 1, 3, {}));
    QUIVER_STORAGE_TRY(rels.remove(a));
    EXPECT_EQ(rels.remove(a).error().code, StorageErrc::NotFound);
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env_->begin_read());
  EXPECT_EQ(expand_all(txn, 1, Direction::Outgoing).size(), 1u);
  EXPECT_TRUE(expand_all(txn, 2, Direction::Incoming).empty());
  EXPECT_EQ(*RelationshipStore(txn).count_type(1), 1u);
  auto report = check_integrity(txn);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

}  // namespace
}  // namespace quiver::storage
