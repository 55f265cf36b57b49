// FastRP: sparse random projection propagated along out-edges. The random vectors come from a
// counter-based hash of (seed, node, dimension), so no random state is shared between threads
// and every backend draws the same numbers.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <cmath>
#include <string>

#include "gpu/detail/device.cuh"
#include "gpu/embedding.h"

namespace quiver::gpu {
namespace {

QUIVER_HD inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Entry (node, dim) of the sparse projection before degree scaling: +sqrt(3) or -sqrt(3) with
// probability 1/6 each, otherwise 0, so that entries have mean 0 and variance 1.
QUIVER_HD inline float projection_entry(std::uint64_t seed, std::uint64_t node, std::uint64_t dim) {
  const std::uint64_t bucket = mix64(mix64(mix64(seed) ^ node) ^ dim) % 6;
  const float magnitude = 1.7320508075688772f;
  return bucket == 0 ? magnitude : (bucket == 1 ? -magnitude : 0.0f);
}

// Fills node v's random row, scaled by max(degree, 1)^strength, and seeds its embedding with
// the self-influence term.
struct InitialRow {
  detail::CsrView graph;
  std::uint64_t seed;
  std::uint32_t dimension;
  float strength;
  float self_influence;
  float* current;
  float* embedding;

  QUIVER_HD void operator()(std::uint64_t v) const {
    const double degree = static_cast<double>(graph.offsets[v + 1] - graph.offsets[v]);
    const float scale = static_cast<float>(pow(degree < 1.0 ? 1.0 : degree, double(strength)));
    for (std::uint32_t j = 0; j < dimension; ++j) {
      const float x = scale * projection_entry(seed, v, j);
      current[v * dimension + j] = x;
      embedding[v * dimension + j] = self_influence * x;
    }
  }
};

// One propagation step for node v: sums its out-neighbours' rows (weighted when the graph
// carries weights), scales the sum to unit length and adds it to the embedding with the
// iteration's weight.
struct Propagate {
  detail::CsrView graph;
  std::uint32_t dimension;
  float iteration_weight;
  const float* current;
  float* next;
  float* embedding;

  QUIVER_HD void operator()(std::uint64_t v) const {
    float* row = next + v * dimension;
    for (std::uint32_t j = 0; j < dimension; ++j) {
      row[j] = 0.0f;
    }
    for (EdgeIndex e = graph.offsets[v]; e < graph.offsets[v + 1]; ++e) {
      const float w = graph.weights == nullptr ? 1.0f : graph.weights[e];
      const float* neighbour = current + std::uint64_t{graph.targets[e]} * dimension;
      for (std::uint32_t j = 0; j < dimension; ++j) {
        row[j] += w * neighbour[j];
      }
    }

    double squares = 0.0;
    for (std::uint32_t j = 0; j < dimension; ++j) {
      squares += double(row[j]) * double(row[j]);
    }
    const float inverse = squares > 0.0 ? static_cast<float>(1.0 / sqrt(squares)) : 0.0f;
    for (std::uint32_t j = 0; j < dimension; ++j) {
      row[j] *= inverse;
      embedding[v * dimension + j] += iteration_weight * row[j];
    }
  }
};

Status validate(const CsrGraph& graph, const FastRpConfig& config) {
  if (config.dimension < 1 || config.dimension > 4096) {
    return invalid_argument("FastRP dimension must lie in [1, 4096], got " +
                            std::to_string(config.dimension));
  }
  if (config.iteration_weights.empty()) {
    return invalid_argument("FastRP needs at least one iteration weight");
  }
  for (float w : config.iteration_weights) {
    if (!std::isfinite(w)) {
      return invalid_argument("FastRP iteration weights must be finite");
    }
  }
  if (!std::isfinite(config.normalisation_strength) ||
      std::fabs(config.normalisation_strength) > 10.0f) {
    return invalid_argument("FastRP normalisation strength must lie in [-10, 10]");
  }
  if (!std::isfinite(config.self_influence)) {
    return invalid_argument("FastRP self influence must be finite");
  }
  if (config.weighted && !graph.weighted()) {
    return invalid_argument("weighted FastRP needs a graph with edge weights");
  }
  if (config.weighted) {
    for (float w : graph.weights()) {
      if (w < 0.0f) {
        return invalid_argument("weighted FastRP needs non-negative edge weights");
      }
    }
  }
  return Unit{};
}

}  // namespace

float fastrp_random_entry(std::uint64_t seed, NodeIndex node, std::uint32_t dim) {
  return projection_entry(seed, node, dim);
}

Result<Embeddings> fastrp(const CsrGraph& graph, const FastRpConfig& config) {
  Status valid = validate(graph, config);
  if (!valid.ok()) {
    return valid.error();
  }

  return detail::run_guarded("fastrp", [&]() -> Result<Embeddings> {
    const std::uint64_t n = graph.node_count();
    const std::uint32_t d = config.dimension;
    detail::DeviceCsr device = detail::upload(graph);
    if (!config.weighted) {
      device.weights.clear();
    }
    detail::DeviceVector<float> current(n * d);
    detail::DeviceVector<float> next(n * d);
    detail::DeviceVector<float> embedding(n * d);
    auto nodes_begin = thrust::counting_iterator<std::uint64_t>(0);
    auto nodes_end = nodes_begin + n;

    thrust::for_each(
        nodes_begin, nodes_end,
        InitialRow{detail::view(device), config.seed, d, config.normalisation_strength,
                   config.self_influence, detail::raw(current), detail::raw(embedding)});
    for (float weight : config.iteration_weights) {
      thrust::for_each(nodes_begin, nodes_end,
                       Propagate{detail::view(device), d, weight, detail::raw(current),
                                 detail::raw(next), detail::raw(embedding)});
      current.swap(next);
    }

    Embeddings out;
    out.dimension = d;
    out.values = detail::to_host(embedding);
    return out;
  });
}

}  // namespace quiver::gpu
