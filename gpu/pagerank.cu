// PageRank and personalised PageRank by power iteration, pulling rank along in-edges so that
// every node sums its own inputs in a fixed order (no atomics, same result on every backend).

#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gpu/centrality.h"
#include "gpu/detail/device.cuh"

namespace quiver::gpu {
namespace {

// Total out-weight (or out-degree) of every node.
struct OutWeight {
  detail::CsrView graph;

  QUIVER_HD double operator()(std::uint64_t v) const {
    const EdgeIndex begin = graph.offsets[v];
    const EdgeIndex end = graph.offsets[v + 1];
    if (graph.weights == nullptr) {
      return static_cast<double>(end - begin);
    }
    double sum = 0.0;
    for (EdgeIndex e = begin; e < end; ++e) {
      sum += graph.weights[e];
    }
    return sum;
  }
};

// Rank a node passes per unit of out-weight; 0 for dangling nodes, whose rank is redistributed
// through the teleport vector instead.
struct Share {
  const double* rank;
  const double* out_weight;

  QUIVER_HD double operator()(std::uint64_t v) const {
    return out_weight[v] > 0.0 ? rank[v] / out_weight[v] : 0.0;
  }
};

struct DanglingRank {
  const double* rank;
  const double* out_weight;

  QUIVER_HD double operator()(std::uint64_t v) const { return out_weight[v] > 0.0 ? 0.0 : rank[v]; }
};

// One power-iteration step for node v over the transposed graph; returns |new - old|.
struct PullStep {
  detail::CsrView reverse;
  const double* share;
  const double* teleport;
  const double* old_rank;
  double* new_rank;
  double damping;
  double dangling;

  QUIVER_HD double operator()(std::uint64_t v) const {
    double incoming = 0.0;
    for (EdgeIndex e = reverse.offsets[v]; e < reverse.offsets[v + 1]; ++e) {
      const double w = reverse.weights == nullptr ? 1.0 : reverse.weights[e];
      incoming += share[reverse.targets[e]] * w;
    }
    const double rank = (1.0 - damping + damping * dangling) * teleport[v] + damping * incoming;
    new_rank[v] = rank;
    const double change = rank - old_rank[v];
    return change < 0.0 ? -change : change;
  }
};

Status validate(const CsrGraph& graph, const PageRankConfig& config) {
  if (!(config.damping >= 0.0 && config.damping < 1.0)) {
    return invalid_argument("PageRank damping must lie in [0, 1)");
  }
  if (!(config.tolerance > 0.0) || !std::isfinite(config.tolerance)) {
    return invalid_argument("PageRank tolerance must be a positive finite number");
  }
  if (config.max_iterations < 1) {
    return invalid_argument("PageRank max_iterations must be at least 1");
  }
  if (config.weighted && !graph.weighted()) {
    return invalid_argument("weighted PageRank needs a graph with edge weights");
  }
  if (config.weighted) {
    auto w = graph.weights();
    if (std::any_of(w.begin(), w.end(), [](float x) { return x < 0.0f; })) {
      return invalid_argument("weighted PageRank needs non-negative edge weights");
    }
  }
  return Unit{};
}

// Power iteration from the teleport distribution, which is also the starting vector.
PageRankResult iterate(const CsrGraph& graph, const std::vector<double>& teleport_host,
                       const PageRankConfig& config) {
  const std::uint64_t n = graph.node_count();
  detail::DeviceCsr device = detail::upload(graph);
  if (!config.weighted) {
    device.weights.clear();
  }
  detail::DeviceCsr reverse = detail::transpose_device(device);
  auto nodes_begin = thrust::counting_iterator<std::uint64_t>(0);
  auto nodes_end = thrust::counting_iterator<std::uint64_t>(n);

  detail::DeviceVector<double> out_weight(n);
  thrust::transform(nodes_begin, nodes_end, out_weight.begin(), OutWeight{detail::view(device)});
  device = detail::DeviceCsr{};

  detail::DeviceVector<double> teleport = detail::to_device(std::span<const double>(teleport_host));
  detail::DeviceVector<double> rank = teleport;
  detail::DeviceVector<double> next(n);
  detail::DeviceVector<double> share(n);

  PageRankResult result;
  while (result.iterations < config.max_iterations) {
    const double dangling = thrust::transform_reduce(
        nodes_begin, nodes_end, DanglingRank{detail::raw(rank), detail::raw(out_weight)}, 0.0,
        thrust::plus<double>());
    thrust::transform(nodes_begin, nodes_end, share.begin(),
                      Share{detail::raw(rank), detail::raw(out_weight)});

    PullStep step{detail::view(reverse),
                  detail::raw(share),
                  detail::raw(teleport),
                  detail::raw(rank),
                  detail::raw(next),
                  config.damping,
                  dangling};
    const double change =
        thrust::transform_reduce(nodes_begin, nodes_end, step, 0.0, thrust::plus<double>());
    rank.swap(next);
    ++result.iterations;

    if (change < config.tolerance) {
      result.converged = true;
      break;
    }
  }

  result.scores = detail::to_host(rank);
  return result;
}

Result<PageRankResult> run(const char* name, const CsrGraph& graph,
                           const std::vector<double>& teleport, const PageRankConfig& config) {
  if (graph.node_count() == 0) {
    return PageRankResult{{}, 0, true};
  }

  return detail::run_guarded(name, [&]() -> Result<PageRankResult> {
    PageRankResult result = iterate(graph, teleport, config);
    if (config.require_convergence && !result.converged) {
      return Error{ErrorCode::kNotConverged, std::string(name) + " did not converge in " +
                                                 std::to_string(config.max_iterations) +
                                                 " iterations"};
    }
    return result;
  });
}

}  // namespace

Result<PageRankResult> pagerank(const CsrGraph& graph, const PageRankConfig& config) {
  Status valid = validate(graph, config);
  if (!valid.ok()) {
    return valid.error();
  }
  const std::uint64_t n = graph.node_count();
  std::vector<double> teleport(n, n == 0 ? 0.0 : 1.0 / static_cast<double>(n));
  return run("pagerank", graph, teleport, config);
}

Result<PageRankResult> personalised_pagerank(const CsrGraph& graph,
                                             const std::vector<NodeIndex>& sources,
                                             const PageRankConfig& config) {
  Status valid = validate(graph, config);
  if (!valid.ok()) {
    return valid.error();
  }
  if (sources.empty()) {
    return invalid_argument("personalised PageRank needs at least one source node");
  }

  std::vector<double> teleport(graph.node_count(), 0.0);
  std::uint64_t distinct = 0;
  for (NodeIndex s : sources) {
    if (s >= graph.node_count()) {
      return invalid_argument("personalised PageRank source " + std::to_string(s) +
                              " is past the node count " + std::to_string(graph.node_count()));
    }
    if (teleport[s] == 0.0) {
      teleport[s] = 1.0;
      ++distinct;
    }
  }
  for (double& t : teleport) {
    t /= static_cast<double>(distinct);
  }
  return run("personalised_pagerank", graph, teleport, config);
}

}  // namespace quiver::gpu
