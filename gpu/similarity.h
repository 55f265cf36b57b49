#pragma once

// Similarity between nodes: over neighbour sets (node similarity) and over vectors (k-nearest
// neighbours).

#include <cstdint>
#include <vector>

#include "gpu/csr.h"
#include "gpu/result.h"

namespace quiver::gpu {

// Scored pairs, grouped by source in ascending order; within a source by descending score,
// ties by ascending target. The three vectors have equal length.
struct SimilarityPairs {
  std::vector<NodeIndex> source;
  std::vector<NodeIndex> target;
  std::vector<float> score;
};

// How node_similarity() compares two neighbour sets A and B.
enum class SetSimilarity {
  kJaccard,  // |A n B| / |A u B|
  kOverlap,  // |A n B| / min(|A|, |B|)
  kCosine,   // |A n B| / sqrt(|A| |B|)
};

// Parameters of node_similarity(); plain data.
struct NodeSimilarityConfig {
  SetSimilarity metric = SetSimilarity::kJaccard;
  // Pairs kept per source node; >= 1.
  std::uint32_t top_k = 10;
  // Pairs scoring below this are dropped; in [0, 1].
  float cutoff = 0.0f;
  // Bounds the candidate pairs held at once (memory); >= 1. Sources are processed in batches
  // whose two-hop paths fit under it; a single node with more paths is processed alone.
  std::uint64_t max_pairs_per_batch = std::uint64_t{1} << 22;
};

// Compares the out-neighbour sets of every pair of distinct nodes that share at least one
// neighbour (pairs sharing none score 0 and are never reported). Repeated edges count once;
// weights are ignored. Both (u, v) and (v, u) are reported. Errors: InvalidArgument,
// OutOfMemory, BackendUnavailable. Deterministic; thread-safe.
Result<SimilarityPairs> node_similarity(const CsrGraph& graph,
                                        const NodeSimilarityConfig& config = {});

// How knn() scores two vectors; higher is always more similar.
enum class VectorSimilarity {
  kCosine,     // dot product of unit vectors; a zero vector scores 0 against everything
  kDot,        // plain dot product
  kEuclidean,  // 1 / (1 + Euclidean distance)
};

// Parameters of knn(); plain data.
struct KnnConfig {
  VectorSimilarity metric = VectorSimilarity::kCosine;
  // Neighbours kept per node; >= 1.
  std::uint32_t top_k = 10;
  // Neighbours scoring below this are dropped; any finite value.
  float cutoff = -3.0e38f;
};

// Exact k-nearest neighbours of every row of a row-major matrix of node_count rows of
// `dimension` finite floats, comparing each row with every other (never with itself).
// Errors: InvalidArgument (sizes, non-finite values, config), OutOfMemory, BackendUnavailable.
// Deterministic; thread-safe.
Result<SimilarityPairs> knn(const std::vector<float>& vectors, std::uint32_t dimension,
                            const KnnConfig& config = {});

}  // namespace quiver::gpu
