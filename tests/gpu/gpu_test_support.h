#pragma once

// Shared by the gpu test files: graph builders, a seeded random graph generator and the fixture
// that skips every test when the compiled backend cannot run (a CUDA build without a device).

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "gpu/backend.h"
#include "gpu/csr.h"

namespace quiver::gpu::testing {

using Edge = std::pair<NodeIndex, NodeIndex>;

// Skips the test when the backend compiled into quiver_gpu has nothing to run on, so that the
// same suite passes on every build and exercises whichever backend is there.
class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status ready = backend_ready();
    if (!ready.ok()) {
      GTEST_SKIP() << backend_name(compiled_backend())
                   << " backend unavailable: " << ready.error().message;
    }
  }
};

// Builds a graph from an edge list; fails the test when the list is invalid.
inline CsrGraph make_graph(std::uint64_t node_count, const std::vector<Edge>& edges,
                           const std::vector<float>& weights = {}) {
  std::vector<NodeIndex> sources;
  std::vector<NodeIndex> targets;
  for (const auto& [s, t] : edges) {
    sources.push_back(s);
    targets.push_back(t);
  }
  Result<CsrGraph> graph = CsrGraph::from_edges(node_count, sources, targets, weights);
  EXPECT_TRUE(graph.ok()) << (graph.ok() ? "" : graph.error().message);
  return std::move(graph).value();
}

// A graph of node_count nodes and edge_count edges with uniformly drawn endpoints (self-loops
// and repeated edges included, as real projections have them). Weights, when asked for, are
// drawn from [0.1, 2). Deterministic for a seed.
inline CsrGraph random_graph(std::uint64_t node_count, std::uint64_t edge_count, std::uint64_t seed,
                             bool weighted = false) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<NodeIndex> node(0, static_cast<NodeIndex>(node_count - 1));
  std::uniform_real_distribution<float> weight(0.1f, 2.0f);
  std::vector<Edge> edges;
  std::vector<float> weights;
  for (std::uint64_t e = 0; e < edge_count; ++e) {
    edges.emplace_back(node(rng), node(rng));
    if (weighted) {
      weights.push_back(weight(rng));
    }
  }
  return make_graph(node_count, edges, weights);
}

// The edges of GRAPH as (source, target, weight) triples in storage order; weight 1 when the
// graph is unweighted.
struct WeightedEdge {
  NodeIndex source;
  NodeIndex target;
  float weight;
  auto operator<=>(const WeightedEdge&) const = default;
};

inline std::vector<WeightedEdge> edges_of(const CsrGraph& graph) {
  std::vector<WeightedEdge> edges;
  for (std::uint64_t v = 0; v < graph.node_count(); ++v) {
    for (auto e = graph.offsets()[v]; e < graph.offsets()[v + 1]; ++e) {
      edges.push_back({static_cast<NodeIndex>(v), graph.targets()[e],
                       graph.weighted() ? graph.weights()[e] : 1.0f});
    }
  }
  return edges;
}

}  // namespace quiver::gpu::testing
