// Every recommender against the single-threaded references on random small matrices: the score
// of every (user, item) pair, and top-k lists that agree with the reference ranking.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "gpu/interactions.h"
#include "gpu/recommend.h"
#include "gpu_test_support.h"
#include "ials_reference.h"
#include "recommend_reference.h"

namespace quiver::gpu {
namespace {

using testing::Dense;

class RecommendReferenceTest : public testing::GpuTest {};

// ROWS x COLS with about ENTRIES distinct cells, values drawn from [1, 5).
SparseMatrix random_matrix(std::uint64_t rows, std::uint64_t cols, std::uint64_t entries,
                           std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::uint32_t> row(0, static_cast<std::uint32_t>(rows - 1));
  std::uniform_int_distribution<std::uint32_t> col(0, static_cast<std::uint32_t>(cols - 1));
  std::uniform_real_distribution<float> value(1.0f, 5.0f);
  std::vector<std::uint32_t> r;
  std::vector<std::uint32_t> c;
  std::vector<float> v;
  for (std::uint64_t e = 0; e < entries; ++e) {
    r.push_back(row(rng));
    c.push_back(col(rng));
    v.push_back(value(rng));
  }
  return std::move(SparseMatrix::from_triples(rows, cols, r, c, v)).value();
}

// Compares every user's scores with the reference, then checks that each top-k list holds the
// reference's best unconsumed scores.
void expect_matches(const Model& model, const Dense& reference, double tolerance) {
  const SparseMatrix& x = model.interactions();
  for (UserIndex u = 0; u < x.row_count(); ++u) {
    Result<std::vector<float>> scores = score_items(model, u);
    ASSERT_TRUE(scores.ok()) << scores.error().message;
    for (ItemIndex i = 0; i < x.column_count(); ++i) {
      ASSERT_NEAR(scores.value()[i], reference[u][i], tolerance) << "user " << u << " item " << i;
    }

    std::vector<double> unconsumed;
    for (ItemIndex i = 0; i < x.column_count(); ++i) {
      if (x.at(u, i) == 0.0f) {
        unconsumed.push_back(reference[u][i]);
      }
    }
    std::sort(unconsumed.rbegin(), unconsumed.rend());
    Result<std::vector<Recommendation>> recs = recommend(model, u, {.k = 5, .explain = 0});
    ASSERT_TRUE(recs.ok()) << recs.error().message;
    ASSERT_EQ(recs.value().size(), std::min<std::size_t>(5, unconsumed.size()));
    for (std::size_t r = 0; r < recs.value().size(); ++r) {
      EXPECT_EQ(x.at(u, recs.value()[r].item), 0.0f);
      EXPECT_NEAR(recs.value()[r].score, unconsumed[r], tolerance) << "user " << u << " rank " << r;
    }
  }
}

TEST_F(RecommendReferenceTest, ItemKnnMatchesReferenceWithPruningAndShrink) {
  SparseMatrix x = random_matrix(30, 25, 160, 7);
  const ItemKnnConfig config{.neighbours = 5, .shrink = 2.0f, .max_batch_cells = 100};
  Result<Model> model = fit_item_knn(x, config);
  ASSERT_TRUE(model.ok()) << model.error().message;
  expect_matches(model.value(), testing::item_knn_scores(x, config), 1e-4);
}

TEST_F(RecommendReferenceTest, Rp3BetaMatchesReferenceThroughUsersAndTopics) {
  SparseMatrix x = random_matrix(30, 25, 160, 11);
  SparseMatrix topics = random_matrix(25, 6, 40, 12);
  const Rp3BetaConfig config{
      .alpha = 0.8f, .beta = 0.4f, .neighbours = 6, .topic_weight = 0.3f, .max_batch_cells = 60};
  Result<Model> model = fit_rp3beta(x, config, &topics);
  ASSERT_TRUE(model.ok()) << model.error().message;
  expect_matches(model.value(), testing::rp3beta_scores(x, config, &topics), 1e-5);
}

TEST_F(RecommendReferenceTest, EaseMatchesReferenceInverse) {
  SparseMatrix x = random_matrix(40, 20, 200, 3);
  for (std::uint32_t support : {1u, 8u}) {
    const EaseConfig config{.lambda = 5.0, .min_item_support = support};
    Result<Model> model = fit_ease(x, config);
    ASSERT_TRUE(model.ok()) << model.error().message;
    expect_matches(model.value(), testing::ease_scores(x, config), 1e-4);
  }
}

TEST_F(RecommendReferenceTest, IalsMatchesReferenceConjugateGradientSweeps) {
  SparseMatrix x = random_matrix(30, 25, 160, 5).binarised();
  const IalsConfig config{.factors = 6,
                          .alpha = 4.0f,
                          .regularization = 0.5f,
                          .iterations = 3,
                          .cg_steps = 3,
                          .seed = 9,
                          .init_scale = 0.5f};
  Result<Model> model = fit_ials(x, config);
  ASSERT_TRUE(model.ok()) << model.error().message;
  expect_matches(model.value(), testing::ials_scores(x, config), 2e-3);
}

TEST_F(RecommendReferenceTest, PopularityWithinTopicsMatchesReference) {
  SparseMatrix x = random_matrix(30, 25, 120, 21);
  SparseMatrix topics = random_matrix(25, 5, 30, 22);
  Result<Model> model = fit_popularity(x, {.within_user_topics = true}, &topics);
  ASSERT_TRUE(model.ok()) << model.error().message;

  const Dense xd = testing::dense(x);
  const Dense td = testing::dense(topics);
  const Dense profile = testing::dense(user_profiles(x, topics).value());
  std::vector<double> pop(x.column_count(), 0.0);
  for (const auto& row : xd) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      pop[i] += row[i] > 0 ? 1 : 0;
    }
  }
  const double top = std::max(1.0, *std::max_element(pop.begin(), pop.end()));
  Dense reference(xd.size(), std::vector<double>(pop.size()));
  for (std::size_t u = 0; u < xd.size(); ++u) {
    for (std::size_t i = 0; i < pop.size(); ++i) {
      double affinity = 0;
      double links = 0;
      for (std::size_t t = 0; t < td[i].size(); ++t) {
        affinity += profile[u][t] * td[i][t];
        links += td[i][t];
      }
      affinity = links > 0 ? affinity / links : 0;
      reference[u][i] = affinity > 0 ? 2 + affinity * pop[i] / top : pop[i] / top;
    }
  }
  expect_matches(model.value(), reference, 1e-5);
}

TEST_F(RecommendReferenceTest, HybridMatchesBlendOfReferenceScores) {
  SparseMatrix x = random_matrix(30, 25, 160, 31);
  const ItemKnnConfig knn_config{.neighbours = 8, .shrink = 1.0f};
  const EaseConfig ease_config{.lambda = 10.0};
  Model knn = fit_item_knn(x, knn_config).value();
  Model ease = fit_ease(x, ease_config).value();
  Result<Model> hybrid = fit_hybrid({{knn, 0.4f}, {ease, 0.6f}});
  ASSERT_TRUE(hybrid.ok()) << hybrid.error().message;

  const Dense parts[] = {testing::item_knn_scores(x, knn_config),
                         testing::ease_scores(x, ease_config)};
  const double weights[] = {0.4, 0.6};
  Dense reference(x.row_count(), std::vector<double>(x.column_count(), 0.0));
  for (std::size_t u = 0; u < x.row_count(); ++u) {
    for (int p = 0; p < 2; ++p) {
      double lo = 1e300;
      double hi = -1e300;
      for (ItemIndex i = 0; i < x.column_count(); ++i) {
        if (x.at(u, i) == 0.0f) {
          lo = std::min(lo, parts[p][u][i]);
          hi = std::max(hi, parts[p][u][i]);
        }
      }
      for (ItemIndex i = 0; i < x.column_count(); ++i) {
        if (x.at(u, i) == 0.0f && hi > lo) {
          reference[u][i] += weights[p] * (parts[p][u][i] - lo) / (hi - lo);
        }
      }
    }
  }

  // Consumed cells are not compared: the hybrid leaves them at 0 as the reference does.
  expect_matches(hybrid.value(), reference, 1e-4);
}

}  // namespace
}  // namespace quiver::gpu
