// Splits, metrics and the split export, on hand-worked examples.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gpu/evaluation.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

class EvaluationTest : public testing::GpuTest {};

SparseMatrix full_rows(std::uint64_t users, std::uint64_t items) {
  std::vector<std::uint32_t> r;
  std::vector<std::uint32_t> c;
  for (std::uint32_t u = 0; u < users; ++u) {
    for (std::uint32_t i = 0; i < items; ++i) {
      r.push_back(u);
      c.push_back(i);
    }
  }
  return std::move(SparseMatrix::from_triples(users, items, r, c)).value();
}

TEST_F(EvaluationTest, RandomHoldoutIsDeterministicPerSeedAndPartitionsEveryUser) {
  SparseMatrix x = full_rows(20, 10);
  Result<Split> a = split_interactions(x, {.test_fraction = 0.2, .seed = 5});
  Result<Split> b = split_interactions(x, {.test_fraction = 0.2, .seed = 5});
  Result<Split> c = split_interactions(x, {.test_fraction = 0.2, .seed = 6});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(std::equal(a.value().test.columns().begin(), a.value().test.columns().end(),
                         b.value().test.columns().begin(), b.value().test.columns().end()));
  EXPECT_FALSE(std::equal(a.value().test.columns().begin(), a.value().test.columns().end(),
                          c.value().test.columns().begin(), c.value().test.columns().end()));
  for (std::uint64_t u = 0; u < 20; ++u) {
    EXPECT_EQ(a.value().test.row_size(u), 2u);
    EXPECT_EQ(a.value().train.row_size(u), 8u);
    for (std::uint32_t i = 0; i < 10; ++i) {
      EXPECT_NE(a.value().test.at(u, i) > 0, a.value().train.at(u, i) > 0);
    }
  }
}

TEST_F(EvaluationTest, SplitKeepsSingleEntryUsersInTrainAndOneEntryForEveryone) {
  const std::vector<std::uint32_t> r = {0, 1, 1};
  const std::vector<std::uint32_t> c = {0, 0, 1};
  SparseMatrix x = std::move(SparseMatrix::from_triples(2, 2, r, c)).value();
  Result<Split> split = split_interactions(x, {.test_fraction = 0.9});
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split.value().test.row_size(0), 0u);
  EXPECT_EQ(split.value().test.row_size(1), 1u);
  EXPECT_EQ(split.value().train.row_size(1), 1u);
}

TEST_F(EvaluationTest, LatestHoldoutTakesTheNewestEntriesWithTiesToTheLargerItem) {
  // One user, five items; item 3 and item 4 share the newest timestamp, item 1 is next.
  const std::vector<std::uint32_t> r = {0, 0, 0, 0, 0, 0};
  const std::vector<std::uint32_t> c = {0, 1, 2, 3, 4, 1};
  const std::vector<std::int64_t> t = {10, 50, 20, 90, 90, 30};
  SparseMatrix x = std::move(SparseMatrix::from_triples(1, 5, r, c)).value();
  Result<std::vector<std::int64_t>> stamps = entry_timestamps(x, r, c, t);
  ASSERT_TRUE(stamps.ok());
  EXPECT_EQ(stamps.value(), (std::vector<std::int64_t>{10, 50, 20, 90, 90}));

  Result<Split> one = split_interactions(
      x, {.method = SplitMethod::kLatest, .test_fraction = 0.2, .timestamps = stamps.value()});
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(std::vector<std::uint32_t>(one.value().test.columns().begin(),
                                       one.value().test.columns().end()),
            (std::vector<std::uint32_t>{4}));
  Result<Split> three = split_interactions(
      x, {.method = SplitMethod::kLatest, .test_fraction = 0.6, .timestamps = stamps.value()});
  EXPECT_EQ(std::vector<std::uint32_t>(three.value().test.columns().begin(),
                                       three.value().test.columns().end()),
            (std::vector<std::uint32_t>{1, 3, 4}));
}

TEST_F(EvaluationTest, SplitRejectsBadFractionsAndMissingTimestamps) {
  SparseMatrix x = full_rows(2, 3);
  EXPECT_EQ(split_interactions(x, {.test_fraction = 0.0}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(split_interactions(x, {.test_fraction = 1.0}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(split_interactions(x, {.method = SplitMethod::kLatest}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(EvaluationTest, MetricsMatchHandComputedValues) {
  // User 0 gets [0, 1, 2] with test {1, 3}; user 1 gets [3, 0, 2] with test {2}.
  const std::vector<std::uint32_t> test_r = {0, 0, 1};
  const std::vector<std::uint32_t> test_c = {1, 3, 2};
  const std::vector<std::uint32_t> train_r = {0, 1, 1};
  const std::vector<std::uint32_t> train_c = {4, 4, 1};
  SparseMatrix test = std::move(SparseMatrix::from_triples(2, 5, test_r, test_c)).value();
  SparseMatrix train = std::move(SparseMatrix::from_triples(2, 5, train_r, train_c)).value();
  RankedLists ranked{3, {0, 1, 2, 3, 0, 2}, {3, 2, 1, 3, 2, 1}, {3, 3}};
  const std::vector<UserIndex> users = {0, 1};

  Result<Evaluation> got = evaluate_rankings(ranked, users, test, train, {2, 3});
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value().users, 2u);
  const double l3 = 1.0 / std::log2(3.0);
  const double l4 = 1.0 / std::log2(4.0);

  const MetricsAtK& at2 = got.value().at[0];
  EXPECT_NEAR(at2.precision, (0.5 + 0.0) / 2, 1e-12);
  EXPECT_NEAR(at2.recall, (0.5 + 0.0) / 2, 1e-12);
  EXPECT_NEAR(at2.ndcg, (l3 / (1 + l3) + 0.0) / 2, 1e-12);
  EXPECT_NEAR(at2.hit_rate, 0.5, 1e-12);
  EXPECT_NEAR(at2.coverage, 3.0 / 5.0, 1e-12);
  // Slots hold items 0, 1, 3, 0 with train popularity 0, 1/2, 0, 0.
  EXPECT_NEAR(at2.popularity_bias, 0.5 / 4, 1e-12);

  const MetricsAtK& at3 = got.value().at[1];
  EXPECT_NEAR(at3.precision, (1.0 / 3 + 1.0 / 3) / 2, 1e-12);
  EXPECT_NEAR(at3.recall, (0.5 + 1.0) / 2, 1e-12);
  EXPECT_NEAR(at3.ndcg, (l3 / (1 + l3) + l4 / 1.0) / 2, 1e-12);
  EXPECT_NEAR(at3.hit_rate, 1.0, 1e-12);
  EXPECT_NEAR(at3.coverage, 4.0 / 5.0, 1e-12);
}

TEST_F(EvaluationTest, EvaluateFindsHeldOutItemsOfABlockStructure) {
  // Two groups of users with disjoint items; every held-out item is in the user's own group.
  std::vector<std::uint32_t> r;
  std::vector<std::uint32_t> c;
  for (std::uint32_t u = 0; u < 20; ++u) {
    for (std::uint32_t i = 0; i < 5; ++i) {
      r.push_back(u);
      c.push_back(u < 10 ? i : 5 + i);
    }
  }
  SparseMatrix x = std::move(SparseMatrix::from_triples(20, 10, r, c)).value();
  Split split = std::move(split_interactions(x, {.test_fraction = 0.2, .seed = 3})).value();
  Model model = std::move(fit_item_knn(split.train, {.shrink = 0.0f})).value();
  Result<Evaluation> got = evaluate(model, split.test, {.cutoffs = {1, 4}});
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value().users, 20u);
  EXPECT_NEAR(got.value().at[1].recall, 1.0, 1e-12);
  EXPECT_NEAR(got.value().at[1].hit_rate, 1.0, 1e-12);
  EXPECT_EQ(evaluate(model, split.test, {.cutoffs = {11}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(evaluate(model, split.test, {.cutoffs = {}}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EvaluationTest, SplitExportWritesOneLinePerEntryWithIds) {
  const std::vector<std::uint32_t> r = {0, 0, 1};
  const std::vector<std::uint32_t> c = {0, 1, 1};
  SparseMatrix x = std::move(SparseMatrix::from_triples(2, 2, r, c)).value();
  Split split = std::move(split_interactions(x, {.test_fraction = 0.5, .seed = 1})).value();
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("quiver_split_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
        std::to_string(std::random_device{}()) + ".csv"))
          .string();
  const std::vector<std::int64_t> user_ids = {100, 200};
  const std::vector<std::int64_t> item_ids = {7, 9};
  ASSERT_TRUE(write_split_csv(split, path, user_ids, item_ids).ok());

  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);
  const bool first_is_test = split.test.at(0, 0) > 0;
  const std::string expected = std::string("user,item,set\n") + "100,7," +
                               (first_is_test ? "test" : "train") + "\n100,9," +
                               (first_is_test ? "train" : "test") + "\n200,9,train\n";
  EXPECT_EQ(text.str(), expected);
  EXPECT_EQ(write_split_csv(split, path, {user_ids.data(), 1}).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace quiver::gpu
