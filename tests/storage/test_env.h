// Shared fixtures for the storage tests: a temporary directory and a fast environment in it.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/environment.h"
#include "support/temp_dir.h"

namespace quiver::storage::testing {

using TempDir = quiver::test_support::TempDir;

// Options for tests: no fsync (commits stay atomic, only durability on power loss is given up).
inline EnvironmentOptions fast_options() {
  EnvironmentOptions options;
  options.durable = false;
  return options;
}

// Opens an environment in PATH or fails the test.
inline std::unique_ptr<Environment> open_env(const std::filesystem::path& path,
                                             EnvironmentOptions options = fast_options()) {
  auto env = Environment::open(path, options);
  EXPECT_TRUE(env.ok()) << (env.ok() ? "" : env.error().message);
  return env.ok() ? std::move(env).value() : nullptr;
}

// Drains an id scan into a vector.
template <typename Scan, typename Id = std::uint64_t>
std::vector<Id> drain(Scan& scan) {
  std::vector<Id> out;
  Id batch[7];  // an odd size, so batches end mid-page
  for (;;) {
    auto n = scan.next_batch(batch);
    EXPECT_TRUE(n.ok());
    if (!n.ok() || *n == 0) {
      return out;
    }
    out.insert(out.end(), batch, batch + *n);
  }
}

// Value of a Result or a test failure naming its error.
#define QV_ASSERT_OK_AND_ASSIGN(lhs, expr)                     \
  auto QUIVER_STORAGE_CAT_(qv_r_, __LINE__) = (expr);          \
  ASSERT_TRUE(QUIVER_STORAGE_CAT_(qv_r_, __LINE__).ok())       \
      << QUIVER_STORAGE_CAT_(qv_r_, __LINE__).error().message; \
  lhs = std::move(QUIVER_STORAGE_CAT_(qv_r_, __LINE__)).value()

#define QV_ASSERT_OK(expr)                            \
  do {                                                \
    auto qv_s_ = (expr);                              \
    ASSERT_TRUE(qv_s_.ok()) << qv_s_.error().message; \
  } while (false)

}  // namespace quiver::storage::testing
