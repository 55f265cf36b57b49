#pragma once

// Memory each algorithm needs, computed from the graph's shape alone, so that a caller can
// refuse or report a run before any buffer is allocated.

#include <cstdint>

#include "gpu/centrality.h"
#include "gpu/embedding.h"
#include "gpu/projection.h"
#include "gpu/result.h"
#include "gpu/similarity.h"

namespace quiver::gpu {

// Size of a graph as the estimates see it.
struct GraphShape {
  std::uint64_t node_count = 0;
  std::uint64_t edge_count = 0;
  bool weighted = false;
};

// Returns the shape of GRAPH.
GraphShape shape_of(const CsrGraph& graph);

// Upper bounds in bytes: device_bytes for working buffers on the backend (the device for CUDA,
// host memory for OpenMP) at their peak, result_bytes for what the call hands back in host
// memory. Bounds assume Thrust's sorts need scratch as large as their input.
struct MemoryEstimate {
  std::uint64_t device_bytes = 0;
  std::uint64_t result_bytes = 0;
};

// Estimates for the function of the same name with the same configuration. All are pure
// functions of their arguments and thread-safe; sums saturate at the largest uint64 value.
MemoryEstimate estimate_transpose(const GraphShape& shape);
MemoryEstimate estimate_symmetrise(const GraphShape& shape);
MemoryEstimate estimate_degree(const GraphShape& shape, const DegreeConfig& config);
MemoryEstimate estimate_pagerank(const GraphShape& shape, const PageRankConfig& config);
MemoryEstimate estimate_weakly_connected_components(const GraphShape& shape);
MemoryEstimate estimate_fastrp(const GraphShape& shape, const FastRpConfig& config);
MemoryEstimate estimate_node_similarity(const GraphShape& shape,
                                        const NodeSimilarityConfig& config);
MemoryEstimate estimate_knn(std::uint64_t rows, std::uint32_t dimension, const KnnConfig& config);

// Ok when ESTIMATE's device bytes fit in what the backend reports free now; OutOfMemory naming
// both figures otherwise, or BackendUnavailable. Thread-safe.
Status check_fits(const MemoryEstimate& estimate);

}  // namespace quiver::gpu
