#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include "gpu/similarity.h"
#include "gpu_test_support.h"
#include "similarity_reference.h"

namespace quiver::gpu {
namespace {

class KnnTest : public testing::GpuTest {};

double reference_score(const std::vector<float>& x, std::uint32_t d, VectorSimilarity metric,
                       NodeIndex u, NodeIndex v) {
  double dot = 0.0;
  double uu = 0.0;
  double vv = 0.0;
  double distance = 0.0;
  for (std::uint32_t j = 0; j < d; ++j) {
    const double a = x[u * d + j];
    const double b = x[v * d + j];
    dot += a * b;
    uu += a * a;
    vv += b * b;
    distance += (a - b) * (a - b);
  }
  switch (metric) {
    case VectorSimilarity::kCosine:
      return uu > 0 && vv > 0 ? dot / std::sqrt(uu * vv) : 0.0;
    case VectorSimilarity::kDot:
      return dot;
    case VectorSimilarity::kEuclidean:
      return 1.0 / (1.0 + std::sqrt(distance));
  }
  return 0.0;
}

std::vector<float> random_vectors(std::size_t rows, std::uint32_t d, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> value(0.0f, 1.0f);
  std::vector<float> x(rows * d);
  for (float& v : x) {
    v = value(rng);
  }
  return x;
}

TEST_F(KnnTest, FindsTheNearestOfAFewHandPlacedVectors) {
  // Rows 0 and 1 point the same way, row 2 is orthogonal, row 3 opposite to row 0.
  std::vector<float> x = {1, 0, 2, 0, 0, 1, -1, 0};
  KnnConfig config;
  config.top_k = 1;
  Result<SimilarityPairs> got = knn(x, 2, config);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value().source, (std::vector<NodeIndex>{0, 1, 2, 3}));
  // Row 2 scores 0 against 0, 1 and 3: the lowest index wins the tie.
  EXPECT_EQ(got.value().target, (std::vector<NodeIndex>{1, 0, 0, 2}));
  EXPECT_EQ(got.value().score, (std::vector<float>{1, 1, 0, 0}));
}

TEST_F(KnnTest, MatchesTheReferenceForEveryMetric) {
  const std::uint32_t d = 12;
  std::vector<float> x = random_vectors(150, d, 99);
  for (VectorSimilarity metric :
       {VectorSimilarity::kCosine, VectorSimilarity::kDot, VectorSimilarity::kEuclidean}) {
    for (std::uint32_t k : {1u, 7u, 200u}) {
      KnnConfig config{metric, k};
      Result<SimilarityPairs> got = knn(x, d, config);
      ASSERT_TRUE(got.ok());
      SCOPED_TRACE(::testing::Message() << "metric " << int(metric) << " k " << k);
      testing::expect_top_k(
          got.value(), 150, k, config.cutoff,
          [&](NodeIndex u, NodeIndex v) -> std::optional<double> {
            if (u == v) {
              return std::nullopt;
            }
            return reference_score(x, d, metric, u, v);
          },
          1e-4);
    }
  }
}

TEST_F(KnnTest, DropsNeighboursBelowTheCutoff) {
  const std::uint32_t d = 8;
  std::vector<float> x = random_vectors(100, d, 5);
  KnnConfig config{VectorSimilarity::kCosine, 10, 0.4f};
  Result<SimilarityPairs> got = knn(x, d, config);
  ASSERT_TRUE(got.ok());
  testing::expect_top_k(
      got.value(), 100, 10, 0.4f,
      [&](NodeIndex u, NodeIndex v) -> std::optional<double> {
        if (u == v) {
          return std::nullopt;
        }
        return reference_score(x, d, VectorSimilarity::kCosine, u, v);
      },
      1e-4);
}

TEST_F(KnnTest, ASingleRowHasNoNeighbours) {
  Result<SimilarityPairs> got = knn({1.0f, 2.0f}, 2);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got.value().source.empty());
}

TEST_F(KnnTest, RejectsBadInput) {
  auto expect_invalid = [](const Result<SimilarityPairs>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  };
  expect_invalid(knn({1, 2, 3}, 2));
  expect_invalid(knn({1, 2}, 0));
  expect_invalid(knn({1, std::numeric_limits<float>::infinity()}, 1));
  expect_invalid(knn({1, 2}, 1, KnnConfig{VectorSimilarity::kCosine, 0}));
  expect_invalid(knn({1, 2}, 1, KnnConfig{VectorSimilarity::kCosine, 1, std::nanf("")}));
}

}  // namespace
}  // namespace quiver::gpu
