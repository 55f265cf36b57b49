#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "gpu/embedding.h"
#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::edges_of;
using testing::make_graph;
using testing::random_graph;

class FastRpTest : public testing::GpuTest {};

// FastRP in plain loops from the documented definition, drawing the projection through the
// public entry function.
std::vector<float> reference_fastrp(const CsrGraph& graph, const FastRpConfig& config) {
  const std::size_t n = graph.node_count();
  const std::size_t d = config.dimension;
  std::vector<float> current(n * d);
  std::vector<float> embedding(n * d);
  for (std::size_t v = 0; v < n; ++v) {
    const double degree = std::max<double>(1.0, graph.out_degree(static_cast<NodeIndex>(v)));
    const double scale = std::pow(degree, double(config.normalisation_strength));
    for (std::size_t j = 0; j < d; ++j) {
      current[v * d + j] =
          static_cast<float>(scale) * fastrp_random_entry(config.seed, static_cast<NodeIndex>(v),
                                                          static_cast<std::uint32_t>(j));
      embedding[v * d + j] = config.self_influence * current[v * d + j];
    }
  }

  for (float weight : config.iteration_weights) {
    std::vector<double> next(n * d, 0.0);
    for (const auto& e : edges_of(graph)) {
      const double w = config.weighted ? e.weight : 1.0;
      for (std::size_t j = 0; j < d; ++j) {
        next[e.source * d + j] += w * current[e.target * d + j];
      }
    }
    for (std::size_t v = 0; v < n; ++v) {
      double norm = 0.0;
      for (std::size_t j = 0; j < d; ++j) {
        norm += next[v * d + j] * next[v * d + j];
      }
      norm = std::sqrt(norm);
      for (std::size_t j = 0; j < d; ++j) {
        current[v * d + j] = norm > 0.0 ? static_cast<float>(next[v * d + j] / norm) : 0.0f;
        embedding[v * d + j] += weight * current[v * d + j];
      }
    }
  }
  return embedding;
}

TEST_F(FastRpTest, TheProjectionHasTheDocumentedDistribution) {
  const float root3 = std::sqrt(3.0f);
  int positive = 0;
  int negative = 0;
  int total = 0;
  for (NodeIndex v = 0; v < 300; ++v) {
    for (std::uint32_t j = 0; j < 100; ++j) {
      const float x = fastrp_random_entry(7, v, j);
      ASSERT_TRUE(x == 0.0f || std::fabs(std::fabs(x) - root3) < 1e-6f) << x;
      positive += x > 0.0f;
      negative += x < 0.0f;
      ++total;
    }
  }
  EXPECT_NEAR(double(positive) / total, 1.0 / 6.0, 0.01);
  EXPECT_NEAR(double(negative) / total, 1.0 / 6.0, 0.01);
}

TEST_F(FastRpTest, MatchesTheReferenceOnRandomGraphs) {
  for (bool weighted : {false, true}) {
    CsrGraph graph = random_graph(250, 1500, 13, weighted);
    FastRpConfig config;
    config.dimension = 32;
    config.iteration_weights = {0.5f, 1.0f, 2.0f};
    config.normalisation_strength = -0.5f;
    config.self_influence = 0.25f;
    config.weighted = weighted;
    Result<Embeddings> got = fastrp(graph, config);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(got.value().dimension, 32u);
    std::vector<float> expected = reference_fastrp(graph, config);
    ASSERT_EQ(got.value().values.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      ASSERT_NEAR(got.value().values[i], expected[i], 1e-4) << "entry " << i;
    }
  }
}

TEST_F(FastRpTest, TheSameSeedGivesTheSameVectors) {
  CsrGraph graph = random_graph(200, 1000, 8);
  FastRpConfig config;
  config.dimension = 16;
  Result<Embeddings> first = fastrp(graph, config);
  Result<Embeddings> second = fastrp(graph, config);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.value().values, second.value().values);
}

TEST_F(FastRpTest, ADifferentSeedGivesDifferentVectors) {
  CsrGraph graph = random_graph(200, 1000, 8);
  FastRpConfig config;
  config.dimension = 16;
  Result<Embeddings> first = fastrp(graph, config);
  config.seed = 43;
  Result<Embeddings> second = fastrp(graph, config);
  ASSERT_TRUE(first.ok() && second.ok());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < first.value().values.size(); ++i) {
    differing += first.value().values[i] != second.value().values[i];
  }
  EXPECT_GT(differing, first.value().values.size() / 2);
}

TEST_F(FastRpTest, RowsOfOneStepAreUnitLengthAndIsolatedNodesStayZero) {
  CsrGraph graph = make_graph(4, {{0, 1}, {0, 2}, {1, 2}, {2, 0}});
  FastRpConfig config;
  config.dimension = 64;
  config.iteration_weights = {1.0f};
  Result<Embeddings> got = fastrp(graph, config);
  ASSERT_TRUE(got.ok());
  const auto& values = got.value().values;
  for (std::size_t v = 0; v < 4; ++v) {
    double norm = 0.0;
    for (std::size_t j = 0; j < 64; ++j) {
      norm += values[v * 64 + j] * values[v * 64 + j];
    }
    EXPECT_NEAR(norm, v == 3 ? 0.0 : 1.0, 1e-5) << "node " << v;
  }
}

TEST_F(FastRpTest, RejectsBadConfiguration) {
  CsrGraph graph = make_graph(2, {{0, 1}});
  auto expect_invalid = [&](const FastRpConfig& config) {
    Result<Embeddings> got = fastrp(graph, config);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  };
  FastRpConfig config;
  config.dimension = 0;
  expect_invalid(config);
  config = {};
  config.dimension = 5000;
  expect_invalid(config);
  config = {};
  config.iteration_weights = {};
  expect_invalid(config);
  config = {};
  config.iteration_weights = {1.0f, std::nanf("")};
  expect_invalid(config);
  config = {};
  config.normalisation_strength = 11.0f;
  expect_invalid(config);
  config = {};
  config.weighted = true;
  expect_invalid(config);
}

}  // namespace
}  // namespace quiver::gpu
