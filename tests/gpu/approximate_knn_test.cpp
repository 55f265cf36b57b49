#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>
#include <vector>

#include "gpu/approximate_knn.h"
#include "gpu/similarity.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

// The approximate index runs on the host (hnswlib); the tests that compare it with the exact
// search on the device skip where the backend cannot run.
using ApproximateAgainstExactTest = testing::GpuTest;

std::vector<float> random_vectors(std::size_t rows, std::uint32_t dimension, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> value(0.0f, 1.0f);
  std::vector<float> out(rows * dimension);
  for (float& v : out) {
    v = value(rng);
  }
  return out;
}

std::set<std::pair<NodeIndex, NodeIndex>> pairs_of(const SimilarityPairs& p) {
  std::set<std::pair<NodeIndex, NodeIndex>> out;
  for (std::size_t i = 0; i < p.source.size(); ++i) {
    out.insert({p.source[i], p.target[i]});
  }
  return out;
}

TEST_F(ApproximateAgainstExactTest, FindsAlmostEveryExactNeighbourOnASmallSet) {
  std::vector<float> vectors = random_vectors(500, 16, 7);
  for (VectorSimilarity metric :
       {VectorSimilarity::kCosine, VectorSimilarity::kDot, VectorSimilarity::kEuclidean}) {
    KnnConfig config{metric, 5};
    auto exact = knn(vectors, 16, config);
    auto approximate = approximate_knn(vectors, 16, config);
    ASSERT_TRUE(exact.ok());
    ASSERT_TRUE(approximate.ok());
    auto want = pairs_of(exact.value());
    auto got = pairs_of(approximate.value());
    std::size_t found = 0;
    for (const auto& p : got) {
      found += want.count(p);
    }
    EXPECT_GE(found, want.size() * 9 / 10) << static_cast<int>(metric);
  }
}

TEST_F(ApproximateAgainstExactTest, OrdersPairsAndScoresLikeTheExactSearch) {
  std::vector<float> vectors{1, 0, 0.9f, 0.1f, 0, 1};
  auto got = approximate_knn(vectors, 2, KnnConfig{VectorSimilarity::kCosine, 2});
  ASSERT_TRUE(got.ok());
  const SimilarityPairs& p = got.value();
  ASSERT_EQ(p.source.size(), 6u);
  EXPECT_EQ(p.source, (std::vector<NodeIndex>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(p.target, (std::vector<NodeIndex>{1, 2, 0, 2, 1, 0}));
  auto exact = knn(vectors, 2, KnnConfig{VectorSimilarity::kCosine, 2});
  ASSERT_TRUE(exact.ok());
  for (std::size_t i = 0; i < p.score.size(); ++i) {
    EXPECT_NEAR(p.score[i], exact.value().score[i], 1e-5);
  }
}

TEST(ApproximateKnnTest, SameInputGivesTheSameAnswer) {
  std::vector<float> vectors = random_vectors(300, 8, 11);
  auto a = approximate_knn(vectors, 8, KnnConfig{VectorSimilarity::kEuclidean, 3});
  auto b = approximate_knn(vectors, 8, KnnConfig{VectorSimilarity::kEuclidean, 3});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.value().target, b.value().target);
}

TEST(ApproximateKnnTest, RefusesBadInput) {
  EXPECT_FALSE(approximate_knn({1, 2, 3}, 2, KnnConfig{}).ok());
  EXPECT_FALSE(approximate_knn({1, 2}, 2, KnnConfig{VectorSimilarity::kCosine, 0}).ok());
  HnswConfig bad;
  bad.m = 1;
  EXPECT_FALSE(approximate_knn({1, 2}, 2, KnnConfig{}, bad).ok());
  EXPECT_TRUE(approximate_knn({}, 2, KnnConfig{}).ok());
}

}  // namespace
}  // namespace quiver::gpu
