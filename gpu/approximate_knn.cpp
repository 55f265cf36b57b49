#include "gpu/approximate_knn.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <thread>

namespace quiver::gpu {

namespace {

struct Scored {
  float score;
  NodeIndex target;
};

Status check_input(const std::vector<float>& vectors, std::uint32_t dimension,
                   const KnnConfig& config, const HnswConfig& hnsw) {
  if (dimension == 0 || vectors.size() % dimension != 0) {
    return invalid_argument("approximate knn: the vectors do not form rows of the dimension");
  }
  if (vectors.size() / dimension > kMaxNodeCount) {
    return invalid_argument("approximate knn: too many rows");
  }
  if (config.top_k == 0 || !std::isfinite(config.cutoff)) {
    return invalid_argument("approximate knn: top_k must be >= 1 and the cutoff finite");
  }
  if (hnsw.m < 2 || hnsw.m > 256 || hnsw.ef_construction == 0) {
    return invalid_argument("approximate knn: m must be in [2, 256], ef_construction >= 1");
  }
  for (float v : vectors) {
    if (!std::isfinite(v)) {
      return invalid_argument("approximate knn: a vector holds a value that is not finite");
    }
  }
  return Unit{};
}

// The vectors the index holds: unit rows for cosine (zero rows stay zero), the input otherwise.
std::vector<float> index_vectors(const std::vector<float>& vectors, std::uint32_t dimension,
                                 VectorSimilarity metric) {
  std::vector<float> out = vectors;
  if (metric != VectorSimilarity::kCosine) {
    return out;
  }
  for (std::size_t row = 0; row < out.size() / dimension; ++row) {
    float* v = out.data() + row * dimension;
    double norm = 0.0;
    for (std::uint32_t d = 0; d < dimension; ++d) {
      norm += double{v[d]} * v[d];
    }
    if (norm > 0.0) {
      auto inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (std::uint32_t d = 0; d < dimension; ++d) {
        v[d] *= inv;
      }
    }
  }
  return out;
}

// hnswlib's distance turned into knn()'s similarity: inner-product spaces report 1 - dot, the L2
// space the squared distance.
float similarity(float distance, VectorSimilarity metric) {
  if (metric == VectorSimilarity::kEuclidean) {
    return 1.0f / (1.0f + std::sqrt(std::max(distance, 0.0f)));
  }
  return 1.0f - distance;
}

// The neighbours of every row in [BEGIN, END), best first, cut to top_k.
void query_rows(const hnswlib::HierarchicalNSW<float>& index, const std::vector<float>& data,
                std::uint32_t dimension, const KnnConfig& config, std::size_t begin,
                std::size_t end, std::vector<std::vector<Scored>>& out) {
  for (std::size_t row = begin; row < end; ++row) {
    auto found = index.searchKnn(data.data() + row * dimension, config.top_k + 1);
    std::vector<Scored> list;
    while (!found.empty()) {
      auto [distance, label] = found.top();
      found.pop();
      float s = similarity(distance, config.metric);
      if (label != row && s >= config.cutoff) {
        list.push_back({s, static_cast<NodeIndex>(label)});
      }
    }
    std::sort(list.begin(), list.end(), [](const Scored& a, const Scored& b) {
      return a.score != b.score ? a.score > b.score : a.target < b.target;
    });
    if (list.size() > config.top_k) {
      list.resize(config.top_k);
    }
    out[row] = std::move(list);
  }
}

}  // namespace

Result<SimilarityPairs> approximate_knn(const std::vector<float>& vectors, std::uint32_t dimension,
                                        const KnnConfig& config, const HnswConfig& hnsw) {
  Status ok = check_input(vectors, dimension, config, hnsw);
  if (!ok.ok()) {
    return ok.error();
  }
  const std::size_t rows = vectors.size() / dimension;
  SimilarityPairs pairs;
  if (rows == 0) {
    return pairs;
  }

  try {
    std::vector<float> data = index_vectors(vectors, dimension, config.metric);
    std::unique_ptr<hnswlib::SpaceInterface<float>> space;
    if (config.metric == VectorSimilarity::kEuclidean) {
      space = std::make_unique<hnswlib::L2Space>(dimension);
    } else {
      space = std::make_unique<hnswlib::InnerProductSpace>(dimension);
    }
    hnswlib::HierarchicalNSW<float> index(space.get(), rows, hnsw.m, hnsw.ef_construction,
                                          hnsw.seed);
    index.setEf(hnsw.ef_search != 0 ? hnsw.ef_search
                                    : std::max<std::uint32_t>(2 * config.top_k, 64));
    for (std::size_t row = 0; row < rows; ++row) {
      index.addPoint(data.data() + row * dimension, row);
    }

    // Queries only read the index, so they split over threads without changing the answer.
    std::size_t threads = hnsw.threads != 0 ? hnsw.threads : std::thread::hardware_concurrency();
    threads = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(rows / 256, 1));
    std::vector<std::vector<Scored>> found(rows);
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        query_rows(index, data, dimension, config, rows * t / threads, rows * (t + 1) / threads,
                   found);
      });
    }
    for (std::thread& w : workers) {
      w.join();
    }

    for (std::size_t row = 0; row < rows; ++row) {
      for (const Scored& s : found[row]) {
        pairs.source.push_back(static_cast<NodeIndex>(row));
        pairs.target.push_back(s.target);
        pairs.score.push_back(s.score);
      }
    }
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::kOutOfMemory, "approximate knn: the index does not fit in memory"};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("approximate knn: ") + e.what()};
  }
  return pairs;
}

}  // namespace quiver::gpu
