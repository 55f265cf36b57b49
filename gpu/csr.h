#pragma once

// Compressed sparse row graph: the input of every kernel in the gpu layer. The buffer layout is
// specified in docs/gpu-buffers.md.

#include <cstdint>
#include <span>
#include <vector>

#include "gpu/result.h"

namespace quiver::gpu {

// Dense node index in [0, node_count). Projections map database ids onto these.
using NodeIndex = std::uint32_t;

// Position of an edge in the targets array.
using EdgeIndex = std::uint64_t;

// Largest node count a CsrGraph accepts; the top value is kept free as a "no node" marker.
inline constexpr std::uint64_t kMaxNodeCount = 0xFFFFFFFEull;

// An immutable, validated CSR graph held in host memory. Edges of node v are
// targets[offsets[v] .. offsets[v+1]), with weights at the same positions when present.
// Thread-safe for concurrent readers; owns its arrays.
class CsrGraph {
 public:
  // Validates and takes ownership of the arrays. Requirements: offsets has node_count + 1
  // entries, starts at 0, never decreases and ends at targets.size(); every target is below
  // node_count; weights is empty (unweighted) or has one finite value per edge; node_count is at
  // most kMaxNodeCount. Returns InvalidArgument naming the first broken requirement.
  static Result<CsrGraph> create(std::vector<EdgeIndex> offsets, std::vector<NodeIndex> targets,
                                 std::vector<float> weights = {});

  // Builds a graph from an edge list (sources[i] -> targets[i], optional weights[i]) over
  // node_count nodes. Edges keep their input order within each source. Same errors as create,
  // plus InvalidArgument when the lists differ in length.
  static Result<CsrGraph> from_edges(std::uint64_t node_count, std::span<const NodeIndex> sources,
                                     std::span<const NodeIndex> targets,
                                     std::span<const float> weights = {});

  // Number of nodes.
  std::uint64_t node_count() const { return offsets_.size() - 1; }

  // Number of edges.
  std::uint64_t edge_count() const { return targets_.size(); }

  // True when the graph carries one weight per edge.
  bool weighted() const { return !weights_.empty(); }

  // The node_count + 1 row offsets.
  std::span<const EdgeIndex> offsets() const { return offsets_; }

  // The edge_count edge targets.
  std::span<const NodeIndex> targets() const { return targets_; }

  // The edge weights; empty when the graph is unweighted.
  std::span<const float> weights() const { return weights_; }

  // Out-degree of NODE; precondition node < node_count().
  std::uint64_t out_degree(NodeIndex node) const { return offsets_[node + 1] - offsets_[node]; }

 private:
  CsrGraph(std::vector<EdgeIndex> offsets, std::vector<NodeIndex> targets,
           std::vector<float> weights)
      : offsets_(std::move(offsets)), targets_(std::move(targets)), weights_(std::move(weights)) {}

  std::vector<EdgeIndex> offsets_;
  std::vector<NodeIndex> targets_;
  std::vector<float> weights_;
};

}  // namespace quiver::gpu
