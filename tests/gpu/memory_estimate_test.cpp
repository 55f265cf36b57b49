#include "gpu/memory_estimate.h"

#include <gtest/gtest.h>

#include <limits>

#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

TEST(MemoryEstimateTest, EstimatesGrowWithTheGraph) {
  const GraphShape small{1000, 10000, false};
  const GraphShape large{2000, 20000, false};
  EXPECT_LT(estimate_pagerank(small, {}).device_bytes, estimate_pagerank(large, {}).device_bytes);
  EXPECT_LT(estimate_weakly_connected_components(small).device_bytes,
            estimate_weakly_connected_components(large).device_bytes);
  EXPECT_LT(estimate_fastrp(small, {}).device_bytes, estimate_fastrp(large, {}).device_bytes);
  EXPECT_LT(estimate_symmetrise(small).device_bytes, estimate_symmetrise(large).device_bytes);
  EXPECT_LT(estimate_transpose(small).device_bytes, estimate_transpose(large).device_bytes);
  EXPECT_LT(estimate_node_similarity(small, {}).device_bytes,
            estimate_node_similarity(large, {}).device_bytes);
  EXPECT_LT(estimate_knn(1000, 64, {}).device_bytes, estimate_knn(2000, 64, {}).device_bytes);
}

TEST(MemoryEstimateTest, EstimatesCoverAtLeastInputAndResult) {
  const GraphShape shape{1000, 10000, true};
  // Offsets, targets and weights alone take 8 * 1001 + 8 * 10000 bytes.
  const std::uint64_t input = 8 * 1001 + 8 * 10000;
  EXPECT_GE(estimate_pagerank(shape, {}).device_bytes, input + 8 * 1000);
  EXPECT_EQ(estimate_pagerank(shape, {}).result_bytes, 8u * 1000);
  FastRpConfig fastrp;
  fastrp.dimension = 64;
  EXPECT_GE(estimate_fastrp(shape, fastrp).device_bytes, input + 3u * 1000 * 64 * 4);
  EXPECT_EQ(estimate_fastrp(shape, fastrp).result_bytes, 1000u * 64 * 4);
  EXPECT_GT(estimate_degree(shape, {Orientation::kIn, true}).device_bytes,
            estimate_degree(shape, {Orientation::kOut, true}).device_bytes);
}

TEST(MemoryEstimateTest, ImpossibleSizesSaturateInsteadOfWrapping) {
  const std::uint64_t huge = std::numeric_limits<std::uint64_t>::max() / 2;
  FastRpConfig config;
  config.dimension = 4096;
  EXPECT_EQ(estimate_fastrp({huge, huge, true}, config).device_bytes,
            std::numeric_limits<std::uint64_t>::max());
}

class MemoryCheckTest : public testing::GpuTest {};

TEST_F(MemoryCheckTest, RefusesWorkThatCannotFit) {
  FastRpConfig config;
  config.dimension = 4096;
  Status fits = check_fits(estimate_fastrp({std::uint64_t{1} << 40, 0, false}, config));
  ASSERT_FALSE(fits.ok());
  EXPECT_EQ(fits.error().code, ErrorCode::kOutOfMemory);
  EXPECT_NE(fits.error().message.find("bytes"), std::string::npos);
}

TEST_F(MemoryCheckTest, AcceptsSmallWork) {
  EXPECT_TRUE(check_fits(estimate_pagerank({100, 1000, false}, {})).ok());
}

}  // namespace
}  // namespace quiver::gpu
