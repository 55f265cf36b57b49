// Node similarity over out-neighbour sets. Candidate pairs are the two-hop paths u -> w <- v:
// a batch of sources writes all its paths as packed (u, v) keys, one sort groups equal keys,
// whose run lengths are |N(u) n N(v)|, and one pass per source keeps its best k pairs.

#include <thrust/binary_search.h>
#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cmath>
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

// Scores a pair from its shared-neighbour count and the sizes of both sets.
QUIVER_HD inline float score_pair(const EdgeIndex* set_offsets, SetSimilarity metric,
                                  std::uint64_t u, std::uint64_t v, std::uint64_t shared) {
  const double a = static_cast<double>(set_offsets[u + 1] - set_offsets[u]);
  const double b = static_cast<double>(set_offsets[v + 1] - set_offsets[v]);
  const double c = static_cast<double>(shared);
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

// The first packed key of source u: where u's paths start in the sorted batch.
struct FirstKeyOf {
  QUIVER_HD std::uint64_t operator()(std::uint64_t u) const { return u << 32; }
};

// Output slots reserved for source first + i: at most k, and never more than its paths.
struct SlotCount {
  const std::uint64_t* segment_begin;
  std::uint32_t k;

  QUIVER_HD std::uint64_t operator()(std::uint64_t i) const {
    const std::uint64_t paths = segment_begin[i + 1] - segment_begin[i];
    return paths < k ? paths : k;
  }
};

// Walks the sorted paths of source first + i. Each run of equal keys is one candidate v and its
// length is |N(u) n N(v)|; candidates at or above the cutoff enter a best-first list in the
// source's slots. Candidates arrive in ascending v and only a strictly better score moves ahead
// of an earlier one, so ties keep ascending v.
struct TopPairsOfSource {
  const std::uint64_t* keys;
  const std::uint64_t* segment_begin;
  const std::uint64_t* slot_begin;
  const EdgeIndex* set_offsets;
  SetSimilarity metric;
  float cutoff;
  std::uint64_t first;
  NodeIndex* top_targets;
  float* top_scores;
  std::uint32_t* counts;

  QUIVER_HD void operator()(std::uint64_t i) const {
    const std::uint64_t u = first + i;
    const std::uint64_t capacity = slot_begin[i + 1] - slot_begin[i];
    NodeIndex* targets = top_targets + slot_begin[i];
    float* scores = top_scores + slot_begin[i];
    std::uint64_t count = 0;

    std::uint64_t e = segment_begin[i];
    const std::uint64_t end = segment_begin[i + 1];
    while (e < end) {
      const std::uint64_t key = keys[e];
      std::uint64_t run_end = e + 1;
      while (run_end < end && keys[run_end] == key) {
        ++run_end;
      }
      const std::uint64_t v = key & 0xFFFFFFFFull;
      const float s = score_pair(set_offsets, metric, u, v, run_end - e);
      e = run_end;
      if (!(s >= cutoff) || (count == capacity && !(s > scores[capacity - 1]))) {
        continue;
      }

      std::uint64_t slot = count < capacity ? count++ : capacity - 1;
      while (slot > 0 && s > scores[slot - 1]) {
        scores[slot] = scores[slot - 1];
        targets[slot] = targets[slot - 1];
        --slot;
      }
      scores[slot] = s;
      targets[slot] = static_cast<NodeIndex>(v);
    }
    counts[i] = static_cast<std::uint32_t>(count);
  }
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

  // Equal keys are the paths through each shared neighbour, so each source's candidates and
  // their intersection sizes can be read off its own sorted segment.
  const std::uint64_t sources = last - first;
  detail::DeviceVector<std::uint64_t> segment_begin(sources + 1);
  auto first_keys = thrust::make_transform_iterator(thrust::counting_iterator<std::uint64_t>(first),
                                                    FirstKeyOf{});
  thrust::lower_bound(keys.begin(), keys.end(), first_keys, first_keys + sources + 1,
                      segment_begin.begin());

  detail::DeviceVector<std::uint64_t> slot_begin(sources + 1, 0);
  auto sources_begin = thrust::counting_iterator<std::uint64_t>(0);
  thrust::transform(sources_begin, sources_begin + sources, slot_begin.begin(),
                    SlotCount{detail::raw(segment_begin), config.top_k});
  thrust::exclusive_scan(slot_begin.begin(), slot_begin.end(), slot_begin.begin());
  const std::uint64_t slots = slot_begin.back();

  detail::DeviceVector<NodeIndex> top_targets(slots);
  detail::DeviceVector<float> top_scores(slots);
  detail::DeviceVector<std::uint32_t> counts(sources);
  thrust::for_each(
      sources_begin, sources_begin + sources,
      TopPairsOfSource{detail::raw(keys), detail::raw(segment_begin), detail::raw(slot_begin),
                       detail::raw(sets.offsets), config.metric, config.cutoff, first,
                       detail::raw(top_targets), detail::raw(top_scores), detail::raw(counts)});

  const std::vector<std::uint64_t> host_slots = detail::to_host(slot_begin);
  const std::vector<NodeIndex> host_targets = detail::to_host(top_targets);
  const std::vector<float> host_scores = detail::to_host(top_scores);
  const std::vector<std::uint32_t> host_counts = detail::to_host(counts);
  for (std::uint64_t i = 0; i < sources; ++i) {
    for (std::uint64_t j = host_slots[i]; j < host_slots[i] + host_counts[i]; ++j) {
      out.source.push_back(static_cast<NodeIndex>(first + i));
      out.target.push_back(host_targets[j]);
      out.score.push_back(host_scores[j]);
    }
  }
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
