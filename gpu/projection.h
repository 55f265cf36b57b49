#pragma once

// Reorientations of a CSR graph, computed on the backend: the reverse graph (for in-degree and
// pull-style kernels) and the undirected view.

#include "gpu/csr.h"
#include "gpu/result.h"

namespace quiver::gpu {

// Returns the graph with every edge reversed, weights kept. The in-edges of each node come in
// ascending order of their source. Errors: OutOfMemory, BackendUnavailable. Thread-safe.
Result<CsrGraph> transpose(const CsrGraph& graph);

// How symmetrise treats an edge that exists in both directions or more than once.
struct SymmetriseConfig {
  // Collapse repeated (source, target) pairs into one edge carrying the largest weight. When
  // false, an edge u->v that also exists as v->u appears twice in each adjacency list.
  bool deduplicate = true;
};

// Returns the undirected view: every edge u->v also as v->u, a self-loop once. Adjacency lists
// are sorted by target. Errors: OutOfMemory, BackendUnavailable. Thread-safe.
Result<CsrGraph> symmetrise(const CsrGraph& graph, const SymmetriseConfig& config = {});

}  // namespace quiver::gpu
