#pragma once

// Checks a SimilarityPairs result against the exact score of every pair, in a way that does not
// depend on how ties or last-bit rounding were resolved.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "gpu/similarity.h"

namespace quiver::gpu::testing {

// SCORE(u, v) gives the exact score of a pair, or nothing for a pair that must not be reported.
// Checks that each source's list is sorted, holds min(k, eligible) entries, reports the true
// score of each target, and that no unreported eligible target beats the last reported one.
inline void expect_top_k(const SimilarityPairs& got, std::uint64_t node_count, std::uint32_t k,
                         float cutoff,
                         const std::function<std::optional<double>(NodeIndex, NodeIndex)>& score,
                         double tolerance) {
  ASSERT_EQ(got.source.size(), got.target.size());
  ASSERT_EQ(got.source.size(), got.score.size());
  ASSERT_TRUE(std::is_sorted(got.source.begin(), got.source.end()));

  std::size_t at = 0;
  for (NodeIndex u = 0; u < node_count; ++u) {
    std::vector<double> eligible;
    for (NodeIndex v = 0; v < node_count; ++v) {
      std::optional<double> s = score(u, v);
      if (s && *s >= cutoff - tolerance) {
        eligible.push_back(*s);
      }
    }
    std::sort(eligible.rbegin(), eligible.rend());

    std::vector<float> reported;
    while (at < got.source.size() && got.source[at] == u) {
      std::optional<double> truth = score(u, got.target[at]);
      ASSERT_TRUE(truth.has_value()) << "pair " << u << "," << got.target[at];
      EXPECT_NEAR(got.score[at], *truth, tolerance) << "pair " << u << "," << got.target[at];
      EXPECT_GE(got.score[at], cutoff);
      reported.push_back(got.score[at]);
      ++at;
    }

    const std::size_t expected_count = std::min<std::size_t>(k, eligible.size());
    // Scores within tolerance of the cutoff may fall on either side of it.
    EXPECT_LE(reported.size(), expected_count) << "source " << u;
    for (std::size_t i = 0; i < reported.size(); ++i) {
      EXPECT_NEAR(reported[i], eligible[i], tolerance) << "source " << u << " rank " << i;
      if (i > 0) {
        EXPECT_GE(reported[i - 1], reported[i]);
      }
    }
    if (reported.size() < expected_count) {
      EXPECT_LT(eligible[reported.size()], cutoff + tolerance) << "source " << u;
    }
  }
  EXPECT_EQ(at, got.source.size());
}

}  // namespace quiver::gpu::testing
