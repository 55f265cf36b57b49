// The two item-item recommenders: item-based collaborative filtering on shrunk cosine
// similarity, and the RP3beta random walk, optionally stepping through topics. Both fit a pruned
// item-item matrix with top_k_product and score users by scattering their history through it.

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

namespace quiver::gpu {
namespace {

detail::DeviceSparse upload_host(const detail::HostSparse& m, std::uint64_t cols) {
  detail::DeviceSparse out;
  out.rows = m.offsets.size() - 1;
  out.cols = cols;
  out.offsets = detail::to_device(std::span<const std::uint64_t>(m.offsets));
  out.columns = detail::to_device(std::span<const std::uint32_t>(m.columns));
  out.values = detail::to_device(std::span<const float>(m.values));
  return out;
}

detail::HostSparse host_copy(const SparseMatrix& m) {
  return detail::HostSparse{{m.offsets().begin(), m.offsets().end()},
                            {m.columns().begin(), m.columns().end()},
                            {m.values().begin(), m.values().end()}};
}

// Each row scaled to sum to 1, then every value raised to ALPHA (kept above zero).
SparseMatrix walk_probabilities(const SparseMatrix& m, float alpha) {
  std::vector<float> values(m.values().begin(), m.values().end());
  for (std::uint64_t r = 0; r < m.row_count(); ++r) {
    double sum = 0;
    for (std::uint64_t e = m.offsets()[r]; e < m.offsets()[r + 1]; ++e) {
      sum += values[e];
    }
    for (std::uint64_t e = m.offsets()[r]; e < m.offsets()[r + 1]; ++e) {
      values[e] = std::max(FLT_MIN, static_cast<float>(std::pow(values[e] / sum, alpha)));
    }
  }
  return std::move(SparseMatrix::create(m.column_count(), {m.offsets().begin(), m.offsets().end()},
                                        {m.columns().begin(), m.columns().end()},
                                        std::move(values)))
      .value();
}

// Row j of [a_weight A | b_weight B], B's columns shifted by A's column count. A part with
// weight 0 is left out.
detail::HostSparse side_by_side(const SparseMatrix& a, float a_weight, const SparseMatrix& b,
                                float b_weight) {
  detail::HostSparse out;
  out.offsets.push_back(0);
  for (std::uint64_t r = 0; r < a.row_count(); ++r) {
    for (std::uint64_t e = a.offsets()[r]; a_weight > 0 && e < a.offsets()[r + 1]; ++e) {
      out.columns.push_back(a.columns()[e]);
      out.values.push_back(a_weight * a.values()[e]);
    }
    for (std::uint64_t e = b.offsets()[r]; b_weight > 0 && e < b.offsets()[r + 1]; ++e) {
      out.columns.push_back(static_cast<std::uint32_t>(a.column_count() + b.columns()[e]));
      out.values.push_back(b_weight * b.values()[e]);
    }
    out.offsets.push_back(out.columns.size());
  }
  return out;
}

// The rows of A followed by the rows of B (same column count).
detail::HostSparse stacked(const SparseMatrix& a, const SparseMatrix& b) {
  detail::HostSparse out = host_copy(a);
  const std::uint64_t base = out.columns.size();
  out.columns.insert(out.columns.end(), b.columns().begin(), b.columns().end());
  out.values.insert(out.values.end(), b.values().begin(), b.values().end());
  for (std::uint64_t r = 1; r <= b.row_count(); ++r) {
    out.offsets.push_back(base + b.offsets()[r]);
  }
  return out;
}

// A model scored through a pruned item-item matrix from a per-user start distribution.
class ItemItemState final : public detail::ModelState {
 public:
  ItemItemState(ModelKind kind, const SparseMatrix& interactions, SparseMatrix start,
                detail::HostSparse item_item, const SparseMatrix* item_topics)
      : detail::ModelState(interactions),
        kind_(kind),
        start_(std::move(start)),
        start_device_(detail::upload(start_)),
        item_item_(std::move(item_item)),
        item_item_device_(upload_host(item_item_, interactions.column_count())) {
    if (item_topics != nullptr) {
      topics_ = *item_topics;
      profiles_ = std::move(user_profiles(interactions, *item_topics)).value();
    }
  }

  ModelKind kind() const override { return kind_; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    detail::score_item_item(start_device_, item_item_device_, users, item_count(), out);
  }

  void explain(UserIndex user, std::uint32_t count, Recommendation& rec) const override {
    rec.because_items = detail::explain_item_item(start_, item_item_, user, rec.item, count);
    if (topics_.row_count() > 0) {
      rec.because_topics = detail::explain_topics(profiles_, topics_, user, rec.item, count);
    }
  }

  bool item_similarity(ItemIndex item, std::vector<float>& out) const override {
    out.assign(item_count(), std::numeric_limits<float>::quiet_NaN());
    for (std::uint64_t e = item_item_.offsets[item]; e < item_item_.offsets[item + 1]; ++e) {
      out[item_item_.columns[e]] = item_item_.values[e];
    }
    return true;
  }

 private:
  ModelKind kind_;
  SparseMatrix start_;
  detail::DeviceSparse start_device_;
  detail::HostSparse item_item_;
  detail::DeviceSparse item_item_device_;
  SparseMatrix topics_;
  SparseMatrix profiles_;
};

Status validate_rp3(const SparseMatrix& interactions, const Rp3BetaConfig& config,
                    const SparseMatrix* item_topics) {
  if (!(config.alpha > 0.0f) || !std::isfinite(config.alpha)) {
    return invalid_argument("rp3beta alpha must be finite and above 0");
  }
  if (!(config.beta >= 0.0f && config.beta <= 1.0f)) {
    return invalid_argument("rp3beta beta must lie in [0, 1]");
  }
  if (config.neighbours < 1 || config.max_batch_cells < 1) {
    return invalid_argument("rp3beta neighbours and max_batch_cells must be at least 1");
  }
  if (!(config.topic_weight >= 0.0f && config.topic_weight <= 1.0f)) {
    return invalid_argument("rp3beta topic_weight must lie in [0, 1]");
  }
  if (config.topic_weight > 0.0f && item_topics == nullptr) {
    return invalid_argument("rp3beta topic_weight above 0 needs item_topics");
  }
  if (item_topics != nullptr && item_topics->row_count() != interactions.column_count()) {
    return invalid_argument("rp3beta item_topics must have one row per item");
  }
  return Unit{};
}

}  // namespace

Result<Model> fit_item_knn(const SparseMatrix& interactions, const ItemKnnConfig& config) {
  if (config.neighbours < 1 || config.max_batch_cells < 1) {
    return invalid_argument("item_knn neighbours and max_batch_cells must be at least 1");
  }
  if (!(config.shrink >= 0.0f) || !std::isfinite(config.shrink)) {
    return invalid_argument("item_knn shrink must be finite and at least 0");
  }

  return detail::run_guarded("item_knn", [&]() -> Result<Model> {
    const SparseMatrix item_users = interactions.transposed();
    std::vector<float> norms(item_users.row_count());
    for (std::uint64_t i = 0; i < item_users.row_count(); ++i) {
      double sum = 0;
      for (std::uint64_t e = item_users.offsets()[i]; e < item_users.offsets()[i + 1]; ++e) {
        sum += double{item_users.values()[e]} * item_users.values()[e];
      }
      norms[i] = static_cast<float>(std::sqrt(sum));
    }

    detail::HostSparse similar = detail::top_k_product(
        detail::upload(item_users), detail::upload(interactions), norms, norms,
        std::max(config.shrink, FLT_MIN), config.neighbours, config.max_batch_cells);
    return Model(std::make_shared<ItemItemState>(ModelKind::kItemKnn, interactions, interactions,
                                                 std::move(similar), nullptr));
  });
}

Result<Model> fit_rp3beta(const SparseMatrix& interactions, const Rp3BetaConfig& config,
                          const SparseMatrix* item_topics) {
  Status valid = validate_rp3(interactions, config, item_topics);
  if (!valid.ok()) {
    return valid.error();
  }

  return detail::run_guarded("rp3beta", [&]() -> Result<Model> {
    const SparseMatrix item_users = interactions.transposed();
    SparseMatrix user_step = walk_probabilities(interactions, config.alpha);
    const SparseMatrix item_step = walk_probabilities(item_users, config.alpha);
    const std::uint64_t items = interactions.column_count();

    // The middle step runs through users and topics side by side: A = [(1-g) P_iu | g P_it]
    // and B = [P_ui ; P_ti], so one product sums both walks.
    detail::HostSparse a = host_copy(item_step);
    detail::HostSparse b = host_copy(user_step);
    std::uint64_t middle = interactions.row_count();
    if (config.topic_weight > 0.0f) {
      const SparseMatrix to_topic = walk_probabilities(*item_topics, config.alpha);
      const SparseMatrix from_topic = walk_probabilities(item_topics->transposed(), config.alpha);
      a = side_by_side(item_step, 1.0f - config.topic_weight, to_topic, config.topic_weight);
      b = stacked(user_step, from_topic);
      middle += item_topics->column_count();
    }

    std::vector<float> popularity(items);
    for (std::uint64_t i = 0; i < items; ++i) {
      const double degree = static_cast<double>(std::max<std::uint64_t>(1, item_users.row_size(i)));
      popularity[i] = static_cast<float>(std::pow(degree, double{config.beta}));
    }
    const std::vector<float> ones(items, 1.0f);
    detail::HostSparse walk =
        detail::top_k_product(upload_host(a, middle), upload_host(b, items), ones, popularity, 0.0f,
                              config.neighbours, config.max_batch_cells);
    return Model(std::make_shared<ItemItemState>(
        ModelKind::kRp3Beta, interactions, std::move(user_step), std::move(walk), item_topics));
  });
}

}  // namespace quiver::gpu
