#include "storage/graph_snapshot.h"

#include <gtest/gtest.h>

#include <vector>

#include "storage/node_store.h"
#include "storage/relationship_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

constexpr LabelId kUser = 1;
constexpr LabelId kItem = 2;
constexpr RelTypeId kLikes = 1;
constexpr RelTypeId kKnows = 2;
constexpr PropertyKeyId kWeight = 1;

// Nodes 1, 2 are users, 3 an item, 4 both, 5 neither. 1 -LIKES(w 2)-> 3, 2 -LIKES-> 3,
// 1 -KNOWS-> 2, 4 -LIKES-> 4 (a self-loop), 5 -LIKES-> 3.
class GraphSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::open_env(dir_.path());
    ASSERT_NE(env_, nullptr);
    QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
      NodeStore nodes(txn);
      RelationshipStore rels(txn);
      std::vector<std::vector<LabelId>> labels{{kUser}, {kUser}, {kItem}, {kUser, kItem}, {}};
      for (const auto& l : labels) {
        QUIVER_STORAGE_TRY(nodes.create(l, {}));
      }
      QUIVER_STORAGE_TRY(rels.create(kLikes, 1, 3, {{kWeight, PropertyValue(2.0)}}));
      QUIVER_STORAGE_TRY(rels.create(kLikes, 2, 3, {}));
      QUIVER_STORAGE_TRY(rels.create(kKnows, 1, 2, {}));
      QUIVER_STORAGE_TRY(rels.create(kLikes, 4, 4, {}));
      QUIVER_STORAGE_TRY(rels.create(kLikes, 5, 3, {}));
      return {};
    }));
  }

  GraphSnapshot read(const GraphSnapshotSpec& spec) {
    auto txn = env_->begin_read();
    EXPECT_TRUE(txn.ok());
    auto snapshot = read_graph_snapshot(*txn, spec);
    EXPECT_TRUE(snapshot.ok()) << (snapshot.ok() ? "" : snapshot.error().message);
    return snapshot.ok() ? std::move(snapshot).value() : GraphSnapshot{};
  }

  TempDir dir_;
  std::unique_ptr<Environment> env_;
};

TEST_F(GraphSnapshotTest, WholeGraphKeepsEveryRelationshipOnce) {
  GraphSnapshot s = read({});
  EXPECT_EQ(s.node_ids, (std::vector<NodeId>{1, 2, 3, 4, 5}));
  EXPECT_EQ(s.offsets, (std::vector<std::uint64_t>{0, 2, 3, 3, 4, 5}));
  // Node 1's row: LIKES (type 1) before KNOWS (type 2).
  EXPECT_EQ(s.targets, (std::vector<std::uint32_t>{2, 1, 2, 3, 2}));
  EXPECT_TRUE(s.weights.empty());
  EXPECT_EQ(s.relationship_count, 5u);
}

TEST_F(GraphSnapshotTest, LabelsSelectNodesAndGiveTheirSlot) {
  GraphSnapshotSpec spec;
  spec.labels = {kItem, kUser};
  spec.types = {kLikes};
  GraphSnapshot s = read(spec);
  EXPECT_EQ(s.node_ids, (std::vector<NodeId>{1, 2, 3, 4}));
  EXPECT_EQ(s.label_slot, (std::vector<std::uint8_t>{1, 1, 0, 0}));
  // 5 -> 3 is dropped with node 5; KNOWS is not selected.
  EXPECT_EQ(s.offsets, (std::vector<std::uint64_t>{0, 1, 2, 2, 3}));
  EXPECT_EQ(s.relationship_count, 3u);
}

TEST_F(GraphSnapshotTest, ReverseAndUndirectedRows) {
  GraphSnapshotSpec spec;
  spec.types = {kLikes};
  spec.direction = Direction::Incoming;
  GraphSnapshot reverse = read(spec);
  EXPECT_EQ(reverse.offsets, (std::vector<std::uint64_t>{0, 0, 0, 3, 4, 4}));
  EXPECT_EQ(reverse.targets, (std::vector<std::uint32_t>{0, 1, 4, 3}));

  spec.direction = Direction::Both;
  GraphSnapshot both = read(spec);
  // Every relationship in both rows, the self-loop of node 4 once.
  EXPECT_EQ(both.offsets, (std::vector<std::uint64_t>{0, 1, 2, 5, 6, 7}));
  EXPECT_EQ(both.relationship_count, 4u);
}

TEST_F(GraphSnapshotTest, WeightsComeFromThePropertyOrTheDefault) {
  GraphSnapshotSpec spec;
  spec.types = {kLikes};
  spec.weight_key = kWeight;
  spec.default_weight = 0.5;
  GraphSnapshot s = read(spec);
  EXPECT_EQ(s.weights, (std::vector<float>{2.0f, 0.5f, 0.5f, 0.5f}));
  EXPECT_EQ(snapshot_index(s, 4), std::optional<std::uint32_t>(3));
  EXPECT_EQ(snapshot_index(s, 9), std::nullopt);
}

TEST_F(GraphSnapshotTest, DataVersionMovesOnlyWithCommittedChanges) {
  std::uint64_t before = 0;
  {
    auto txn = env_->begin_read();
    ASSERT_TRUE(txn.ok());
    before = txn->data_version();
  }
  {
    auto txn = env_->begin_write();
    ASSERT_TRUE(txn.ok());
    EXPECT_EQ(txn->data_version(), before);
    EXPECT_FALSE(txn->has_writes());
    QV_ASSERT_OK(txn->commit());
  }
  {
    auto txn = env_->begin_read();
    EXPECT_EQ(txn->data_version(), before);
  }
  {
    auto txn = env_->begin_write();
    ASSERT_TRUE(txn.ok());
    QV_ASSERT_OK(NodeStore(*txn).create({}, {}));
    EXPECT_TRUE(txn->has_writes());
    QV_ASSERT_OK(txn->commit());
  }
  auto txn = env_->begin_read();
  EXPECT_EQ(txn->data_version(), before + 1);
  EXPECT_FALSE(txn->has_writes());
}

}  // namespace
}  // namespace quiver::storage
