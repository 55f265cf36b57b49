// Weakly connected components by hooking and pointer jumping over a parent array.
//
// Invariant: parent[v] <= v and parent[v] lies in v's component. Hooking only ever lowers a
// parent to a smaller node of the same component, so the smallest node of a component is its
// own parent forever and becomes the label of the whole component once the trees are flat.

#include <thrust/count.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/sequence.h>
#include <thrust/transform_reduce.h>

#include "gpu/components.h"
#include "gpu/detail/atomics.cuh"
#include "gpu/detail/device.cuh"

namespace quiver::gpu {
namespace {

// For edge e = (u, v) whose endpoints hang under different roots, hooks the larger root under
// the smaller. Returns 1 when it changed something.
struct Hook {
  const NodeIndex* sources;
  const NodeIndex* targets;
  std::uint32_t* parent;

  QUIVER_HD int operator()(std::uint64_t e) const {
    const std::uint32_t pu = detail::atomic_load(&parent[sources[e]]);
    const std::uint32_t pv = detail::atomic_load(&parent[targets[e]]);
    if (pu == pv) {
      return 0;
    }
    const std::uint32_t high = pu < pv ? pv : pu;
    const std::uint32_t low = pu < pv ? pu : pv;
    return detail::atomic_min(&parent[high], low) > low ? 1 : 0;
  }
};

// Points v straight at its root. Roots do not change during this phase, so concurrent jumps
// only ever see ancestors and all finish at the root.
struct Compress {
  std::uint32_t* parent;

  QUIVER_HD void operator()(std::uint64_t v) const {
    std::uint32_t p = detail::atomic_load(&parent[v]);
    std::uint32_t grand = detail::atomic_load(&parent[p]);
    while (p != grand) {
      p = grand;
      grand = detail::atomic_load(&parent[p]);
    }
    detail::atomic_store(&parent[v], p);
  }
};

struct IsRoot {
  const std::uint32_t* parent;

  QUIVER_HD bool operator()(std::uint64_t v) const { return parent[v] == v; }
};

}  // namespace

Result<ComponentsResult> weakly_connected_components(const CsrGraph& graph) {
  return detail::run_guarded("weakly_connected_components", [&]() -> Result<ComponentsResult> {
    const std::uint64_t n = graph.node_count();
    const std::uint64_t m = graph.edge_count();
    detail::DeviceCsr device = detail::upload(graph);
    device.weights.clear();
    detail::DeviceVector<NodeIndex> sources = detail::edge_sources(device);
    detail::DeviceVector<std::uint32_t> parent(n);
    thrust::sequence(parent.begin(), parent.end());

    auto edges_begin = thrust::counting_iterator<std::uint64_t>(0);
    auto nodes_begin = thrust::counting_iterator<std::uint64_t>(0);
    ComponentsResult result;
    for (;;) {
      ++result.rounds;
      const int hooked = thrust::transform_reduce(
          edges_begin, edges_begin + m,
          Hook{detail::raw(sources), detail::raw(device.targets), detail::raw(parent)}, 0,
          thrust::maximum<int>());
      thrust::for_each(nodes_begin, nodes_begin + n, Compress{detail::raw(parent)});
      if (hooked == 0) {
        break;
      }
    }

    result.component_count =
        thrust::count_if(nodes_begin, nodes_begin + n, IsRoot{detail::raw(parent)});
    result.component = detail::to_host(parent);
    return result;
  });
}

}  // namespace quiver::gpu
