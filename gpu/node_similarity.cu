// Node similarity over out-neighbour sets. Candidate pairs are the two-hop paths u -> w <- v:
// a batch of sources writes all its paths as packed (u, v) keys, sorting and counting equal keys
// gives |N(u) n N(v)| for every pair that shares a neighbour, and a second sort picks the top k.

#include <thrust/binary_search.h>
#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/constant_iterator.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/remove.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "gpu/detail/device.cuh"
#include "gpu/similarity.h"

namespace quiver::gpu {
namespace {

constexpr std::uint64_t kSelfPair = ~std::uint64_t{0};

// Number of two-hop paths u -> w <- v starting at u (v = u included).
struct PathCount {
  detail::CsrView sets;
  detail::CsrView reverse;

  QUIVER_HD std::uint64_t operator()(std::uint64_t u) const {
    std::uint64_t paths = 0;
    for (EdgeIndex e = sets.offsets[u]; e < sets.offsets[u + 1]; ++e) {
      const NodeIndex w = sets.targets[e];
      paths += reverse.offsets[w + 1] - reverse.offsets[w];
    }
    return paths;
  }
};

// Writes the packed (u, v) key of every path from u, starting at slot path_offsets[u] - base.
struct WritePaths {
  detail::CsrView sets;
  detail::CsrView reverse;
  const std::uint64_t* path_offsets;
  std::uint64_t base;
  std::uint64_t* keys;

  QUIVER_HD void operator()(std::uint64_t u) const {
    std::uint64_t slot = path_offsets[u] - base;
    for (EdgeIndex e = sets.offsets[u]; e < sets.offsets[u + 1]; ++e) {
      const NodeIndex w = sets.targets[e];
      for (EdgeIndex f = reverse.offsets[w]; f < reverse.offsets[w + 1]; ++f) {
        const std::uint64_t v = reverse.targets[f];
        keys[slot++] = v == u ? kSelfPair : (u << 32) | v;
      }
    }
  }
};

// Scores a pair from its shared-neighbour count; returns the composite sort key that orders
// by source ascending, then score descending.
struct ScorePair {
  const EdgeIndex* set_offsets;
  SetSimilarity metric;

  QUIVER_HD float operator()(std::uint64_t key, std::uint32_t shared) const {
    const std::uint64_t u = key >> 32;
    const std::uint64_t v = key & 0xFFFFFFFFull;
    const double a = static_cast<double>(set_offsets[u + 1] - set_offsets[u]);
    const double b = static_cast<double>(set_offsets[v + 1] - set_offsets[v]);
    const double c = shared;
    double score = 0.0;
    if (metric == SetSimilarity::kJaccard) {
      score = c / (a + b - c);
    } else if (metric == SetSimilarity::kOverlap) {
      score = c / (a < b ? a : b);
    } else {
      score = c / sqrt(a * b);
    }
    return static_cast<float>(score);
  }
};

// Packs (source, descending score): non-negative floats order like their bit patterns.
struct RankKey {
  QUIVER_HD std::uint64_t operator()(std::uint64_t pair, float score) const {
    std::uint32_t bits = 0;
    memcpy(&bits, &score, sizeof bits);
    return (pair & ~0xFFFFFFFFull) | (0xFFFFFFFFull - bits);
  }
};

struct LowHalf {
  QUIVER_HD NodeIndex operator()(std::uint64_t key) const {
    return static_cast<NodeIndex>(key & 0xFFFFFFFFull);
  }
};

struct HighHalf {
  QUIVER_HD NodeIndex operator()(std::uint64_t key) const {
    return static_cast<NodeIndex>(key >> 32);
  }
};

struct BelowCutoff {
  float cutoff;
  template <typename PairAndScore>
  QUIVER_HD bool operator()(const PairAndScore& pair_and_score) const {
    return thrust::get<1>(pair_and_score) < cutoff;
  }
};

struct RankAtLeast {
  std::uint32_t k;
  QUIVER_HD bool operator()(std::uint32_t rank) const { return rank >= k; }
};

Status validate(const NodeSimilarityConfig& config) {
  if (config.top_k < 1) {
    return invalid_argument("node similarity top_k must be at least 1");
  }
  if (!(config.cutoff >= 0.0f && config.cutoff <= 1.0f)) {
    return invalid_argument("node similarity cutoff must lie in [0, 1]");
  }
  if (config.max_pairs_per_batch < 1) {
    return invalid_argument("node similarity max_pairs_per_batch must be at least 1");
  }
  return Unit{};
}

// Scores the pairs of sources [first, last) and appends the top k of each to out.
void score_batch(const detail::DeviceCsr& sets, const detail::DeviceCsr& reverse,
                 const detail::DeviceVector<std::uint64_t>& path_offsets,
                 const std::vector<std::uint64_t>& host_offsets, std::uint64_t first,
                 std::uint64_t last, const NodeSimilarityConfig& config, SimilarityPairs& out) {
  const std::uint64_t base = host_offsets[first];
  detail::DeviceVector<std::uint64_t> keys(host_offsets[last] - base);
  thrust::for_each(thrust::counting_iterator<std::uint64_t>(first),
                   thrust::counting_iterator<std::uint64_t>(last),
                   WritePaths{detail::view(sets), detail::view(reverse), detail::raw(path_offsets),
                              base, detail::raw(keys)});
  thrust::sort(keys.begin(), keys.end());
  keys.resize(thrust::lower_bound(keys.begin(), keys.end(), kSelfPair) - keys.begin());

  // Equal keys are the paths through each shared neighbour: their count is the intersection.
  detail::DeviceVector<std::uint64_t> pairs(keys.size());
  detail::DeviceVector<std::uint32_t> shared(keys.size());
  auto ends =
      thrust::reduce_by_key(keys.begin(), keys.end(), thrust::constant_iterator<std::uint32_t>(1),
                            pairs.begin(), shared.begin());
  const std::uint64_t pair_count = ends.first - pairs.begin();
  keys = detail::DeviceVector<std::uint64_t>();
  pairs.resize(pair_count);
  shared.resize(pair_count);

  detail::DeviceVector<float> scores(pair_count);
  thrust::transform(pairs.begin(), pairs.end(), shared.begin(), scores.begin(),
                    ScorePair{detail::raw(sets.offsets), config.metric});
  shared = detail::DeviceVector<std::uint32_t>();

  // Dropping low scores before ranking keeps the sort short.
  auto kept_end = thrust::remove_if(
      thrust::make_zip_iterator(thrust::make_tuple(pairs.begin(), scores.begin())),
      thrust::make_zip_iterator(thrust::make_tuple(pairs.end(), scores.end())),
      BelowCutoff{config.cutoff});
  const std::uint64_t kept =
      kept_end - thrust::make_zip_iterator(thrust::make_tuple(pairs.begin(), scores.begin()));
  pairs.resize(kept);
  scores.resize(kept);

  // Pairs are sorted by (u, v), so a stable sort on (u, score descending) breaks score ties
  // by ascending v.
  detail::DeviceVector<std::uint64_t> rank_keys(kept);
  thrust::transform(pairs.begin(), pairs.end(), scores.begin(), rank_keys.begin(), RankKey{});
  detail::DeviceVector<NodeIndex> targets(kept);
  thrust::transform(pairs.begin(), pairs.end(), targets.begin(), LowHalf{});
  detail::DeviceVector<NodeIndex> sources(kept);
  thrust::transform(pairs.begin(), pairs.end(), sources.begin(), HighHalf{});
  pairs = detail::DeviceVector<std::uint64_t>();
  thrust::stable_sort_by_key(
      rank_keys.begin(), rank_keys.end(),
      thrust::make_zip_iterator(thrust::make_tuple(targets.begin(), scores.begin())));
  thrust::transform(rank_keys.begin(), rank_keys.end(), sources.begin(), HighHalf{});
  rank_keys = detail::DeviceVector<std::uint64_t>();

  detail::DeviceVector<std::uint32_t> rank(kept);
  thrust::exclusive_scan_by_key(sources.begin(), sources.end(),
                                thrust::constant_iterator<std::uint32_t>(1), rank.begin());
  auto zipped_begin = thrust::make_zip_iterator(
      thrust::make_tuple(sources.begin(), targets.begin(), scores.begin()));
  auto top_end =
      thrust::remove_if(zipped_begin, zipped_begin + kept, rank.begin(), RankAtLeast{config.top_k});
  const std::uint64_t top = top_end - zipped_begin;

  const std::size_t at = out.source.size();
  out.source.resize(at + top);
  out.target.resize(at + top);
  out.score.resize(at + top);
  detail::copy_to_host(sources, top, out.source.data() + at);
  detail::copy_to_host(targets, top, out.target.data() + at);
  detail::copy_to_host(scores, top, out.score.data() + at);
}

}  // namespace

Result<SimilarityPairs> node_similarity(const CsrGraph& graph, const NodeSimilarityConfig& config) {
  Status valid = validate(config);
  if (!valid.ok()) {
    return valid.error();
  }

  return detail::run_guarded("node_similarity", [&]() -> Result<SimilarityPairs> {
    const std::uint64_t n = graph.node_count();
    detail::DeviceCsr sets = detail::neighbour_sets(detail::upload(graph));
    detail::DeviceCsr reverse = detail::transpose_device(sets);

    detail::DeviceVector<std::uint64_t> path_offsets(n + 1, 0);
    thrust::transform(thrust::counting_iterator<std::uint64_t>(0),
                      thrust::counting_iterator<std::uint64_t>(n), path_offsets.begin(),
                      PathCount{detail::view(sets), detail::view(reverse)});
    thrust::exclusive_scan(path_offsets.begin(), path_offsets.end(), path_offsets.begin());
    std::vector<std::uint64_t> host_offsets = detail::to_host(path_offsets);

    // Each batch takes as many sources as fit the path budget, and at least one.
    SimilarityPairs out;
    std::uint64_t first = 0;
    while (first < n) {
      const std::uint64_t limit = host_offsets[first] + config.max_pairs_per_batch;
      auto it = std::upper_bound(host_offsets.begin() + first + 1, host_offsets.end(), limit);
      std::uint64_t last = static_cast<std::uint64_t>(it - host_offsets.begin()) - 1;
      last = std::max(last, first + 1);
      score_batch(sets, reverse, path_offsets, host_offsets, first, last, config, out);
      first = last;
    }
    return out;
  });
}

}  // namespace quiver::gpu
