#pragma once

// Weakly connected components.

#include <cstdint>
#include <vector>

#include "gpu/csr.h"
#include "gpu/result.h"

namespace quiver::gpu {

// Result of weakly_connected_components(); the caller owns it.
struct ComponentsResult {
  // Component of every node, named by the smallest node index in it.
  std::vector<NodeIndex> component;
  // Number of distinct components (isolated nodes count as one each).
  std::uint64_t component_count = 0;
  // Hook-and-compress rounds run; reported for benchmarks.
  std::uint32_t rounds = 0;
};

// Weakly connected components, ignoring edge direction and weights. Errors: OutOfMemory,
// BackendUnavailable. Deterministic; thread-safe.
Result<ComponentsResult> weakly_connected_components(const CsrGraph& graph);

}  // namespace quiver::gpu
