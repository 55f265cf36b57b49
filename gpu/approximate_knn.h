#pragma once

// Approximate k-nearest neighbours over vectors through an HNSW index (hnswlib), for sets too
// large for the exact all-pairs knn(). Runs on host CPU cores whatever the Thrust backend.

#include <cstdint>
#include <vector>

#include "gpu/result.h"
#include "gpu/similarity.h"

namespace quiver::gpu {

// Parameters of the HNSW index; plain data.
struct HnswConfig {
  // Links per node in the graph; in [2, 256].
  std::uint32_t m = 16;
  // Candidate list size while building; >= 1.
  std::uint32_t ef_construction = 200;
  // Candidate list size while searching; 0 picks max(2 * top_k, 64).
  std::uint32_t ef_search = 0;
  // Seeds the level draw of the index; the same seed and input give the same index.
  std::uint64_t seed = 100;
  // Threads answering queries; 0 uses every hardware thread.
  std::uint32_t threads = 0;
};

// Like knn(): the (approximately) top_k most similar other rows of every row of a row-major
// matrix, scored as knn() scores them, in the same order (grouped by source ascending, score
// descending, ties by target). Rows are inserted one after another, so the result depends only
// on the input and the config. Errors: InvalidArgument (sizes, non-finite values, config),
// OutOfMemory, Internal (the index library failed). Thread-safe.
Result<SimilarityPairs> approximate_knn(const std::vector<float>& vectors, std::uint32_t dimension,
                                        const KnnConfig& config, const HnswConfig& hnsw = {});

}  // namespace quiver::gpu
