// Popularity recommenders (global, and within the topics of a user's profile) and the hybrid
// that blends the min-max normalised scores of other models.

#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

namespace quiver::gpu {
namespace {

// Cell c of the score rows: p(i), or 2 + a(u, i) p(i) when item i shares a topic with u's
// profile, which ranks every such item above the rest (p is at most 1). Without topic links
// (links.offsets null) every cell is p(i).
struct PopularityScore {
  const float* popularity;
  detail::SparseView profiles;
  detail::SparseView links;
  const UserIndex* users;
  std::uint64_t items;
  float* out;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const std::uint64_t i = c % items;
    const UserIndex u = users[c / items];
    float affinity = 0.0f;
    if (links.offsets != nullptr) {
      float link_sum = 0.0f;
      for (std::uint64_t f = links.offsets[i]; f < links.offsets[i + 1]; ++f) {
        link_sum += links.values[f];
        std::uint64_t lo = profiles.offsets[u];
        std::uint64_t hi = profiles.offsets[u + 1];
        while (lo < hi) {
          const std::uint64_t mid = lo + (hi - lo) / 2;
          if (profiles.columns[mid] < links.columns[f]) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        if (lo < profiles.offsets[u + 1] && profiles.columns[lo] == links.columns[f]) {
          affinity += profiles.values[lo] * links.values[f];
        }
      }
      affinity = link_sum > 0.0f ? affinity / link_sum : 0.0f;
    }
    out[c] = affinity > 0.0f ? 2.0f + affinity * popularity[i] : popularity[i];
  }
};

class PopularityState final : public detail::ModelState {
 public:
  PopularityState(const SparseMatrix& interactions, const SparseMatrix* item_topics)
      : detail::ModelState(interactions) {
    const SparseMatrix item_users = interactions.transposed();
    std::vector<float> popularity(item_users.row_count());
    float top = 1.0f;
    for (std::uint64_t i = 0; i < popularity.size(); ++i) {
      popularity[i] = static_cast<float>(item_users.row_size(i));
      top = std::max(top, popularity[i]);
    }
    for (float& p : popularity) {
      p /= top;
    }
    popularity_ = detail::to_device(std::span<const float>(popularity));
    if (item_topics != nullptr) {
      topics_ = *item_topics;
      profiles_ = std::move(user_profiles(interactions, *item_topics)).value();
      topics_device_ = detail::upload(topics_);
      profiles_device_ = detail::upload(profiles_);
    }
  }

  ModelKind kind() const override { return ModelKind::kPopularity; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    const bool topics = topics_.row_count() > 0;
    const detail::SparseView none{nullptr, nullptr, nullptr};
    thrust::for_each(
        thrust::counting_iterator<std::uint64_t>(0),
        thrust::counting_iterator<std::uint64_t>(out.size()),
        PopularityScore{detail::raw(popularity_), topics ? detail::view(profiles_device_) : none,
                        topics ? detail::view(topics_device_) : none, detail::raw(users),
                        item_count(), detail::raw(out)});
  }

  void explain(UserIndex user, std::uint32_t count, Recommendation& rec) const override {
    if (topics_.row_count() > 0) {
      rec.because_topics = detail::explain_topics(profiles_, topics_, user, rec.item, count);
    }
  }

 private:
  detail::DeviceVector<float> popularity_;
  SparseMatrix topics_;
  SparseMatrix profiles_;
  detail::DeviceSparse topics_device_;
  detail::DeviceSparse profiles_device_;
};

// True for a finite X: inf - inf and NaN - NaN are NaN.
QUIVER_HD inline bool finite(float x) {
  return x - x == 0.0f;
}

// Adds weight * (s - min) / (max - min) of row r's finite cells of PART into OUT, min and max
// taken over the finite cells (the consumed ones are -inf by then).
struct AddNormalised {
  const float* part;
  std::uint64_t items;
  float weight;
  float* out;

  QUIVER_HD void operator()(std::uint64_t r) const {
    const float* row = part + r * items;
    float lo = INFINITY;
    float hi = -INFINITY;
    for (std::uint64_t i = 0; i < items; ++i) {
      if (finite(row[i])) {
        lo = row[i] < lo ? row[i] : lo;
        hi = row[i] > hi ? row[i] : hi;
      }
    }
    const float span = hi - lo;
    for (std::uint64_t i = 0; i < items; ++i) {
      if (finite(row[i]) && span > 0.0f) {
        out[r * items + i] += weight * (row[i] - lo) / span;
      }
    }
  }
};

class HybridState final : public detail::ModelState {
 public:
  explicit HybridState(std::vector<HybridPart> parts)
      : detail::ModelState(parts.front().model.interactions()), parts_(std::move(parts)) {
    std::stable_sort(parts_.begin(), parts_.end(),
                     [](const HybridPart& a, const HybridPart& b) { return a.weight > b.weight; });
  }

  ModelKind kind() const override { return ModelKind::kHybrid; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    thrust::fill(out.begin(), out.end(), 0.0f);
    detail::DeviceVector<float> part(out.size());
    for (const HybridPart& p : parts_) {
      p.model.state().score(users, part);
      detail::mask_consumed(history_device, users, item_count(), part);
      thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                       thrust::counting_iterator<std::uint64_t>(users.size()),
                       AddNormalised{detail::raw(part), item_count(), p.weight, detail::raw(out)});
    }
  }

  void explain(UserIndex user, std::uint32_t count, Recommendation& rec) const override {
    for (const HybridPart& p : parts_) {
      p.model.state().explain(user, count, rec);
      if (!rec.because_items.empty() || !rec.because_topics.empty()) {
        return;
      }
    }
  }

  // The weighted sum of the parts' similarities, each scaled to [0, 1] over its finite cells;
  // parts without a similarity are left out.
  bool item_similarity(ItemIndex item, std::vector<float>& out) const override {
    out.assign(item_count(), std::numeric_limits<float>::quiet_NaN());
    bool any = false;
    std::vector<float> part;
    for (const HybridPart& p : parts_) {
      if (!p.model.state().item_similarity(item, part)) {
        continue;
      }
      any = true;
      float lo = INFINITY;
      float hi = -INFINITY;
      for (float v : part) {
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
      for (std::uint64_t i = 0; i < part.size(); ++i) {
        if (!std::isfinite(part[i])) {
          continue;
        }
        const float scaled = hi > lo ? (part[i] - lo) / (hi - lo) : 1.0f;
        out[i] = (std::isfinite(out[i]) ? out[i] : 0.0f) + p.weight * scaled;
      }
    }
    return any;
  }

 private:
  std::vector<HybridPart> parts_;
};

}  // namespace

Result<Model> fit_popularity(const SparseMatrix& interactions, const PopularityConfig& config,
                             const SparseMatrix* item_topics) {
  if (config.within_user_topics && item_topics == nullptr) {
    return invalid_argument("popularity within_user_topics needs item_topics");
  }
  if (item_topics != nullptr && item_topics->row_count() != interactions.column_count()) {
    return invalid_argument("popularity item_topics must have one row per item");
  }
  return detail::run_guarded("popularity", [&]() -> Result<Model> {
    return Model(std::make_shared<PopularityState>(
        interactions, config.within_user_topics ? item_topics : nullptr));
  });
}

Result<Model> fit_hybrid(std::vector<HybridPart> parts) {
  if (parts.empty()) {
    return invalid_argument("hybrid needs at least one part");
  }
  float total = 0.0f;
  for (const HybridPart& p : parts) {
    if (!std::isfinite(p.weight) || p.weight < 0.0f) {
      return invalid_argument("hybrid weights must be finite and at least 0");
    }
    if (p.model.user_count() != parts.front().model.user_count() ||
        p.model.item_count() != parts.front().model.item_count()) {
      return invalid_argument("hybrid parts must be fitted on interactions of one shape");
    }
    total += p.weight;
  }
  if (!(total > 0.0f)) {
    return invalid_argument("hybrid weights must not all be 0");
  }
  return detail::run_guarded("hybrid", [&]() -> Result<Model> {
    return Model(std::make_shared<HybridState>(std::move(parts)));
  });
}

}  // namespace quiver::gpu
