// The embedding-similarity recommender: items carry unit vectors (FastRP embeddings of the
// catalogue graph, say), a user's taste is the weighted sum of the vectors of what they consumed,
// and an item scores the cosine between the two. One pass per user row builds the taste vectors,
// one pass per (user, item) cell the scores.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

namespace quiver::gpu {
namespace {

// taste(r) = sum over consumed j of x_uj v_j for u = users[r], scaled to unit length.
struct TasteOfRow {
  detail::SparseView history;
  const UserIndex* users;
  const float* vectors;
  std::uint32_t dimension;
  float* taste;

  QUIVER_HD void operator()(std::uint64_t r) const {
    float* out = taste + r * dimension;
    for (std::uint32_t d = 0; d < dimension; ++d) {
      out[d] = 0.0f;
    }
    const UserIndex u = users[r];
    for (std::uint64_t e = history.offsets[u]; e < history.offsets[u + 1]; ++e) {
      const float w = history.values[e];
      const float* v = vectors + std::uint64_t{history.columns[e]} * dimension;
      for (std::uint32_t d = 0; d < dimension; ++d) {
        out[d] += w * v[d];
      }
    }
    float norm = 0.0f;
    for (std::uint32_t d = 0; d < dimension; ++d) {
      norm += out[d] * out[d];
    }
    norm = sqrtf(norm);
    for (std::uint32_t d = 0; norm > 0.0f && d < dimension; ++d) {
      out[d] /= norm;
    }
  }
};

// out(r, i) = taste(r) . v_i.
struct CosineCell {
  const float* taste;
  const float* vectors;
  std::uint64_t items;
  std::uint32_t dimension;
  float* out;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const float* t = taste + (c / items) * dimension;
    const float* v = vectors + (c % items) * dimension;
    float sum = 0.0f;
    for (std::uint32_t d = 0; d < dimension; ++d) {
      sum += t[d] * v[d];
    }
    out[c] = sum;
  }
};

class EmbeddingState final : public detail::ModelState {
 public:
  EmbeddingState(const SparseMatrix& interactions, std::vector<float> unit_vectors,
                 std::uint32_t dimension)
      : detail::ModelState(interactions),
        vectors_host_(std::move(unit_vectors)),
        vectors_(detail::to_device(std::span<const float>(vectors_host_))),
        dimension_(dimension) {}

  ModelKind kind() const override { return ModelKind::kEmbedding; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    detail::DeviceVector<float> taste(users.size() * dimension_);
    thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                     thrust::counting_iterator<std::uint64_t>(users.size()),
                     TasteOfRow{detail::view(history_device), detail::raw(users),
                                detail::raw(vectors_), dimension_, detail::raw(taste)});
    thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                     thrust::counting_iterator<std::uint64_t>(out.size()),
                     CosineCell{detail::raw(taste), detail::raw(vectors_), item_count(), dimension_,
                                detail::raw(out)});
  }

  void explain(UserIndex user, std::uint32_t count, Recommendation& rec) const override {
    const SparseMatrix& x = *history;
    for (std::uint64_t e = x.offsets()[user]; e < x.offsets()[user + 1]; ++e) {
      const float c =
          x.values()[e] * detail::row_cosine(vectors_host_, dimension_, x.columns()[e], rec.item);
      if (c > 0.0f) {
        rec.because_items.push_back({x.columns()[e], c});
      }
    }
    std::sort(rec.because_items.begin(), rec.because_items.end(),
              [](const Contribution& p, const Contribution& q) {
                return p.weight != q.weight ? p.weight > q.weight : p.index < q.index;
              });
    if (rec.because_items.size() > count) {
      rec.because_items.resize(count);
    }
  }

  bool item_similarity(ItemIndex item, std::vector<float>& out) const override {
    out.resize(item_count());
    for (std::uint64_t i = 0; i < item_count(); ++i) {
      out[i] = detail::row_cosine(vectors_host_, dimension_, item, i);
    }
    return true;
  }

 private:
  std::vector<float> vectors_host_;
  detail::DeviceVector<float> vectors_;
  std::uint32_t dimension_;
};

}  // namespace

Result<Model> fit_embedding(const SparseMatrix& interactions, std::span<const float> item_vectors,
                            std::uint32_t dimension) {
  if (dimension < 1) {
    return invalid_argument("embedding recommender needs vectors of at least one dimension");
  }
  if (item_vectors.size() != interactions.column_count() * dimension) {
    return invalid_argument("embedding recommender needs one vector of " +
                            std::to_string(dimension) + " values per item (" +
                            std::to_string(interactions.column_count()) + " items), got " +
                            std::to_string(item_vectors.size()) + " values");
  }
  if (!std::all_of(item_vectors.begin(), item_vectors.end(),
                   [](float v) { return std::isfinite(v); })) {
    return invalid_argument("embedding recommender item vectors must be finite");
  }

  return detail::run_guarded("embedding recommender", [&]() -> Result<Model> {
    std::vector<float> unit(item_vectors.begin(), item_vectors.end());
    for (std::uint64_t i = 0; i < interactions.column_count(); ++i) {
      float* v = unit.data() + i * dimension;
      double norm = 0.0;
      for (std::uint32_t d = 0; d < dimension; ++d) {
        norm += double{v[d]} * v[d];
      }
      const float scale = norm > 0.0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
      std::for_each(v, v + dimension, [scale](float& x) { x *= scale; });
    }
    return Model(std::make_shared<EmbeddingState>(interactions, std::move(unit), dimension));
  });
}

}  // namespace quiver::gpu
