#include <gtest/gtest.h>

#include <vector>

#include "gpu/centrality.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::edges_of;
using testing::make_graph;
using testing::random_graph;

class DegreeTest : public testing::GpuTest {};

std::vector<double> reference_degree(const CsrGraph& graph, const DegreeConfig& config) {
  std::vector<double> degree(graph.node_count(), 0.0);
  for (const auto& e : edges_of(graph)) {
    const double amount = config.weighted ? e.weight : 1.0;
    if (config.orientation != Orientation::kIn) {
      degree[e.source] += amount;
    }
    if (config.orientation != Orientation::kOut) {
      degree[e.target] += amount;
    }
  }
  return degree;
}

TEST_F(DegreeTest, CountsOutInAndBothOnASmallGraph) {
  CsrGraph graph = make_graph(4, {{0, 1}, {0, 2}, {1, 2}, {2, 2}});
  Result<std::vector<double>> out = degree(graph, {Orientation::kOut, false});
  Result<std::vector<double>> in = degree(graph, {Orientation::kIn, false});
  Result<std::vector<double>> both = degree(graph, {Orientation::kBoth, false});
  ASSERT_TRUE(out.ok() && in.ok() && both.ok());
  EXPECT_EQ(out.value(), (std::vector<double>{2, 1, 1, 0}));
  EXPECT_EQ(in.value(), (std::vector<double>{0, 1, 3, 0}));
  EXPECT_EQ(both.value(), (std::vector<double>{2, 2, 4, 0}));
}

TEST_F(DegreeTest, SumsWeightsWhenWeighted) {
  CsrGraph graph = make_graph(3, {{0, 1}, {0, 2}, {2, 1}}, {0.5f, 2.0f, 4.0f});
  Result<std::vector<double>> in = degree(graph, {Orientation::kIn, true});
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in.value(), (std::vector<double>{0.0, 4.5, 2.0}));
}

TEST_F(DegreeTest, MatchesTheReferenceOnRandomGraphs) {
  CsrGraph graph = random_graph(300, 2500, 5, true);
  for (Orientation orientation : {Orientation::kOut, Orientation::kIn, Orientation::kBoth}) {
    for (bool weighted : {false, true}) {
      DegreeConfig config{orientation, weighted};
      Result<std::vector<double>> got = degree(graph, config);
      ASSERT_TRUE(got.ok());
      std::vector<double> expected = reference_degree(graph, config);
      ASSERT_EQ(got.value().size(), expected.size());
      for (std::size_t v = 0; v < expected.size(); ++v) {
        EXPECT_NEAR(got.value()[v], expected[v], 1e-9) << "node " << v;
      }
    }
  }
}

TEST_F(DegreeTest, RejectsWeightedDegreeOnAnUnweightedGraph) {
  CsrGraph graph = make_graph(2, {{0, 1}});
  Result<std::vector<double>> got = degree(graph, {Orientation::kOut, true});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace quiver::gpu
