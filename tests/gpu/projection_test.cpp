#include "gpu/projection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::edges_of;
using testing::make_graph;
using testing::random_graph;
using testing::WeightedEdge;

class ProjectionTest : public testing::GpuTest {};

// Reverse of every edge, ordered by (new source, old edge position): the documented layout.
std::vector<WeightedEdge> reference_transpose(const CsrGraph& graph) {
  std::vector<WeightedEdge> reversed;
  for (const WeightedEdge& e : edges_of(graph)) {
    reversed.push_back({e.target, e.source, e.weight});
  }
  std::stable_sort(reversed.begin(), reversed.end(),
                   [](const auto& a, const auto& b) { return a.source < b.source; });
  return reversed;
}

std::vector<WeightedEdge> reference_symmetrise(const CsrGraph& graph, bool deduplicate) {
  std::vector<WeightedEdge> both;
  for (const WeightedEdge& e : edges_of(graph)) {
    both.push_back(e);
    if (e.source != e.target) {
      both.push_back({e.target, e.source, e.weight});
    }
  }
  if (!deduplicate) {
    std::sort(both.begin(), both.end());
    return both;
  }
  std::map<std::pair<NodeIndex, NodeIndex>, float> best;
  for (const WeightedEdge& e : both) {
    auto [it, inserted] = best.emplace(std::make_pair(e.source, e.target), e.weight);
    if (!inserted) {
      it->second = std::max(it->second, e.weight);
    }
  }
  std::vector<WeightedEdge> out;
  for (const auto& [pair, w] : best) {
    out.push_back({pair.first, pair.second, w});
  }
  return out;
}

TEST_F(ProjectionTest, TransposeReversesASmallGraph) {
  CsrGraph graph = make_graph(3, {{0, 1}, {0, 2}, {2, 1}, {1, 1}});
  Result<CsrGraph> reversed = transpose(graph);
  ASSERT_TRUE(reversed.ok()) << reversed.error().message;
  std::vector<WeightedEdge> expected = {{1, 0, 1}, {1, 1, 1}, {1, 2, 1}, {2, 0, 1}};
  EXPECT_EQ(edges_of(reversed.value()), expected);
  EXPECT_FALSE(reversed.value().weighted());
}

TEST_F(ProjectionTest, TransposeMatchesTheReferenceOnRandomWeightedGraphs) {
  for (std::uint64_t seed : {1, 2, 3}) {
    CsrGraph graph = random_graph(200, 1500, seed, true);
    Result<CsrGraph> reversed = transpose(graph);
    ASSERT_TRUE(reversed.ok());
    EXPECT_EQ(edges_of(reversed.value()), reference_transpose(graph)) << "seed " << seed;
  }
}

TEST_F(ProjectionTest, TransposeTwiceRestoresTheEdgeMultiset) {
  CsrGraph graph = random_graph(100, 700, 9, true);
  Result<CsrGraph> once = transpose(graph);
  ASSERT_TRUE(once.ok());
  Result<CsrGraph> twice = transpose(once.value());
  ASSERT_TRUE(twice.ok());
  std::vector<WeightedEdge> original = edges_of(graph);
  std::vector<WeightedEdge> restored = edges_of(twice.value());
  std::sort(original.begin(), original.end());
  std::sort(restored.begin(), restored.end());
  EXPECT_EQ(original, restored);
}

TEST_F(ProjectionTest, SymmetriseKeepsSelfLoopsOnceAndMergesBothDirections) {
  CsrGraph graph = make_graph(3, {{0, 1}, {1, 0}, {2, 2}, {1, 2}}, {1, 3, 5, 2});
  Result<CsrGraph> undirected = symmetrise(graph);
  ASSERT_TRUE(undirected.ok());
  std::vector<WeightedEdge> expected = {{0, 1, 3}, {1, 0, 3}, {1, 2, 2}, {2, 1, 2}, {2, 2, 5}};
  EXPECT_EQ(edges_of(undirected.value()), expected);
}

TEST_F(ProjectionTest, SymmetriseMatchesTheReferenceOnRandomGraphs) {
  for (bool weighted : {false, true}) {
    for (bool deduplicate : {false, true}) {
      CsrGraph graph = random_graph(150, 1200, 17, weighted);
      Result<CsrGraph> undirected = symmetrise(graph, SymmetriseConfig{deduplicate});
      ASSERT_TRUE(undirected.ok());
      std::vector<WeightedEdge> got = edges_of(undirected.value());
      std::vector<WeightedEdge> expected = reference_symmetrise(graph, deduplicate);
      if (!deduplicate) {
        // Only (source, target) order is specified for parallel copies: compare as multisets.
        std::sort(got.begin(), got.end());
      }
      EXPECT_EQ(got, expected) << "weighted " << weighted << " deduplicate " << deduplicate;
      EXPECT_EQ(undirected.value().weighted(), weighted);
    }
  }
}

TEST_F(ProjectionTest, ProjectionsOfTheEmptyGraphAreEmpty) {
  CsrGraph graph = make_graph(4, {});
  Result<CsrGraph> reversed = transpose(graph);
  Result<CsrGraph> undirected = symmetrise(graph);
  ASSERT_TRUE(reversed.ok());
  ASSERT_TRUE(undirected.ok());
  EXPECT_EQ(reversed.value().node_count(), 4u);
  EXPECT_EQ(reversed.value().edge_count(), 0u);
  EXPECT_EQ(undirected.value().edge_count(), 0u);
}

}  // namespace
}  // namespace quiver::gpu
