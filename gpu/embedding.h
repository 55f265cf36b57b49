#pragma once

// FastRP node embeddings.

#include <cstdint>
#include <vector>

#include "gpu/csr.h"
#include "gpu/result.h"

namespace quiver::gpu {

// Parameters of fastrp(); plain data.
struct FastRpConfig {
  // Embedding length; in [1, 4096].
  std::uint32_t dimension = 128;
  // Weight of the k-hop term for k = 1, 2, ...; one entry per propagation step, at least one,
  // all finite, not all zero.
  std::vector<float> iteration_weights = {0.0f, 1.0f, 1.0f};
  // Exponent applied to max(out-degree, 1) when scaling a node's random vector: 0 leaves vectors
  // unscaled, negative values damp high-degree nodes. Finite, in [-10, 10].
  float normalisation_strength = 0.0f;
  // Weight of a node's own random vector in its embedding.
  float self_influence = 0.0f;
  // Seeds the random projection; the same seed gives the same vectors on every backend.
  std::uint64_t seed = 42;
  // Average neighbours with their edge weights; needs a weighted graph, weights >= 0.
  bool weighted = false;
};

// The random projection entry for (seed, node, dim) before degree scaling: one of +sqrt(3), 0,
// -sqrt(3). Exposed so that callers and tests can reproduce the projection. Thread-safe.
float fastrp_random_entry(std::uint64_t seed, NodeIndex node, std::uint32_t dim);

// Embeddings, row-major: node v's vector is values[v * dimension .. (v + 1) * dimension).
struct Embeddings {
  std::uint32_t dimension = 0;
  std::vector<float> values;
};

// FastRP: each node gets a sparse random vector (entries +sqrt(3), 0, -sqrt(3) with
// probabilities 1/6, 2/3, 1/6, drawn from a hash of (seed, node, dimension)); those are summed
// over out-neighbours (weighted when asked) once per iteration, each intermediate row scaled to
// unit length, and the iterations summed with their weights. Errors: InvalidArgument, OutOfMemory,
// BackendUnavailable. Thread-safe; deterministic for a seed.
Result<Embeddings> fastrp(const CsrGraph& graph, const FastRpConfig& config = {});

}  // namespace quiver::gpu
