// Hand-worked examples for every recommender, the top-k contract and the configuration errors.

#include <gtest/gtest.h>

#include <vector>

#include "gpu/interactions.h"
#include "gpu/recommend.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

class RecommendTest : public testing::GpuTest {};

SparseMatrix matrix(std::uint64_t rows, std::uint64_t cols,
                    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& cells,
                    const std::vector<float>& values = {}) {
  std::vector<std::uint32_t> r;
  std::vector<std::uint32_t> c;
  for (const auto& [a, b] : cells) {
    r.push_back(a);
    c.push_back(b);
  }
  Result<SparseMatrix> m = SparseMatrix::from_triples(rows, cols, r, c, values);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return std::move(m).value();
}

// u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 2}, u3 {0}: items 0 = {u0, u1, u3}, 1 = {u0, u1, u2},
// 2 = {u1, u2}.
SparseMatrix four_users() {
  return matrix(4, 3, {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 1}, {2, 2}, {3, 0}});
}

std::vector<ItemIndex> items_of(const std::vector<Recommendation>& recs) {
  std::vector<ItemIndex> out;
  for (const auto& r : recs) {
    out.push_back(r.item);
  }
  return out;
}

TEST_F(RecommendTest, ItemKnnScoresByCosineOfConsumedItemsAndExplainsWithThem) {
  Result<Model> model = fit_item_knn(four_users(), {.neighbours = 10, .shrink = 0.0f});
  ASSERT_TRUE(model.ok()) << model.error().message;

  // cos(0, 1) = 2 / sqrt(3 * 3), cos(0, 2) = 1 / sqrt(3 * 2).
  Result<std::vector<Recommendation>> recs = recommend(model.value(), 3, {.k = 2});
  ASSERT_TRUE(recs.ok()) << recs.error().message;
  ASSERT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{1, 2}));
  EXPECT_NEAR(recs.value()[0].score, 2.0 / 3.0, 1e-6);
  EXPECT_NEAR(recs.value()[1].score, 1.0 / std::sqrt(6.0), 1e-6);
  ASSERT_EQ(recs.value()[0].because_items.size(), 1u);
  EXPECT_EQ(recs.value()[0].because_items[0].index, 0u);
  EXPECT_NEAR(recs.value()[0].because_items[0].weight, 2.0 / 3.0, 1e-6);
}

TEST_F(RecommendTest, ItemKnnShrinkDampsSimilarity) {
  Result<Model> model = fit_item_knn(four_users(), {.neighbours = 10, .shrink = 1.0f});
  ASSERT_TRUE(model.ok());
  Result<std::vector<float>> scores = score_items(model.value(), 3);
  ASSERT_TRUE(scores.ok());
  EXPECT_NEAR(scores.value()[1], 2.0 / (3.0 + 1.0), 1e-6);
  EXPECT_NEAR(scores.value()[2], 1.0 / (std::sqrt(6.0) + 1.0), 1e-6);
}

TEST_F(RecommendTest, Rp3BetaFollowsWalkProbabilitiesAndPenalisesPopularity) {
  // From u3: item 0 -> {u0, u1, u3} at 1/3 each -> item 1 via u0 (1/2) and u1 (1/3), item 2 via
  // u1 (1/3).
  Result<Model> plain = fit_rp3beta(four_users(), {.alpha = 1.0f, .beta = 0.0f});
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  Result<std::vector<float>> scores = score_items(plain.value(), 3);
  ASSERT_TRUE(scores.ok());
  EXPECT_NEAR(scores.value()[1], 5.0 / 18.0, 1e-6);
  EXPECT_NEAR(scores.value()[2], 1.0 / 9.0, 1e-6);

  // beta = 1 divides by the item degrees 3 and 2.
  Result<Model> penalised = fit_rp3beta(four_users(), {.alpha = 1.0f, .beta = 1.0f});
  ASSERT_TRUE(penalised.ok());
  scores = score_items(penalised.value(), 3);
  EXPECT_NEAR(scores.value()[1], 5.0 / 54.0, 1e-6);
  EXPECT_NEAR(scores.value()[2], 1.0 / 18.0, 1e-6);
}

TEST_F(RecommendTest, Rp3BetaWalksThroughTopicsToItemsNobodyConsumed) {
  // Item 2 shares topic 0 with item 0 but has no users.
  SparseMatrix x = matrix(2, 3, {{0, 0}, {1, 1}});
  SparseMatrix topics = matrix(3, 2, {{0, 0}, {2, 0}, {1, 1}});
  Result<Model> model =
      fit_rp3beta(x, {.alpha = 1.0f, .beta = 0.0f, .topic_weight = 0.5f}, &topics);
  ASSERT_TRUE(model.ok()) << model.error().message;
  Result<std::vector<Recommendation>> recs = recommend(model.value(), 0, {.k = 1});
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{2}));
  // 0.5 (topic share) * 1 (item 0 -> topic 0) * 1/2 (topic 0 -> item 2).
  EXPECT_NEAR(recs.value()[0].score, 0.25, 1e-6);
  ASSERT_EQ(recs.value()[0].because_topics.size(), 1u);
  EXPECT_EQ(recs.value()[0].because_topics[0].index, 0u);
}

TEST_F(RecommendTest, EaseMatchesTheClosedFormOnTwoItems) {
  // G + I = [[3, 1], [1, 3]], P = [[3, -1], [-1, 3]] / 8, B(0, 1) = B(1, 0) = 1/3.
  SparseMatrix x = matrix(3, 2, {{0, 0}, {0, 1}, {1, 0}, {2, 1}});
  Result<Model> model = fit_ease(x, {.lambda = 1.0});
  ASSERT_TRUE(model.ok()) << model.error().message;
  Result<std::vector<float>> scores = score_items(model.value(), 1);
  ASSERT_TRUE(scores.ok());
  EXPECT_NEAR(scores.value()[0], 0.0, 1e-6);
  EXPECT_NEAR(scores.value()[1], 1.0 / 3.0, 1e-6);
}

TEST_F(RecommendTest, IalsRecommendsTheMissingItemOfTheUsersBlock) {
  // Users 0-2 share items 0-2 (user 0 lacks item 2); users 3-5 share items 3-5.
  SparseMatrix x = matrix(6, 6,
                          {{0, 0},
                           {0, 1},
                           {1, 0},
                           {1, 1},
                           {1, 2},
                           {2, 0},
                           {2, 1},
                           {2, 2},
                           {3, 3},
                           {3, 4},
                           {3, 5},
                           {4, 3},
                           {4, 4},
                           {4, 5},
                           {5, 3},
                           {5, 4}});
  Result<Model> model = fit_ials(x, {.factors = 4, .alpha = 10.0f, .iterations = 10});
  ASSERT_TRUE(model.ok()) << model.error().message;
  Result<std::vector<Recommendation>> recs = recommend(model.value(), 0, {.k = 1});
  ASSERT_TRUE(recs.ok());
  EXPECT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{2}));
  recs = recommend(model.value(), 5, {.k = 1});
  EXPECT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{5}));
}

TEST_F(RecommendTest, PopularityRanksByUserCountAndPrefersTheUsersTopics) {
  // Item 0 has 3 users, item 1 two, item 2 one; user 3 touched only item 2 (topic 1).
  SparseMatrix x = matrix(4, 4, {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {3, 2}});
  SparseMatrix topics = matrix(4, 2, {{0, 0}, {1, 1}, {2, 1}, {3, 1}});
  Result<Model> global = fit_popularity(x);
  ASSERT_TRUE(global.ok());
  EXPECT_EQ(items_of(recommend(global.value(), 3, {.k = 3}).value()),
            (std::vector<ItemIndex>{0, 1, 3}));

  Result<Model> topical = fit_popularity(x, {.within_user_topics = true}, &topics);
  ASSERT_TRUE(topical.ok());
  Result<std::vector<Recommendation>> recs = recommend(topical.value(), 3, {.k = 3});
  ASSERT_TRUE(recs.ok());
  EXPECT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{1, 3, 0}));
  ASSERT_EQ(recs.value()[0].because_topics.size(), 1u);
  EXPECT_EQ(recs.value()[0].because_topics[0].index, 1u);
}

TEST_F(RecommendTest, HybridBlendsMinMaxNormalisedScores) {
  SparseMatrix x = four_users();
  Model knn = fit_item_knn(x, {.shrink = 0.0f}).value();
  Model pop = fit_popularity(x).value();
  // For u3, knn gives items 1, 2 scores 2/3 and 0.408 (normalised 1, 0); popularity gives 3/3
  // and 2/3 (normalised 1, 0), so both blends agree on the order and the top score is the weight
  // sum.
  Result<Model> hybrid = fit_hybrid({{knn, 0.25f}, {pop, 0.75f}});
  ASSERT_TRUE(hybrid.ok()) << hybrid.error().message;
  Result<std::vector<Recommendation>> recs = recommend(hybrid.value(), 3, {.k = 2});
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{1, 2}));
  EXPECT_NEAR(recs.value()[0].score, 1.0, 1e-6);
  EXPECT_NEAR(recs.value()[1].score, 0.0, 1e-6);
  EXPECT_FALSE(recs.value()[0].because_items.empty());
}

TEST_F(RecommendTest, RecommendLeavesOutConsumedAndFilteredItems) {
  SparseMatrix x = four_users();
  Model pop = fit_popularity(x).value();
  const std::vector<std::uint8_t> only_item_2 = {0, 0, 1};
  Result<std::vector<Recommendation>> recs = recommend(pop, 3, {.k = 3, .candidates = only_item_2});
  ASSERT_TRUE(recs.ok());
  EXPECT_EQ(items_of(recs.value()), (std::vector<ItemIndex>{2}));
  // User 1 consumed everything.
  EXPECT_TRUE(recommend(pop, 1, {.k = 3}).value().empty());
}

TEST_F(RecommendTest, UserProfileSpreadsInteractionsOverItemTopics) {
  // Item 0 links topics 0 and 1 equally, item 1 links topic 1. User 0: item 0 weight 2, item 1
  // weight 2, so topic 0 gets 1 and topic 1 gets 1 + 2, normalised to 1/4 and 3/4.
  SparseMatrix x = matrix(2, 2, {{0, 0}, {0, 1}}, {2.0f, 2.0f});
  SparseMatrix topics = matrix(2, 2, {{0, 0}, {0, 1}, {1, 1}});
  Result<SparseMatrix> profiles = user_profiles(x, topics);
  ASSERT_TRUE(profiles.ok()) << profiles.error().message;
  EXPECT_NEAR(profiles.value().at(0, 0), 0.25, 1e-6);
  EXPECT_NEAR(profiles.value().at(0, 1), 0.75, 1e-6);
  EXPECT_EQ(profiles.value().row_size(1), 0u);
}

TEST_F(RecommendTest, BadConfigurationsAreInvalidArguments) {
  SparseMatrix x = four_users();
  Model pop = fit_popularity(x).value();
  EXPECT_EQ(recommend(pop, 0, {.k = 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(recommend(pop, 0, {.k = 4}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(recommend(pop, 9, {.k = 1}).error().code, ErrorCode::kInvalidArgument);
  const std::vector<std::uint8_t> short_filter = {1};
  EXPECT_EQ(recommend(pop, 0, {.k = 1, .candidates = short_filter}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_item_knn(x, {.neighbours = 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_item_knn(x, {.shrink = -1.0f}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_rp3beta(x, {.beta = 1.5f}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_rp3beta(x, {.topic_weight = 0.5f}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_ease(x, {.lambda = 0.0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_ease(x, {.lambda = -3.0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_ials(x, {.factors = 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_ials(x, {.factors = 257}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_ials(x, {.regularization = 0.0f}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_popularity(x, {.within_user_topics = true}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_hybrid({}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fit_hybrid({{pop, 0.0f}}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RecommendTest, EaseRefusesAModelOverItsMemoryBound) {
  // Three items need 8 * 9 = 72 bytes of Gram matrix.
  Result<Model> model = fit_ease(four_users(), {.lambda = 1.0, .max_bytes = 71});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kOutOfMemory);
  EXPECT_NE(model.error().message.find("max_bytes"), std::string::npos);
  EXPECT_TRUE(fit_ease(four_users(), {.lambda = 1.0, .max_bytes = 72}).ok());
}

TEST_F(RecommendTest, SparseMatrixRejectsBrokenInput) {
  const std::vector<std::uint32_t> rows = {0, 1};
  const std::vector<std::uint32_t> cols = {0, 5};
  EXPECT_FALSE(SparseMatrix::from_triples(2, 3, rows, cols).ok());
  const std::vector<float> negative = {1.0f, -1.0f};
  const std::vector<std::uint32_t> ok_cols = {0, 1};
  EXPECT_FALSE(SparseMatrix::from_triples(2, 3, rows, ok_cols, negative).ok());
  EXPECT_FALSE(SparseMatrix::create(3, {0, 2}, {1, 1}, {1.0f, 1.0f}).ok());
}

}  // namespace
}  // namespace quiver::gpu
