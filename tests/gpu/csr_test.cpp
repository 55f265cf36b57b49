#include "gpu/csr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

using testing::make_graph;

TEST(CsrGraphTest, AcceptsAValidGraphAndExposesItsArrays) {
  Result<CsrGraph> graph = CsrGraph::create({0, 2, 2, 3}, {1, 2, 0}, {0.5f, 1.5f, 2.0f});
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(graph.value().node_count(), 3u);
  EXPECT_EQ(graph.value().edge_count(), 3u);
  EXPECT_TRUE(graph.value().weighted());
  EXPECT_EQ(graph.value().out_degree(0), 2u);
  EXPECT_EQ(graph.value().out_degree(1), 0u);
  EXPECT_EQ(graph.value().targets()[2], 0u);
  EXPECT_FLOAT_EQ(graph.value().weights()[1], 1.5f);
}

TEST(CsrGraphTest, AcceptsTheEmptyGraph) {
  Result<CsrGraph> graph = CsrGraph::create({0}, {});
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(graph.value().node_count(), 0u);
  EXPECT_FALSE(graph.value().weighted());
}

void expect_invalid(Result<CsrGraph> graph) {
  ASSERT_FALSE(graph.ok());
  EXPECT_EQ(graph.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(graph.error().message.empty());
}

TEST(CsrGraphTest, RejectsMissingOffsets) {
  expect_invalid(CsrGraph::create({}, {}));
}

TEST(CsrGraphTest, RejectsOffsetsNotStartingAtZero) {
  expect_invalid(CsrGraph::create({1, 1}, {0}));
}

TEST(CsrGraphTest, RejectsOffsetsNotEndingAtTheEdgeCount) {
  expect_invalid(CsrGraph::create({0, 1}, {0, 0}));
}

TEST(CsrGraphTest, RejectsDecreasingOffsets) {
  expect_invalid(CsrGraph::create({0, 2, 1, 2}, {0, 1}));
}

TEST(CsrGraphTest, RejectsTargetsPastTheNodeCount) {
  expect_invalid(CsrGraph::create({0, 1, 1}, {2}));
}

TEST(CsrGraphTest, RejectsAWeightCountDifferentFromTheEdgeCount) {
  expect_invalid(CsrGraph::create({0, 1, 2}, {1, 0}, {1.0f}));
}

TEST(CsrGraphTest, RejectsNonFiniteWeights) {
  expect_invalid(CsrGraph::create({0, 1, 1}, {1}, {std::nanf("")}));
  expect_invalid(CsrGraph::create({0, 1, 1}, {1}, {std::numeric_limits<float>::infinity()}));
}

TEST(CsrGraphTest, FromEdgesGroupsBySourceAndKeepsInputOrder) {
  CsrGraph graph = make_graph(3, {{2, 0}, {0, 2}, {2, 1}, {0, 1}}, {1, 2, 3, 4});
  std::vector<EdgeIndex> offsets(graph.offsets().begin(), graph.offsets().end());
  std::vector<NodeIndex> targets(graph.targets().begin(), graph.targets().end());
  std::vector<float> weights(graph.weights().begin(), graph.weights().end());
  EXPECT_EQ(offsets, (std::vector<EdgeIndex>{0, 2, 2, 4}));
  EXPECT_EQ(targets, (std::vector<NodeIndex>{2, 1, 0, 1}));
  EXPECT_EQ(weights, (std::vector<float>{2, 4, 1, 3}));
}

TEST(CsrGraphTest, FromEdgesRejectsBadLists) {
  std::vector<NodeIndex> two = {0, 1};
  std::vector<NodeIndex> one = {0};
  std::vector<NodeIndex> far = {0, 5};
  std::vector<float> one_weight = {1.0f};
  expect_invalid(CsrGraph::from_edges(2, two, one));
  expect_invalid(CsrGraph::from_edges(2, two, two, one_weight));
  expect_invalid(CsrGraph::from_edges(2, far, two));
  expect_invalid(CsrGraph::from_edges(2, two, far));
}

TEST(ErrorCodeTest, NamesEveryCode) {
  EXPECT_STREQ(error_code_name(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_STREQ(error_code_name(ErrorCode::kOutOfMemory), "out_of_memory");
  EXPECT_STREQ(error_code_name(ErrorCode::kNotConverged), "not_converged");
  EXPECT_STREQ(error_code_name(ErrorCode::kBackendUnavailable), "backend_unavailable");
  EXPECT_STREQ(error_code_name(ErrorCode::kInternal), "internal");
}

}  // namespace
}  // namespace quiver::gpu
