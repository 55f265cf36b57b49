#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include "gpu/similarity.h"
#include "gpu_test_support.h"
#include "similarity_reference.h"

namespace quiver::gpu {
namespace {

using testing::make_graph;
using testing::random_graph;

class NodeSimilarityTest : public testing::GpuTest {};

std::vector<std::set<NodeIndex>> neighbour_sets(const CsrGraph& graph) {
  std::vector<std::set<NodeIndex>> sets(graph.node_count());
  for (const auto& e : testing::edges_of(graph)) {
    sets[e.source].insert(e.target);
  }
  return sets;
}

std::optional<double> reference_score(const std::vector<std::set<NodeIndex>>& sets,
                                      SetSimilarity metric, NodeIndex u, NodeIndex v) {
  if (u == v) {
    return std::nullopt;
  }
  double shared = 0;
  for (NodeIndex w : sets[u]) {
    shared += sets[v].count(w);
  }
  if (shared == 0) {
    return std::nullopt;
  }
  const double a = sets[u].size();
  const double b = sets[v].size();
  switch (metric) {
    case SetSimilarity::kJaccard:
      return shared / (a + b - shared);
    case SetSimilarity::kOverlap:
      return shared / std::min(a, b);
    case SetSimilarity::kCosine:
      return shared / std::sqrt(a * b);
  }
  return std::nullopt;
}

TEST_F(NodeSimilarityTest, GivesHandComputedJaccardScores) {
  // 0 -> {2, 3} (2 twice), 1 -> {2, 3, 4}, 5 -> {4}.
  CsrGraph graph = make_graph(6, {{0, 2}, {0, 3}, {0, 2}, {1, 2}, {1, 3}, {1, 4}, {5, 4}});
  Result<SimilarityPairs> got = node_similarity(graph);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value().source, (std::vector<NodeIndex>{0, 1, 1, 5}));
  EXPECT_EQ(got.value().target, (std::vector<NodeIndex>{1, 0, 5, 1}));
  const std::vector<float> expected = {2.0f / 3, 2.0f / 3, 1.0f / 3, 1.0f / 3};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_FLOAT_EQ(got.value().score[i], expected[i]);
  }
}

TEST_F(NodeSimilarityTest, GivesHandComputedOverlapAndCosineScores) {
  CsrGraph graph = make_graph(6, {{0, 2}, {0, 3}, {1, 2}, {1, 3}, {1, 4}, {5, 4}});
  NodeSimilarityConfig config;
  config.metric = SetSimilarity::kOverlap;
  Result<SimilarityPairs> overlap = node_similarity(graph, config);
  config.metric = SetSimilarity::kCosine;
  Result<SimilarityPairs> cosine = node_similarity(graph, config);
  ASSERT_TRUE(overlap.ok() && cosine.ok());
  // Node 1 ties at 1 with 0 and 5 under overlap: the lower index comes first.
  EXPECT_EQ(overlap.value().target, (std::vector<NodeIndex>{1, 0, 5, 1}));
  EXPECT_EQ(overlap.value().score, (std::vector<float>{1, 1, 1, 1}));
  EXPECT_FLOAT_EQ(cosine.value().score[0], static_cast<float>(2 / std::sqrt(6.0)));
  EXPECT_FLOAT_EQ(cosine.value().score[2], static_cast<float>(1 / std::sqrt(3.0)));
}

TEST_F(NodeSimilarityTest, MatchesTheReferenceOnRandomGraphs) {
  CsrGraph graph = random_graph(180, 900, 77);
  auto sets = neighbour_sets(graph);
  for (SetSimilarity metric :
       {SetSimilarity::kJaccard, SetSimilarity::kOverlap, SetSimilarity::kCosine}) {
    for (std::uint32_t k : {1u, 3u, 50u}) {
      for (float cutoff : {0.0f, 0.15f}) {
        NodeSimilarityConfig config{metric, k, cutoff};
        Result<SimilarityPairs> got = node_similarity(graph, config);
        ASSERT_TRUE(got.ok());
        SCOPED_TRACE(::testing::Message()
                     << "metric " << int(metric) << " k " << k << " cutoff " << cutoff);
        testing::expect_top_k(
            got.value(), 180, k, cutoff,
            [&](NodeIndex u, NodeIndex v) { return reference_score(sets, metric, u, v); }, 1e-6);
      }
    }
  }
}

TEST_F(NodeSimilarityTest, SmallBatchesGiveTheSameResult) {
  CsrGraph graph = random_graph(300, 2000, 12);
  NodeSimilarityConfig config;
  config.top_k = 5;
  Result<SimilarityPairs> whole = node_similarity(graph, config);
  config.max_pairs_per_batch = 7;
  Result<SimilarityPairs> batched = node_similarity(graph, config);
  ASSERT_TRUE(whole.ok() && batched.ok());
  EXPECT_EQ(whole.value().source, batched.value().source);
  EXPECT_EQ(whole.value().target, batched.value().target);
  EXPECT_EQ(whole.value().score, batched.value().score);
}

TEST_F(NodeSimilarityTest, RejectsBadConfiguration) {
  CsrGraph graph = make_graph(2, {{0, 1}});
  for (NodeSimilarityConfig config :
       {NodeSimilarityConfig{SetSimilarity::kJaccard, 0, 0.0f},
        NodeSimilarityConfig{SetSimilarity::kJaccard, 5, -0.1f},
        NodeSimilarityConfig{SetSimilarity::kJaccard, 5, 1.5f},
        NodeSimilarityConfig{SetSimilarity::kJaccard, 5, std::nanf("")},
        NodeSimilarityConfig{SetSimilarity::kJaccard, 5, 0.0f, 0}}) {
    Result<SimilarityPairs> got = node_similarity(graph, config);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace quiver::gpu
