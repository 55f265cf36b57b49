#include "gpu/memory_estimate.h"

#include <algorithm>
#include <limits>
#include <string>

#include "gpu/backend.h"

namespace quiver::gpu {
namespace {

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

// Saturating arithmetic: an estimate too large to represent is reported as the maximum, which
// no backend can satisfy, instead of wrapping round to a small number.
std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  return a > kSaturated - b ? kSaturated : a + b;
}

std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  return (a != 0 && b > kSaturated / a) ? kSaturated : a * b;
}

// A CSR graph on the device: offsets, targets, optional weights.
std::uint64_t csr_bytes(const GraphShape& s, bool with_weights) {
  const std::uint64_t per_edge = with_weights ? 8 : 4;
  return add(mul(s.node_count + 1, 8), mul(s.edge_count, per_edge));
}

// Peak of transpose_device on top of its input: the result, a key copy and sort scratch as large
// as keys and values together.
std::uint64_t transpose_peak(const GraphShape& s, bool with_weights) {
  const std::uint64_t sorted = mul(s.edge_count, with_weights ? 12 : 8);
  return add(add(csr_bytes(s, with_weights), sorted), sorted);
}

}  // namespace

GraphShape shape_of(const CsrGraph& graph) {
  return GraphShape{graph.node_count(), graph.edge_count(), graph.weighted()};
}

MemoryEstimate estimate_transpose(const GraphShape& shape) {
  const std::uint64_t input = csr_bytes(shape, shape.weighted);
  return {add(input, transpose_peak(shape, shape.weighted)), input};
}

MemoryEstimate estimate_symmetrise(const GraphShape& shape) {
  // Packed pairs (8 bytes) and weights for both directions, sort scratch, the deduplicated copy
  // and the unpacked result.
  const std::uint64_t pairs = mul(mul(shape.edge_count, 2), shape.weighted ? 12 : 8);
  const std::uint64_t output =
      csr_bytes({shape.node_count, 2 * shape.edge_count, shape.weighted}, shape.weighted);
  const std::uint64_t device =
      add(add(csr_bytes(shape, shape.weighted), mul(shape.edge_count, 4)), mul(pairs, 3));
  return {add(device, output), output};
}

MemoryEstimate estimate_degree(const GraphShape& shape, const DegreeConfig& config) {
  const bool weights = config.weighted && shape.weighted;
  std::uint64_t device = add(csr_bytes(shape, shape.weighted), mul(shape.node_count, 8));
  if (config.orientation != Orientation::kOut) {
    device = add(device, transpose_peak(shape, weights));
  }
  return {device, mul(shape.node_count, 8)};
}

MemoryEstimate estimate_pagerank(const GraphShape& shape, const PageRankConfig& config) {
  const bool weights = config.weighted && shape.weighted;
  // The forward graph lives until the transpose exists; then five per-node double vectors.
  const std::uint64_t device =
      add(add(csr_bytes(shape, shape.weighted), transpose_peak(shape, weights)),
          mul(shape.node_count, 5 * 8));
  return {device, mul(shape.node_count, 8)};
}

MemoryEstimate estimate_weakly_connected_components(const GraphShape& shape) {
  const std::uint64_t device = add(add(csr_bytes(shape, shape.weighted), mul(shape.edge_count, 4)),
                                   mul(shape.node_count, 4));
  return {device, mul(shape.node_count, 4)};
}

MemoryEstimate estimate_fastrp(const GraphShape& shape, const FastRpConfig& config) {
  const std::uint64_t matrix = mul(mul(shape.node_count, config.dimension), 4);
  return {add(csr_bytes(shape, shape.weighted), mul(matrix, 3)), matrix};
}

MemoryEstimate estimate_node_similarity(const GraphShape& shape,
                                        const NodeSimilarityConfig& config) {
  // Two neighbour-set graphs, then per batch the packed paths, their sort scratch and at most
  // one output slot (target and score) per path: 24 bytes a path. Per node: path offsets, and
  // segment, slot and count entries for the batch. A single source with more paths than the
  // budget is processed alone and can exceed this bound.
  const GraphShape sets{shape.node_count, shape.edge_count, false};
  const std::uint64_t graphs =
      add(add(csr_bytes(shape, shape.weighted), mul(csr_bytes(sets, false), 2)),
          transpose_peak(sets, false));
  const std::uint64_t batch = mul(config.max_pairs_per_batch, 24);
  const std::uint64_t device = add(add(graphs, batch), mul(shape.node_count + 1, 28));
  return {device, mul(mul(shape.node_count, config.top_k), 12)};
}

MemoryEstimate estimate_knn(std::uint64_t rows, std::uint32_t dimension, const KnnConfig& config) {
  const std::uint64_t k = std::min<std::uint64_t>(config.top_k, rows == 0 ? 0 : rows - 1);
  const std::uint64_t device =
      add(add(mul(mul(rows, dimension), 4), mul(rows, 8)), mul(mul(rows, k), 8));
  return {device, mul(mul(rows, k), 12)};
}

Status check_fits(const MemoryEstimate& estimate) {
  Result<std::uint64_t> free_bytes = backend_free_bytes();
  if (!free_bytes.ok()) {
    return free_bytes.error();
  }
  if (estimate.device_bytes > free_bytes.value()) {
    return Error{ErrorCode::kOutOfMemory, "needs about " + std::to_string(estimate.device_bytes) +
                                              " bytes on the " + backend_name(compiled_backend()) +
                                              " backend, " + std::to_string(free_bytes.value()) +
                                              " are free"};
  }
  return Unit{};
}

}  // namespace quiver::gpu
