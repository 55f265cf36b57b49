#include "gpu/csr.h"

#include <cmath>
#include <string>

namespace quiver::gpu {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kOutOfMemory:
      return "out_of_memory";
    case ErrorCode::kNotConverged:
      return "not_converged";
    case ErrorCode::kBackendUnavailable:
      return "backend_unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

Result<CsrGraph> CsrGraph::create(std::vector<EdgeIndex> offsets, std::vector<NodeIndex> targets,
                                  std::vector<float> weights) {
  if (offsets.empty()) {
    return invalid_argument("CSR offsets must hold node_count + 1 entries, got none");
  }
  const std::uint64_t node_count = offsets.size() - 1;
  if (node_count > kMaxNodeCount) {
    return invalid_argument("CSR node count " + std::to_string(node_count) + " exceeds the limit");
  }
  if (offsets.front() != 0) {
    return invalid_argument("CSR offsets must start at 0");
  }
  if (offsets.back() != targets.size()) {
    return invalid_argument("CSR offsets end at " + std::to_string(offsets.back()) +
                            " but there are " + std::to_string(targets.size()) + " targets");
  }

  for (std::uint64_t v = 0; v < node_count; ++v) {
    if (offsets[v + 1] < offsets[v]) {
      return invalid_argument("CSR offsets decrease at node " + std::to_string(v));
    }
  }

  for (std::uint64_t e = 0; e < targets.size(); ++e) {
    if (targets[e] >= node_count) {
      return invalid_argument("CSR edge " + std::to_string(e) + " targets node " +
                              std::to_string(targets[e]) + ", past the node count " +
                              std::to_string(node_count));
    }
  }

  if (!weights.empty() && weights.size() != targets.size()) {
    return invalid_argument("CSR has " + std::to_string(weights.size()) + " weights for " +
                            std::to_string(targets.size()) + " edges");
  }
  for (std::uint64_t e = 0; e < weights.size(); ++e) {
    if (!std::isfinite(weights[e])) {
      return invalid_argument("CSR weight of edge " + std::to_string(e) + " is not finite");
    }
  }

  return CsrGraph(std::move(offsets), std::move(targets), std::move(weights));
}

Result<CsrGraph> CsrGraph::from_edges(std::uint64_t node_count, std::span<const NodeIndex> sources,
                                      std::span<const NodeIndex> targets,
                                      std::span<const float> weights) {
  if (sources.size() != targets.size()) {
    return invalid_argument("edge list has " + std::to_string(sources.size()) + " sources and " +
                            std::to_string(targets.size()) + " targets");
  }
  if (!weights.empty() && weights.size() != targets.size()) {
    return invalid_argument("edge list has " + std::to_string(weights.size()) + " weights for " +
                            std::to_string(targets.size()) + " edges");
  }
  if (node_count > kMaxNodeCount) {
    return invalid_argument("node count " + std::to_string(node_count) + " exceeds the limit");
  }
  for (std::size_t e = 0; e < sources.size(); ++e) {
    if (sources[e] >= node_count) {
      return invalid_argument("edge " + std::to_string(e) + " starts at node " +
                              std::to_string(sources[e]) + ", past the node count");
    }
  }

  // Counting sort by source keeps the input order of each node's edges, so the result does not
  // depend on anything but the input.
  std::vector<EdgeIndex> offsets(node_count + 1, 0);
  for (NodeIndex s : sources) {
    ++offsets[s + 1];
  }
  for (std::uint64_t v = 0; v < node_count; ++v) {
    offsets[v + 1] += offsets[v];
  }

  std::vector<EdgeIndex> cursor(offsets.begin(), offsets.end() - 1);
  std::vector<NodeIndex> sorted_targets(targets.size());
  std::vector<float> sorted_weights(weights.size());
  for (std::size_t e = 0; e < sources.size(); ++e) {
    const EdgeIndex slot = cursor[sources[e]]++;
    sorted_targets[slot] = targets[e];
    if (!weights.empty()) {
      sorted_weights[slot] = weights[e];
    }
  }

  return create(std::move(offsets), std::move(sorted_targets), std::move(sorted_weights));
}

}  // namespace quiver::gpu
