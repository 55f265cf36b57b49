#pragma once

// Degree and PageRank centrality on a CSR graph.

#include <cstdint>
#include <vector>

#include "gpu/csr.h"
#include "gpu/result.h"

namespace quiver::gpu {

// Which edges count towards a node's degree.
enum class Orientation {
  kOut,   // edges leaving the node
  kIn,    // edges arriving at the node
  kBoth,  // both; a self-loop counts twice
};

// Parameters of degree(); plain data.
struct DegreeConfig {
  // Which edges are counted.
  Orientation orientation = Orientation::kOut;
  // Sum edge weights instead of counting edges; needs a weighted graph.
  bool weighted = false;
};

// Degree of every node, indexed by node. Errors: InvalidArgument (weighted on an unweighted
// graph), OutOfMemory, BackendUnavailable. Thread-safe; the caller owns the returned vector.
Result<std::vector<double>> degree(const CsrGraph& graph, const DegreeConfig& config = {});

// Parameters of pagerank() and personalised_pagerank(); plain data.
struct PageRankConfig {
  // Probability of following an edge rather than teleporting; in [0, 1).
  double damping = 0.85;
  // Iteration stops once the L1 distance between successive score vectors is below this; > 0.
  double tolerance = 1e-7;
  // Upper bound on iterations; >= 1.
  std::uint32_t max_iterations = 100;
  // Split a node's rank over its out-edges in proportion to their weights (needs a weighted
  // graph with non-negative weights); otherwise evenly.
  bool weighted = false;
  // Return NotConverged instead of the last scores when max_iterations is reached first.
  bool require_convergence = false;
};

// PageRank scores. Scores sum to 1; a node without out-edges (or without positive out-weight)
// spreads its rank like a teleport.
struct PageRankResult {
  std::vector<double> scores;  // indexed by node
  std::uint32_t iterations = 0;
  bool converged = false;
};

// Runs PageRank with uniform teleport. An empty graph gives empty scores, converged after 0
// iterations. Errors: InvalidArgument (bad config, weighted on an unweighted graph, negative
// weight), NotConverged (only with require_convergence), OutOfMemory, BackendUnavailable.
// Deterministic; thread-safe.
Result<PageRankResult> pagerank(const CsrGraph& graph, const PageRankConfig& config = {});

// Personalised PageRank: teleports, and the rank of nodes without out-edges, go to the SOURCES
// in equal shares. Duplicate sources count once. Errors as pagerank, plus InvalidArgument when
// sources is empty or names a node past the node count.
Result<PageRankResult> personalised_pagerank(const CsrGraph& graph,
                                             const std::vector<NodeIndex>& sources,
                                             const PageRankConfig& config = {});

}  // namespace quiver::gpu
