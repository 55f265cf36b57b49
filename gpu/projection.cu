// Device copies of CSR graphs and their reorientations (reverse, undirected, neighbour sets).

#include <thrust/binary_search.h>
#include <thrust/copy.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <stdexcept>

#include "gpu/detail/device.cuh"
#include "gpu/projection.h"

namespace quiver::gpu::detail {
namespace {

// Marks an edge that symmetrise drops: the reversed copy of a self-loop. No real pair packs to
// it because node indexes stay below kMaxNodeCount.
constexpr std::uint64_t kDroppedPair = ~std::uint64_t{0};

// Packs both directions of every edge as (source << 32 | target). Index e < m is edge e as
// stored, index m + e its reverse.
struct PackBothDirections {
  const NodeIndex* sources;
  const NodeIndex* targets;
  std::uint64_t edge_count;

  QUIVER_HD std::uint64_t operator()(std::uint64_t i) const {
    const bool reversed = i >= edge_count;
    const std::uint64_t e = reversed ? i - edge_count : i;
    const std::uint64_t s = sources[e];
    const std::uint64_t t = targets[e];
    if (reversed && s == t) {
      return kDroppedPair;
    }
    return reversed ? (t << 32) | s : (s << 32) | t;
  }
};

struct PackPair {
  QUIVER_HD std::uint64_t operator()(NodeIndex s, NodeIndex t) const {
    return (static_cast<std::uint64_t>(s) << 32) | t;
  }
};

struct HighHalf {
  QUIVER_HD NodeIndex operator()(std::uint64_t key) const {
    return static_cast<NodeIndex>(key >> 32);
  }
};

struct LowHalf {
  QUIVER_HD NodeIndex operator()(std::uint64_t key) const {
    return static_cast<NodeIndex>(key & 0xFFFFFFFFull);
  }
};

struct Max {
  QUIVER_HD float operator()(float a, float b) const { return a < b ? b : a; }
};

// True for the first element of each run of equal keys.
struct IsFirstOfRun {
  const std::uint64_t* keys;

  QUIVER_HD bool operator()(std::uint64_t i) const { return i == 0 || keys[i] != keys[i - 1]; }
};

// Removes repeated keys from a sorted vector. Thrust 1.17's unique reads the element before the
// first (its head flags dereference first - 1 before testing for position 0), so it is not used.
void unique_sorted(DeviceVector<std::uint64_t>& keys) {
  DeviceVector<std::uint64_t> out(keys.size());
  auto end = thrust::copy_if(keys.begin(), keys.end(), thrust::counting_iterator<std::uint64_t>(0),
                             out.begin(), IsFirstOfRun{raw(keys)});
  out.resize(end - out.begin());
  keys.swap(out);
}

// Offsets of a graph whose edges are sorted by SOURCES: the first edge of every node, plus the
// edge count at the end.
DeviceVector<EdgeIndex> offsets_from_sorted_sources(const DeviceVector<NodeIndex>& sources,
                                                    std::uint64_t node_count) {
  DeviceVector<EdgeIndex> offsets(node_count + 1);
  thrust::lower_bound(sources.begin(), sources.end(), thrust::counting_iterator<std::uint64_t>(0),
                      thrust::counting_iterator<std::uint64_t>(node_count + 1), offsets.begin());
  return offsets;
}

// Turns sorted packed pairs back into a CSR graph over node_count nodes.
DeviceCsr unpack_pairs(const DeviceVector<std::uint64_t>& keys, std::uint64_t node_count) {
  DeviceVector<NodeIndex> sources(keys.size());
  thrust::transform(keys.begin(), keys.end(), sources.begin(), HighHalf{});

  DeviceCsr out;
  out.node_count = node_count;
  out.targets.resize(keys.size());
  thrust::transform(keys.begin(), keys.end(), out.targets.begin(), LowHalf{});
  out.offsets = offsets_from_sorted_sources(sources, node_count);
  return out;
}

}  // namespace

DeviceCsr upload(const CsrGraph& graph) {
  DeviceCsr out;
  out.node_count = graph.node_count();
  out.offsets = to_device(graph.offsets());
  out.targets = to_device(graph.targets());
  out.weights = to_device(graph.weights());
  return out;
}

CsrGraph download(const DeviceCsr& graph) {
  Result<CsrGraph> host =
      CsrGraph::create(to_host(graph.offsets), to_host(graph.targets), to_host(graph.weights));
  if (!host.ok()) {
    throw std::logic_error("device graph failed validation: " + host.error().message);
  }
  return std::move(host).value();
}

DeviceVector<NodeIndex> edge_sources(const DeviceCsr& graph) {
  // The source of edge e is the node whose row ends first past e.
  DeviceVector<NodeIndex> sources(graph.targets.size());
  thrust::upper_bound(graph.offsets.begin() + 1, graph.offsets.end(),
                      thrust::counting_iterator<EdgeIndex>(0),
                      thrust::counting_iterator<EdgeIndex>(graph.targets.size()), sources.begin());
  return sources;
}

DeviceCsr transpose_device(const DeviceCsr& graph) {
  DeviceVector<NodeIndex> keys = graph.targets;
  DeviceCsr out;
  out.node_count = graph.node_count;
  out.targets = edge_sources(graph);

  // Edges are stored by ascending source, so a stable sort on the target keeps each node's
  // in-edges in ascending source order: the layout then depends on the input alone.
  if (graph.weights.empty()) {
    thrust::stable_sort_by_key(keys.begin(), keys.end(), out.targets.begin());
  } else {
    out.weights = graph.weights;
    thrust::stable_sort_by_key(
        keys.begin(), keys.end(),
        thrust::make_zip_iterator(thrust::make_tuple(out.targets.begin(), out.weights.begin())));
  }
  out.offsets = offsets_from_sorted_sources(keys, graph.node_count);
  return out;
}

DeviceCsr symmetrise_device(const DeviceCsr& graph, bool deduplicate) {
  const std::uint64_t m = graph.targets.size();
  DeviceVector<NodeIndex> sources = edge_sources(graph);
  DeviceVector<std::uint64_t> keys(2 * m);
  thrust::transform(thrust::counting_iterator<std::uint64_t>(0),
                    thrust::counting_iterator<std::uint64_t>(2 * m), keys.begin(),
                    PackBothDirections{raw(sources), raw(graph.targets), m});
  sources.clear();
  sources.shrink_to_fit();

  DeviceVector<float> weights;
  if (!graph.weights.empty()) {
    weights.resize(2 * m);
    thrust::copy(graph.weights.begin(), graph.weights.end(), weights.begin());
    thrust::copy(graph.weights.begin(), graph.weights.end(), weights.begin() + m);
    thrust::stable_sort_by_key(keys.begin(), keys.end(), weights.begin());
  } else {
    thrust::sort(keys.begin(), keys.end());
  }

  // Dropped reversed self-loops sort last.
  const std::uint64_t kept =
      thrust::lower_bound(keys.begin(), keys.end(), kDroppedPair) - keys.begin();
  keys.resize(kept);
  if (!weights.empty()) {
    weights.resize(kept);
  }

  if (deduplicate && weights.empty()) {
    unique_sorted(keys);
  } else if (deduplicate) {
    DeviceVector<std::uint64_t> unique_keys(kept);
    DeviceVector<float> unique_weights(kept);
    auto ends =
        thrust::reduce_by_key(keys.begin(), keys.end(), weights.begin(), unique_keys.begin(),
                              unique_weights.begin(), thrust::equal_to<std::uint64_t>(), Max{});
    unique_keys.resize(ends.first - unique_keys.begin());
    unique_weights.resize(unique_keys.size());
    keys.swap(unique_keys);
    weights.swap(unique_weights);
  }

  DeviceCsr out = unpack_pairs(keys, graph.node_count);
  out.weights.swap(weights);
  return out;
}

DeviceCsr neighbour_sets(const DeviceCsr& graph) {
  DeviceVector<NodeIndex> sources = edge_sources(graph);
  DeviceVector<std::uint64_t> keys(graph.targets.size());
  thrust::transform(sources.begin(), sources.end(), graph.targets.begin(), keys.begin(),
                    PackPair{});
  sources.clear();
  sources.shrink_to_fit();

  thrust::sort(keys.begin(), keys.end());
  unique_sorted(keys);
  return unpack_pairs(keys, graph.node_count);
}

}  // namespace quiver::gpu::detail

namespace quiver::gpu {

Result<CsrGraph> transpose(const CsrGraph& graph) {
  return detail::run_guarded("transpose", [&]() -> Result<CsrGraph> {
    return detail::download(detail::transpose_device(detail::upload(graph)));
  });
}

Result<CsrGraph> symmetrise(const CsrGraph& graph, const SymmetriseConfig& config) {
  return detail::run_guarded("symmetrise", [&]() -> Result<CsrGraph> {
    return detail::download(detail::symmetrise_device(detail::upload(graph), config.deduplicate));
  });
}

}  // namespace quiver::gpu
