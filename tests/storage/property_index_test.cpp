#include "storage/property_index.h"

#include <gtest/gtest.h>

#include "storage/integrity.h"
#include "storage/node_store.h"
#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

constexpr LabelId kUser = 1;
constexpr LabelId kCourse = 2;
constexpr PropertyKeyId kAge = 1;
constexpr PropertyKeyId kName = 2;

class PropertyIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = testing::open_env(dir_.path());
    ASSERT_NE(env_, nullptr);
  }

  std::vector<NodeId> lookup(const std::optional<IndexBound>& lo,
                             const std::optional<IndexBound>& hi, PropertyKeyId key = kAge) {
    auto txn = env_->begin_read();
    EXPECT_TRUE(txn.ok());
    auto scan = PropertyIndex(*txn).range(kUser, key, lo, hi);
    EXPECT_TRUE(scan.ok()) << (scan.ok() ? "" : scan.error().message);
    return scan.ok() ? testing::drain<IndexScan, NodeId>(*scan) : std::vector<NodeId>{};
  }

  std::vector<NodeId> equal(const PropertyValue& v, PropertyKeyId key = kAge) {
    return lookup(IndexBound{v, true}, IndexBound{v, true}, key);
  }

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

TEST_F(PropertyIndexTest, CreateFillsFromExistingNodes) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    LabelId course[] = {kCourse};
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 30}}));        // 1
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 25.5}}));      // 2
    QUIVER_STORAGE_TRY(nodes.create(course, {{kAge, 30}}));      // 3: other label
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, "thirty"}}));  // 4: a string
    QUIVER_STORAGE_TRY(nodes.create(user, {}));                  // 5: no value
    return PropertyIndex(txn).create(kUser, kAge, false);
  }));
  EXPECT_EQ(equal(30), (std::vector<NodeId>{1}));
  EXPECT_EQ(equal(30.0), (std::vector<NodeId>{1}));  // numbers compare across int and double
  EXPECT_EQ(lookup(IndexBound{20, true}, std::nullopt), (std::vector<NodeId>{2, 1}));
  EXPECT_EQ(lookup(std::nullopt, IndexBound{30, false}), (std::vector<NodeId>{2}));
  EXPECT_EQ(lookup(IndexBound{"a", true}, std::nullopt), (std::vector<NodeId>{4}));
  expect_consistent();
}

TEST_F(PropertyIndexTest, MaintainedOnEveryWrite) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    QUIVER_STORAGE_TRY(PropertyIndex(txn).create(kUser, kAge, false));
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 10}}));  // 1
    QUIVER_STORAGE_TRY(nodes.create({}, {{kAge, 10}}));    // 2: label added later
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 11}}));  // 3: deleted later
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 12}}));  // 4: value changes
    QUIVER_STORAGE_TRY(nodes.add_label(2, kUser));
    QUIVER_STORAGE_TRY(nodes.remove(3, false));
    QUIVER_STORAGE_TRY(nodes.set_property(4, kAge, 10));
    QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, 13}}));  // 5: label removed later
    QUIVER_STORAGE_TRY(nodes.remove_label(5, kUser));
    return {};
  }));
  EXPECT_EQ(equal(10), (std::vector<NodeId>{1, 2, 4}));
  EXPECT_TRUE(equal(11).empty());
  EXPECT_TRUE(equal(12).empty());
  EXPECT_TRUE(equal(13).empty());
  expect_consistent();
}

TEST_F(PropertyIndexTest, RangeBoundsAreInclusiveOrExclusiveAsAsked) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    QUIVER_STORAGE_TRY(PropertyIndex(txn).create(kUser, kAge, false));
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    for (int age = -3; age <= 3; ++age) {
      QUIVER_STORAGE_TRY(nodes.create(user, {{kAge, age}}));  // ids 1..7 for -3..3
    }
    return {};
  }));
  EXPECT_EQ(lookup(IndexBound{-1, true}, IndexBound{1, true}), (std::vector<NodeId>{3, 4, 5}));
  EXPECT_EQ(lookup(IndexBound{-1, false}, IndexBound{1, false}), (std::vector<NodeId>{4}));
  EXPECT_EQ(lookup(IndexBound{-0.5, true}, IndexBound{2.5, true}), (std::vector<NodeId>{4, 5, 6}));
}

TEST_F(PropertyIndexTest, LongStringsBeyondTheKeyLimitAreFoundExactly) {
  std::string prefix(600, 'p');
  QV_ASSERT_OK(env_->write([&](WriteTransaction& txn) -> Status {
    QUIVER_STORAGE_TRY(PropertyIndex(txn).create(kUser, kName, false));
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    QUIVER_STORAGE_TRY(nodes.create(user, {{kName, prefix + "a"}}));
    QUIVER_STORAGE_TRY(nodes.create(user, {{kName, prefix + "b"}}));
    return {};
  }));
  EXPECT_EQ(equal(prefix + "b", kName), (std::vector<NodeId>{2}));
  EXPECT_EQ(lookup(IndexBound{prefix + "a", false}, std::nullopt, kName), (std::vector<NodeId>{2}));
  expect_consistent();
}

TEST_F(PropertyIndexTest, UniqueIndexRefusesDuplicates) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    QUIVER_STORAGE_TRY(PropertyIndex(txn).create(kUser, kName, true));
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    QUIVER_STORAGE_TRY(nodes.create(user, {{kName, "ada"}}));
    QUIVER_STORAGE_TRY(nodes.create({}, {{kName, "ada"}}));  // no label: not constrained
    EXPECT_EQ(nodes.create(user, {{kName, "ada"}}).error().code, StorageErrc::ConstraintViolation);
    EXPECT_EQ(nodes.add_label(2, kUser).error().code, StorageErrc::ConstraintViolation);
    QUIVER_STORAGE_ASSIGN(NodeId bob, nodes.create(user, {{kName, "bob"}}));
    EXPECT_EQ(nodes.set_property(bob, kName, "ada").error().code, StorageErrc::ConstraintViolation);
    QUIVER_STORAGE_TRY(nodes.set_property(bob, kName, "bob"));  // same node, same value
    return {};
  }));
}

TEST_F(PropertyIndexTest, UniqueCreateOverDuplicatesFails) {
  auto status = env_->write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    LabelId user[] = {kUser};
    QUIVER_STORAGE_TRY(nodes.create(user, {{kName, "same"}}));
    QUIVER_STORAGE_TRY(nodes.create(user, {{kName, "same"}}));
    return PropertyIndex(txn).create(kUser, kName, true);
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, StorageErrc::ConstraintViolation);
}

TEST_F(PropertyIndexTest, DropListAndErrors) {
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    PropertyIndex index(txn);
    QUIVER_STORAGE_TRY(index.create(kUser, kAge, false));
    QUIVER_STORAGE_TRY(index.create(kCourse, kName, true));
    EXPECT_EQ(index.create(kUser, kAge, false).error().code, StorageErrc::InvalidArgument);
    LabelId user[] = {kUser};
    QUIVER_STORAGE_TRY(NodeStore(txn).create(user, {{kAge, 1}}));
    return {};
  }));
  QV_ASSERT_OK(env_->write([](WriteTransaction& txn) -> Status {
    PropertyIndex index(txn);
    auto defs = index.list();
    EXPECT_EQ(defs->size(), 2u);
    EXPECT_TRUE((*defs)[1].unique);
    QUIVER_STORAGE_TRY(index.drop(kUser, kAge));
    EXPECT_EQ(index.drop(kUser, kAge).error().code, StorageErrc::NotFound);
    EXPECT_EQ(index.equal(kUser, kAge, 1).error().code, StorageErrc::NotFound);
    EXPECT_EQ(index.equal(kCourse, kName, PropertyValue()).error().code,
              StorageErrc::InvalidArgument);
    EXPECT_EQ(index.range(kCourse, kName, std::nullopt, std::nullopt).error().code,
              StorageErrc::InvalidArgument);
    return {};
  }));
  expect_consistent();
}

}  // namespace
}  // namespace quiver::storage
