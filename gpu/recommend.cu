// Top-k recommendation over the dense score rows a fitted model writes: consumed items are masked
// to -inf, then one pass per row keeps its best k items in a best-first list.

#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "gpu/backend.h"
#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

namespace quiver::gpu {
namespace {

// Writes -inf over the consumed cells of row r.
struct MaskConsumed {
  detail::SparseView history;
  const UserIndex* users;
  std::uint64_t items;
  float* scores;

  QUIVER_HD void operator()(std::uint64_t r) const {
    const UserIndex u = users[r];
    for (std::uint64_t e = history.offsets[u]; e < history.offsets[u + 1]; ++e) {
      scores[r * items + history.columns[e]] = -INFINITY;
    }
  }
};

// Keeps the best k cells of row r. Items arrive in ascending order and only a strictly better
// score moves ahead of an earlier one, so ties keep ascending items.
struct TopKOfRow {
  const float* scores;
  const std::uint8_t* candidates;
  std::uint64_t items;
  std::uint32_t k;
  ItemIndex* top_items;
  float* top_scores;
  std::uint32_t* counts;

  QUIVER_HD void operator()(std::uint64_t r) const {
    const float* row = scores + r * items;
    ItemIndex* out_items = top_items + r * k;
    float* out_scores = top_scores + r * k;
    std::uint32_t count = 0;
    for (std::uint64_t i = 0; i < items; ++i) {
      const float s = row[i];
      if (!(s > -INFINITY) || (candidates != nullptr && candidates[i] == 0) ||
          (count == k && !(s > out_scores[k - 1]))) {
        continue;
      }
      std::uint32_t slot = count < k ? count++ : k - 1;
      while (slot > 0 && s > out_scores[slot - 1]) {
        out_scores[slot] = out_scores[slot - 1];
        out_items[slot] = out_items[slot - 1];
        --slot;
      }
      out_scores[slot] = s;
      out_items[slot] = static_cast<ItemIndex>(i);
    }
    counts[r] = count;
  }
};

Status validate_request(const Model& model, std::uint32_t k,
                        std::span<const std::uint8_t> candidates) {
  if (k < 1 || k > model.item_count()) {
    return invalid_argument("recommendation k must lie in [1, item count " +
                            std::to_string(model.item_count()) + "], got " + std::to_string(k));
  }
  if (!candidates.empty() && candidates.size() != model.item_count()) {
    return invalid_argument("recommendation candidate filter must hold one flag per item");
  }
  return Unit{};
}

// Scores and ranks one batch of users, appending to OUT.
void rank_batch(const detail::ModelState& state, std::span<const UserIndex> users, std::uint32_t k,
                const detail::DeviceVector<std::uint8_t>& candidates, RankedLists& out) {
  const std::uint64_t items = state.item_count();
  const std::uint64_t rows = users.size();
  detail::DeviceVector<UserIndex> device_users = detail::to_device(users);
  detail::DeviceVector<float> scores(rows * items);
  state.score(device_users, scores);
  detail::mask_consumed(state.history_device, device_users, items, scores);

  detail::DeviceVector<ItemIndex> top_items(rows * k);
  detail::DeviceVector<float> top_scores(rows * k);
  detail::DeviceVector<std::uint32_t> counts(rows);
  thrust::for_each(
      thrust::counting_iterator<std::uint64_t>(0), thrust::counting_iterator<std::uint64_t>(rows),
      TopKOfRow{detail::raw(scores), candidates.empty() ? nullptr : detail::raw(candidates), items,
                k, detail::raw(top_items), detail::raw(top_scores), detail::raw(counts)});

  const std::size_t at = out.items.size();
  out.items.resize(at + rows * k);
  out.scores.resize(at + rows * k);
  out.counts.resize(out.counts.size() + rows);
  detail::copy_to_host(top_items, rows * k, out.items.data() + at);
  detail::copy_to_host(top_scores, rows * k, out.scores.data() + at);
  detail::copy_to_host(counts, rows, out.counts.data() + out.counts.size() - rows);
}

}  // namespace

namespace detail {

DeviceSparse upload(const SparseMatrix& matrix) {
  DeviceSparse out;
  out.rows = matrix.row_count();
  out.cols = matrix.column_count();
  out.offsets = to_device(matrix.offsets());
  out.columns = to_device(matrix.columns());
  out.values = to_device(matrix.values());
  return out;
}

float row_cosine(const std::vector<float>& vectors, std::uint32_t dimension, std::uint64_t a,
                 std::uint64_t b) {
  const float* x = vectors.data() + a * dimension;
  const float* y = vectors.data() + b * dimension;
  double dot = 0.0;
  double xx = 0.0;
  double yy = 0.0;
  for (std::uint32_t d = 0; d < dimension; ++d) {
    dot += double{x[d]} * y[d];
    xx += double{x[d]} * x[d];
    yy += double{y[d]} * y[d];
  }
  return xx > 0.0 && yy > 0.0 ? static_cast<float>(dot / std::sqrt(xx * yy)) : 0.0f;
}

void mask_consumed(const DeviceSparse& history, const DeviceVector<UserIndex>& users,
                   std::uint64_t item_count, DeviceVector<float>& scores) {
  thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                   thrust::counting_iterator<std::uint64_t>(users.size()),
                   MaskConsumed{view(history), raw(users), item_count, raw(scores)});
}

}  // namespace detail

const char* model_kind_name(ModelKind kind) {
  switch (kind) {
    case ModelKind::kItemKnn:
      return "item_knn";
    case ModelKind::kRp3Beta:
      return "rp3beta";
    case ModelKind::kEase:
      return "ease";
    case ModelKind::kIals:
      return "ials";
    case ModelKind::kPopularity:
      return "popularity";
    case ModelKind::kHybrid:
      return "hybrid";
    case ModelKind::kEmbedding:
      return "embedding";
  }
  return "unknown";
}

ModelKind Model::kind() const {
  return state_->kind();
}

std::uint64_t Model::user_count() const {
  return state_->user_count();
}

std::uint64_t Model::item_count() const {
  return state_->item_count();
}

const SparseMatrix& Model::interactions() const {
  return *state_->history;
}

Result<std::vector<float>> score_items(const Model& model, UserIndex user) {
  if (user >= model.user_count()) {
    return invalid_argument("recommendation user " + std::to_string(user) + " is out of range");
  }
  SerialSection serial;  // one row of work
  return detail::run_guarded("score_items", [&]() -> Result<std::vector<float>> {
    detail::DeviceVector<UserIndex> users(1, user);
    detail::DeviceVector<float> scores(model.item_count());
    model.state().score(users, scores);
    return detail::to_host(scores);
  });
}

Result<std::vector<Contribution>> similar_items(const Model& model, ItemIndex item,
                                                std::uint32_t k) {
  if (item >= model.item_count()) {
    return invalid_argument("similar items: item " + std::to_string(item) + " is out of range");
  }
  if (k < 1 || k > model.item_count()) {
    return invalid_argument("similar items: k must lie in [1, item count " +
                            std::to_string(model.item_count()) + "], got " + std::to_string(k));
  }
  SerialSection serial;  // one row of work
  return detail::run_guarded("similar_items", [&]() -> Result<std::vector<Contribution>> {
    std::vector<float> similarity;
    if (!model.state().item_similarity(item, similarity)) {
      return invalid_argument(std::string("similar items: a ") + model_kind_name(model.kind()) +
                              " model relates no items to each other");
    }
    std::vector<Contribution> out;
    for (std::uint64_t i = 0; i < similarity.size(); ++i) {
      if (i != item && std::isfinite(similarity[i])) {
        out.push_back({static_cast<std::uint32_t>(i), similarity[i]});
      }
    }
    auto better = [](const Contribution& a, const Contribution& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.index < b.index;
    };
    if (out.size() > k) {
      std::partial_sort(out.begin(), out.begin() + k, out.end(), better);
      out.resize(k);
    } else {
      std::sort(out.begin(), out.end(), better);
    }
    return out;
  });
}

Result<RankedLists> recommend_all(const Model& model, std::span<const UserIndex> users,
                                  std::uint32_t k, std::span<const std::uint8_t> candidates,
                                  std::uint64_t max_batch_cells) {
  Status valid = validate_request(model, k, candidates);
  if (!valid.ok()) {
    return valid.error();
  }
  if (max_batch_cells < 1) {
    return invalid_argument("recommendation max_batch_cells must be at least 1");
  }
  for (UserIndex u : users) {
    if (u >= model.user_count()) {
      return invalid_argument("recommendation user " + std::to_string(u) + " is out of range");
    }
  }

  return detail::run_guarded("recommend", [&]() -> Result<RankedLists> {
    RankedLists out;
    out.k = k;
    detail::DeviceVector<std::uint8_t> device_candidates = detail::to_device(candidates);
    const std::uint64_t batch = std::max<std::uint64_t>(1, max_batch_cells / model.item_count());
    for (std::uint64_t first = 0; first < users.size(); first += batch) {
      const std::uint64_t last = std::min<std::uint64_t>(users.size(), first + batch);
      rank_batch(model.state(), users.subspan(first, last - first), k, device_candidates, out);
    }
    return out;
  });
}

Result<std::vector<Recommendation>> recommend(const Model& model, UserIndex user,
                                              const RecommendRequest& request) {
  SerialSection serial;  // one row of work
  const UserIndex users[] = {user};
  Result<RankedLists> ranked = recommend_all(model, users, request.k, request.candidates);
  if (!ranked.ok()) {
    return ranked.error();
  }

  std::vector<Recommendation> out;
  const RankedLists& lists = ranked.value();
  for (std::uint32_t r = 0; r < lists.counts[0]; ++r) {
    Recommendation rec{lists.items[r], lists.scores[r], {}, {}};
    if (request.explain > 0) {
      model.state().explain(user, request.explain, rec);
    }
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace quiver::gpu
