#include "gpu/backend.h"

#include <gtest/gtest.h>

#include <string>

#include "gpu_test_support.h"

namespace quiver::gpu {
namespace {

TEST(BackendTest, NamesEachBackend) {
  EXPECT_STREQ(backend_name(Backend::kOpenMp), "omp");
  EXPECT_STREQ(backend_name(Backend::kCuda), "cuda");
}

TEST(BackendTest, ReadinessAgreesWithTheResourceQueries) {
  const bool ready = backend_ready().ok();
  EXPECT_EQ(backend_free_bytes().ok(), ready);
  EXPECT_EQ(backend_parallelism().ok(), ready);
  if (compiled_backend() == Backend::kOpenMp) {
    EXPECT_TRUE(ready);
  }
}

class ReadyBackendTest : public testing::GpuTest {};

TEST_F(ReadyBackendTest, ReportsParallelismAndFreeMemory) {
  Result<int> workers = backend_parallelism();
  Result<std::uint64_t> free_bytes = backend_free_bytes();
  ASSERT_TRUE(workers.ok() && free_bytes.ok());
  EXPECT_GE(workers.value(), 1);
  EXPECT_GT(free_bytes.value(), 0u);
}

}  // namespace
}  // namespace quiver::gpu
