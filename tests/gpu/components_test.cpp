#include <gtest/gtest.h>

#include <numeric>
#include <set>
#include <vector>

#include "gpu/components.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::edges_of;
using testing::make_graph;
using testing::random_graph;

class ComponentsTest : public testing::GpuTest {};

// Union-find that always keeps the smaller index as the root.
std::vector<NodeIndex> reference_components(const CsrGraph& graph) {
  std::vector<NodeIndex> parent(graph.node_count());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](NodeIndex v) {
    while (parent[v] != v) {
      v = parent[v] = parent[parent[v]];
    }
    return v;
  };
  for (const auto& e : edges_of(graph)) {
    NodeIndex a = find(e.source);
    NodeIndex b = find(e.target);
    if (a != b) {
      parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<NodeIndex> label(graph.node_count());
  for (NodeIndex v = 0; v < graph.node_count(); ++v) {
    label[v] = find(v);
  }
  return label;
}

TEST_F(ComponentsTest, LabelsDisjointGraphsBySmallestNode) {
  // {0, 3, 5} joined against edge direction, {1, 4} a pair, {2} isolated, {6, 7} a self-loop
  // and an edge.
  CsrGraph graph = make_graph(8, {{5, 3}, {3, 0}, {4, 1}, {6, 6}, {7, 6}});
  Result<ComponentsResult> got = weakly_connected_components(graph);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().component, (std::vector<NodeIndex>{0, 1, 2, 0, 1, 0, 6, 6}));
  EXPECT_EQ(got.value().component_count, 4u);
}

TEST_F(ComponentsTest, JoinsALongPathPointingBackwards) {
  std::vector<testing::Edge> edges;
  const NodeIndex n = 20000;
  for (NodeIndex v = 1; v < n; ++v) {
    edges.push_back({v, v - 1});
  }
  Result<ComponentsResult> got = weakly_connected_components(make_graph(n, edges));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().component_count, 1u);
  EXPECT_EQ(std::set<NodeIndex>(got.value().component.begin(), got.value().component.end()),
            std::set<NodeIndex>{0});
}

TEST_F(ComponentsTest, MatchesUnionFindOnSparseRandomGraphs) {
  for (std::uint64_t seed : {4, 5, 6}) {
    // Fewer edges than nodes leaves many components of varied sizes.
    CsrGraph graph = random_graph(3000, 2200, seed);
    Result<ComponentsResult> got = weakly_connected_components(graph);
    ASSERT_TRUE(got.ok());
    std::vector<NodeIndex> expected = reference_components(graph);
    EXPECT_EQ(got.value().component, expected) << "seed " << seed;
    EXPECT_EQ(got.value().component_count,
              std::set<NodeIndex>(expected.begin(), expected.end()).size());
  }
}

TEST_F(ComponentsTest, TheEmptyGraphHasNoComponents) {
  Result<ComponentsResult> got = weakly_connected_components(make_graph(0, {}));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().component_count, 0u);
  EXPECT_TRUE(got.value().component.empty());
}

}  // namespace
}  // namespace quiver::gpu
