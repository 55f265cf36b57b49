// Degree centrality: per-node sums over the out-rows of the graph or of its transpose.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include "gpu/centrality.h"
#include "gpu/detail/device.cuh"

namespace quiver::gpu {
namespace {

// Adds each node's row length (or row weight) to its entry of out.
struct AddRowSums {
  detail::CsrView graph;
  bool weighted;
  double* out;

  QUIVER_HD void operator()(std::uint64_t v) const {
    const EdgeIndex begin = graph.offsets[v];
    const EdgeIndex end = graph.offsets[v + 1];
    double sum = 0.0;
    if (weighted) {
      for (EdgeIndex e = begin; e < end; ++e) {
        sum += graph.weights[e];
      }
    } else {
      sum = static_cast<double>(end - begin);
    }
    out[v] += sum;
  }
};

void add_row_sums(const detail::DeviceCsr& graph, bool weighted,
                  detail::DeviceVector<double>& out) {
  thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                   thrust::counting_iterator<std::uint64_t>(graph.node_count),
                   AddRowSums{detail::view(graph), weighted, detail::raw(out)});
}

}  // namespace

Result<std::vector<double>> degree(const CsrGraph& graph, const DegreeConfig& config) {
  if (config.weighted && !graph.weighted()) {
    return invalid_argument("weighted degree needs a graph with edge weights");
  }

  return detail::run_guarded("degree", [&]() -> Result<std::vector<double>> {
    detail::DeviceCsr device = detail::upload(graph);
    detail::DeviceVector<double> out(graph.node_count(), 0.0);

    if (config.orientation != Orientation::kIn) {
      add_row_sums(device, config.weighted, out);
    }
    if (config.orientation != Orientation::kOut) {
      add_row_sums(detail::transpose_device(device), config.weighted, out);
    }

    return detail::to_host(out);
  });
}

}  // namespace quiver::gpu
