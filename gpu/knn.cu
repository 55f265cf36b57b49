// Exact k-nearest neighbours by brute force: one query row per device thread scans every other
// row and keeps its best k in a sorted slice of a shared buffer, so nothing is allocated per
// thread and the result does not depend on thread scheduling.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gpu/detail/device.cuh"
#include "gpu/similarity.h"

namespace quiver::gpu {
namespace {

struct RowNorm {
  const float* vectors;
  std::uint32_t dimension;

  QUIVER_HD float operator()(std::uint64_t row) const {
    double squares = 0.0;
    for (std::uint32_t j = 0; j < dimension; ++j) {
      const double x = vectors[row * dimension + j];
      squares += x * x;
    }
    return static_cast<float>(sqrt(squares));
  }
};

// Scans all rows for query q and leaves its best candidates, best first, in
// best_rows/best_scores[q * k ..], their number in counts[q].
struct NearestRows {
  const float* vectors;
  const float* norms;
  std::uint64_t rows;
  std::uint32_t dimension;
  std::uint32_t k;
  VectorSimilarity metric;
  float cutoff;
  NodeIndex* best_rows;
  float* best_scores;
  std::uint32_t* counts;

  QUIVER_HD float score(std::uint64_t q, std::uint64_t r) const {
    const float* a = vectors + q * dimension;
    const float* b = vectors + r * dimension;
    float result = 0.0f;
    if (metric == VectorSimilarity::kEuclidean) {
      for (std::uint32_t j = 0; j < dimension; ++j) {
        const float diff = a[j] - b[j];
        result += diff * diff;
      }
      return 1.0f / (1.0f + sqrtf(result));
    }
    for (std::uint32_t j = 0; j < dimension; ++j) {
      result += a[j] * b[j];
    }
    if (metric == VectorSimilarity::kCosine) {
      const float scale = norms[q] * norms[r];
      return scale > 0.0f ? result / scale : 0.0f;
    }
    return result;
  }

  QUIVER_HD void operator()(std::uint64_t q) const {
    NodeIndex* top_rows = best_rows + q * k;
    float* top_scores = best_scores + q * k;
    std::uint32_t count = 0;
    for (std::uint64_t r = 0; r < rows; ++r) {
      if (r == q) {
        continue;
      }
      const float s = score(q, r);
      if (!(s >= cutoff) || (count == k && !(s > top_scores[k - 1]))) {
        continue;
      }

      // Equal scores stay behind earlier rows: ties go to the lower index.
      std::uint32_t slot = count < k ? count++ : k - 1;
      while (slot > 0 && s > top_scores[slot - 1]) {
        top_scores[slot] = top_scores[slot - 1];
        top_rows[slot] = top_rows[slot - 1];
        --slot;
      }
      top_scores[slot] = s;
      top_rows[slot] = static_cast<NodeIndex>(r);
    }
    counts[q] = count;
  }
};

Status validate(const std::vector<float>& vectors, std::uint32_t dimension,
                const KnnConfig& config) {
  if (dimension < 1) {
    return invalid_argument("k-nearest neighbours needs a dimension of at least 1");
  }
  if (vectors.size() % dimension != 0) {
    return invalid_argument("k-nearest neighbours got " + std::to_string(vectors.size()) +
                            " values, not a multiple of the dimension " +
                            std::to_string(dimension));
  }
  if (vectors.size() / dimension > kMaxNodeCount) {
    return invalid_argument("k-nearest neighbours got more rows than the node limit");
  }
  if (std::any_of(vectors.begin(), vectors.end(), [](float x) { return !std::isfinite(x); })) {
    return invalid_argument("k-nearest neighbours needs finite vector values");
  }
  if (config.top_k < 1) {
    return invalid_argument("k-nearest neighbours top_k must be at least 1");
  }
  if (!std::isfinite(config.cutoff)) {
    return invalid_argument("k-nearest neighbours cutoff must be finite");
  }
  return Unit{};
}

}  // namespace

Result<SimilarityPairs> knn(const std::vector<float>& vectors, std::uint32_t dimension,
                            const KnnConfig& config) {
  Status valid = validate(vectors, dimension, config);
  if (!valid.ok()) {
    return valid.error();
  }
  const std::uint64_t rows = vectors.size() / dimension;
  if (rows < 2) {
    return SimilarityPairs{};
  }

  return detail::run_guarded("knn", [&]() -> Result<SimilarityPairs> {
    // No row has more than rows - 1 neighbours, which also bounds the buffer.
    const std::uint32_t k =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(config.top_k, rows - 1));
    detail::DeviceVector<float> device_vectors = detail::to_device(std::span<const float>(vectors));
    detail::DeviceVector<float> norms(rows);
    auto rows_begin = thrust::counting_iterator<std::uint64_t>(0);
    thrust::transform(rows_begin, rows_begin + rows, norms.begin(),
                      RowNorm{detail::raw(device_vectors), dimension});

    detail::DeviceVector<NodeIndex> best_rows(rows * k);
    detail::DeviceVector<float> best_scores(rows * k);
    detail::DeviceVector<std::uint32_t> counts(rows);
    thrust::for_each(rows_begin, rows_begin + rows,
                     NearestRows{detail::raw(device_vectors), detail::raw(norms), rows, dimension,
                                 k, config.metric, config.cutoff, detail::raw(best_rows),
                                 detail::raw(best_scores), detail::raw(counts)});

    std::vector<NodeIndex> host_rows = detail::to_host(best_rows);
    std::vector<float> host_scores = detail::to_host(best_scores);
    std::vector<std::uint32_t> host_counts = detail::to_host(counts);

    SimilarityPairs out;
    for (std::uint64_t q = 0; q < rows; ++q) {
      for (std::uint32_t i = 0; i < host_counts[q]; ++i) {
        out.source.push_back(static_cast<NodeIndex>(q));
        out.target.push_back(host_rows[q * k + i]);
        out.score.push_back(host_scores[q * k + i]);
      }
    }
    return out;
  });
}

}  // namespace quiver::gpu
