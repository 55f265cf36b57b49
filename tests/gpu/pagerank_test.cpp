#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "gpu/centrality.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::edges_of;
using testing::make_graph;
using testing::random_graph;

class PageRankTest : public testing::GpuTest {};

// Power iteration written as plainly as possible, with the same stopping rule as the kernel.
PageRankResult reference_pagerank(const CsrGraph& graph, const std::vector<double>& teleport,
                                  const PageRankConfig& config) {
  const std::size_t n = graph.node_count();
  std::vector<double> out_weight(n, 0.0);
  for (const auto& e : edges_of(graph)) {
    out_weight[e.source] += config.weighted ? e.weight : 1.0;
  }

  PageRankResult result;
  std::vector<double> rank = teleport;
  while (result.iterations < config.max_iterations) {
    double dangling = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
      dangling += out_weight[v] > 0.0 ? 0.0 : rank[v];
    }
    std::vector<double> next(n);
    for (std::size_t v = 0; v < n; ++v) {
      next[v] = (1.0 - config.damping + config.damping * dangling) * teleport[v];
    }
    for (const auto& e : edges_of(graph)) {
      if (out_weight[e.source] > 0.0) {
        const double w = config.weighted ? e.weight : 1.0;
        next[e.target] += config.damping * rank[e.source] * w / out_weight[e.source];
      }
    }
    double change = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
      change += std::fabs(next[v] - rank[v]);
    }
    rank = next;
    ++result.iterations;
    if (change < config.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores = rank;
  return result;
}

void expect_scores_near(const std::vector<double>& got, const std::vector<double>& expected,
                        double tolerance) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t v = 0; v < got.size(); ++v) {
    EXPECT_NEAR(got[v], expected[v], tolerance) << "node " << v;
  }
}

TEST_F(PageRankTest, ACycleGivesUniformScores) {
  CsrGraph graph = make_graph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}});
  Result<PageRankResult> got = pagerank(graph);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got.value().converged);
  expect_scores_near(got.value().scores, std::vector<double>(5, 0.2), 1e-12);
}

TEST_F(PageRankTest, AStarCentreOutranksItsLeaves) {
  std::vector<testing::Edge> edges;
  for (NodeIndex leaf = 1; leaf < 8; ++leaf) {
    edges.push_back({leaf, 0});
  }
  Result<PageRankResult> got = pagerank(make_graph(8, edges));
  ASSERT_TRUE(got.ok());
  const auto& scores = got.value().scores;
  for (NodeIndex leaf = 1; leaf < 8; ++leaf) {
    EXPECT_GT(scores[0], scores[leaf]);
    EXPECT_NEAR(scores[leaf], scores[1], 1e-12);
  }
}

TEST_F(PageRankTest, MatchesAHandSolvedGraphWithADanglingNode) {
  // 0 -> 1, node 1 dangling. With d = 0.85 the fixed point solves r0 = 0.075 + 0.425 r1 and
  // r0 + r1 = 1, so r0 = 0.5 / 1.425.
  PageRankConfig config;
  config.tolerance = 1e-12;
  config.max_iterations = 1000;
  Result<PageRankResult> got = pagerank(make_graph(2, {{0, 1}}), config);
  ASSERT_TRUE(got.ok());
  EXPECT_NEAR(got.value().scores[0], 0.5 / 1.425, 1e-10);
  EXPECT_NEAR(got.value().scores[1], 1.0 - 0.5 / 1.425, 1e-10);
}

TEST_F(PageRankTest, MatchesTheReferenceOnRandomGraphs) {
  for (bool weighted : {false, true}) {
    CsrGraph graph = random_graph(400, 2000, 21, weighted);
    PageRankConfig config;
    config.weighted = weighted;
    config.damping = 0.8;
    Result<PageRankResult> got = pagerank(graph, config);
    ASSERT_TRUE(got.ok());
    PageRankResult expected =
        reference_pagerank(graph, std::vector<double>(400, 1.0 / 400), config);
    EXPECT_EQ(got.value().iterations, expected.iterations);
    EXPECT_EQ(got.value().converged, expected.converged);
    expect_scores_near(got.value().scores, expected.scores, 1e-12);
    const auto& s = got.value().scores;
    EXPECT_NEAR(std::accumulate(s.begin(), s.end(), 0.0), 1.0, 1e-9);
  }
}

TEST_F(PageRankTest, PersonalisedMatchesTheReferenceAndFavoursItsSources) {
  CsrGraph graph = random_graph(300, 1200, 33);
  std::vector<NodeIndex> sources = {7, 42, 42, 199};
  Result<PageRankResult> got = personalised_pagerank(graph, sources);
  ASSERT_TRUE(got.ok());

  std::vector<double> teleport(300, 0.0);
  teleport[7] = teleport[42] = teleport[199] = 1.0 / 3.0;
  PageRankResult expected = reference_pagerank(graph, teleport, PageRankConfig{});
  expect_scores_near(got.value().scores, expected.scores, 1e-12);

  Result<PageRankResult> global = pagerank(graph);
  ASSERT_TRUE(global.ok());
  for (NodeIndex s : {7u, 42u, 199u}) {
    EXPECT_GT(got.value().scores[s], global.value().scores[s]);
  }
}

TEST_F(PageRankTest, PersonalisedGivesNothingToUnreachableNodes) {
  CsrGraph graph = make_graph(4, {{0, 1}, {1, 0}, {2, 3}});
  Result<PageRankResult> got = personalised_pagerank(graph, {0});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().scores[2], 0.0);
  EXPECT_EQ(got.value().scores[3], 0.0);
  EXPECT_NEAR(got.value().scores[0] + got.value().scores[1], 1.0, 1e-9);
}

TEST_F(PageRankTest, ReportsNonConvergenceOnlyWhenRequired) {
  CsrGraph graph = random_graph(50, 200, 3);
  PageRankConfig config;
  config.max_iterations = 2;
  Result<PageRankResult> lenient = pagerank(graph, config);
  ASSERT_TRUE(lenient.ok());
  EXPECT_FALSE(lenient.value().converged);
  EXPECT_EQ(lenient.value().iterations, 2u);

  config.require_convergence = true;
  Result<PageRankResult> strict = pagerank(graph, config);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().code, ErrorCode::kNotConverged);
}

TEST_F(PageRankTest, TheEmptyGraphHasNoScores) {
  Result<PageRankResult> got = pagerank(make_graph(0, {}));
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got.value().scores.empty());
}

TEST_F(PageRankTest, RejectsBadConfiguration) {
  CsrGraph graph = make_graph(3, {{0, 1}, {1, 2}});
  CsrGraph negative = make_graph(2, {{0, 1}}, {-1.0f});
  auto expect_invalid = [](const Result<PageRankResult>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  };
  PageRankConfig config;
  config.damping = 1.0;
  expect_invalid(pagerank(graph, config));
  config = {};
  config.damping = std::nan("");
  expect_invalid(pagerank(graph, config));
  config = {};
  config.tolerance = 0.0;
  expect_invalid(pagerank(graph, config));
  config = {};
  config.max_iterations = 0;
  expect_invalid(pagerank(graph, config));
  config = {};
  config.weighted = true;
  expect_invalid(pagerank(graph, config));
  expect_invalid(pagerank(negative, config));
  expect_invalid(personalised_pagerank(graph, {}));
  expect_invalid(personalised_pagerank(graph, {3}));
}

}  // namespace
}  // namespace quiver::gpu
