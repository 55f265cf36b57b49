#pragma once

// Internal to the gpu layer: the fitted state behind a Model, the device form of a sparse
// matrix and the pieces the recommender kernels share. Included only from .cu files.

#include <cstdint>
#include <memory>
#include <vector>

#include "gpu/detail/device.cuh"
#include "gpu/interactions.h"
#include "gpu/recommend.h"

namespace quiver::gpu::detail {

// A SparseMatrix in device memory.
struct DeviceSparse {
  std::uint64_t rows = 0;
  std::uint64_t cols = 0;
  DeviceVector<std::uint64_t> offsets;
  DeviceVector<std::uint32_t> columns;
  DeviceVector<float> values;
};

// Plain pointers into a DeviceSparse for functors.
struct SparseView {
  const std::uint64_t* offsets;
  const std::uint32_t* columns;
  const float* values;
};

inline SparseView view(const DeviceSparse& m) {
  return SparseView{raw(m.offsets), raw(m.columns), raw(m.values)};
}

// Copies a host matrix into device memory.
DeviceSparse upload(const SparseMatrix& matrix);

// Host arrays of a sparse item-item matrix: row j lists (column, value) pairs.
struct HostSparse {
  std::vector<std::uint64_t> offsets;
  std::vector<std::uint32_t> columns;
  std::vector<float> values;
};

// The fitted state of a model. Implementations are immutable after fit, so every method may be
// called from several threads at once.
class ModelState {
 public:
  explicit ModelState(const SparseMatrix& interactions)
      : history(std::make_shared<const SparseMatrix>(interactions)),
        history_device(upload(*history)) {}
  virtual ~ModelState() = default;
  ModelState(const ModelState&) = delete;
  ModelState& operator=(const ModelState&) = delete;

  // The algorithm.
  virtual ModelKind kind() const = 0;

  // Writes the scores of USERS (each below the user count) into OUT, users.size() rows of
  // item_count cells, row-major. OUT already has that size; its contents are overwritten.
  virtual void score(const DeviceVector<UserIndex>& users, DeviceVector<float>& out) const = 0;

  // Fills the explanation lists of REC (for USER), at most COUNT entries each. Models without
  // explanations leave them empty.
  virtual void explain(UserIndex /*user*/, std::uint32_t /*count*/, Recommendation& /*rec*/) const {
  }

  // Writes how similar every item is to ITEM into OUT (resized to item_count; NaN where the
  // model relates no such pair) and returns true, or returns false when the model has no notion
  // of item-item similarity.
  virtual bool item_similarity(ItemIndex /*item*/, std::vector<float>& /*out*/) const {
    return false;
  }

  std::uint64_t user_count() const { return history->row_count(); }
  std::uint64_t item_count() const { return history->column_count(); }

  std::shared_ptr<const SparseMatrix> history;
  DeviceSparse history_device;
};

// Builds an item-item matrix: row j of the result keeps the best k columns i != j of
// acc(j, i) / (row_scale[j] * col_scale[i] + shrink), acc = A B, among cells with acc > 0. A is
// items x mid, B is mid x items. Rows are processed in batches of max_batch_cells / items rows.
HostSparse top_k_product(const DeviceSparse& a, const DeviceSparse& b,
                         const std::vector<float>& row_scale, const std::vector<float>& col_scale,
                         float shrink, std::uint32_t k, std::uint64_t max_batch_cells);

// Scores users from a sparse item-item matrix W: out(r, i) = sum over entries (j, w) of
// START's row users[r] of w W(j, i).
void score_item_item(const DeviceSparse& start, const DeviceSparse& item_item,
                     const DeviceVector<UserIndex>& users, std::uint64_t item_count,
                     DeviceVector<float>& out);

// The COUNT largest positive contributions w_j W(j, item) over the entries (j, w_j) of START's
// row USER, largest first, ties by ascending j.
std::vector<Contribution> explain_item_item(const SparseMatrix& start, const HostSparse& item_item,
                                            UserIndex user, ItemIndex item, std::uint32_t count);

// The COUNT topics of ITEM weighing most in PROFILE's row USER (profile value times link value),
// largest first, ties by ascending topic.
std::vector<Contribution> explain_topics(const SparseMatrix& profiles,
                                         const SparseMatrix& item_topics, UserIndex user,
                                         ItemIndex item, std::uint32_t count);

// Cosine similarity of row A and row B of the row-major matrix VECTORS (DIMENSION columns); 0
// when either row is all zeros.
float row_cosine(const std::vector<float>& vectors, std::uint32_t dimension, std::uint64_t a,
                 std::uint64_t b);

// Sets cells of consumed items (entries of HISTORY's rows USERS) to -inf in the score rows.
void mask_consumed(const DeviceSparse& history, const DeviceVector<UserIndex>& users,
                   std::uint64_t item_count, DeviceVector<float>& scores);

// splitmix64: the seeded hash behind every random choice of the recommenders.
QUIVER_HD inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace quiver::gpu::detail
