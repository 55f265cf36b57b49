#include "gpu/evaluation.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace quiver::gpu {
namespace {

Status validate_cutoffs(const std::vector<std::uint32_t>& cutoffs, std::uint64_t item_count) {
  if (cutoffs.empty()) {
    return invalid_argument("evaluation needs at least one cut-off");
  }
  for (std::uint32_t k : cutoffs) {
    if (k < 1 || k > item_count) {
      return invalid_argument("evaluation cut-off " + std::to_string(k) +
                              " must lie in [1, item count " + std::to_string(item_count) + "]");
    }
  }
  return Unit{};
}

// Metrics of the lists cut at K, summed over users before the averages are taken.
MetricsAtK metrics_at(const RankedLists& ranked, std::span<const UserIndex> users,
                      const SparseMatrix& test, const std::vector<double>& popularity,
                      std::uint32_t k) {
  MetricsAtK m;
  m.k = k;
  std::vector<std::uint8_t> recommended(test.column_count(), 0);
  std::uint64_t evaluated = 0;
  std::uint64_t slots = 0;
  double popularity_sum = 0;
  for (std::size_t r = 0; r < users.size(); ++r) {
    const UserIndex u = users[r];
    const std::uint64_t relevant = test.row_size(u);
    if (relevant == 0) {
      continue;
    }
    ++evaluated;

    const std::uint32_t length = std::min(k, ranked.counts[r]);
    double hits = 0;
    double dcg = 0;
    for (std::uint32_t p = 0; p < length; ++p) {
      const ItemIndex item = ranked.items[r * ranked.k + p];
      recommended[item] = 1;
      popularity_sum += popularity[item];
      ++slots;
      if (test.at(u, item) > 0.0f) {
        hits += 1;
        dcg += 1.0 / std::log2(p + 2.0);
      }
    }
    double ideal = 0;
    for (std::uint64_t p = 0; p < std::min<std::uint64_t>(k, relevant); ++p) {
      ideal += 1.0 / std::log2(static_cast<double>(p) + 2.0);
    }
    m.precision += hits / k;
    m.recall += hits / static_cast<double>(relevant);
    m.ndcg += dcg / ideal;
    m.hit_rate += hits > 0 ? 1.0 : 0.0;
  }

  if (evaluated > 0) {
    const double n = static_cast<double>(evaluated);
    m.precision /= n;
    m.recall /= n;
    m.ndcg /= n;
    m.hit_rate /= n;
  }
  const auto distinct = std::count(recommended.begin(), recommended.end(), std::uint8_t{1});
  m.coverage = test.column_count() == 0
                   ? 0.0
                   : static_cast<double>(distinct) / static_cast<double>(test.column_count());
  m.popularity_bias = slots == 0 ? 0.0 : popularity_sum / static_cast<double>(slots);
  return m;
}

}  // namespace

Result<Evaluation> evaluate_rankings(const RankedLists& ranked, std::span<const UserIndex> users,
                                     const SparseMatrix& test, const SparseMatrix& train,
                                     const std::vector<std::uint32_t>& cutoffs) {
  if (test.row_count() != train.row_count() || test.column_count() != train.column_count()) {
    return invalid_argument("evaluation: train and test differ in shape");
  }
  if (ranked.counts.size() != users.size() ||
      ranked.items.size() != users.size() * std::uint64_t{ranked.k} ||
      ranked.scores.size() != ranked.items.size()) {
    return invalid_argument("evaluation: ranked lists do not match the users");
  }
  Status valid = validate_cutoffs(cutoffs, test.column_count());
  if (!valid.ok()) {
    return valid.error();
  }
  for (std::size_t r = 0; r < users.size(); ++r) {
    if (users[r] >= test.row_count() || ranked.counts[r] > ranked.k) {
      return invalid_argument("evaluation: user or list length out of range");
    }
    for (std::uint32_t p = 0; p < ranked.counts[r]; ++p) {
      if (ranked.items[r * ranked.k + p] >= test.column_count()) {
        return invalid_argument("evaluation: ranked item out of range");
      }
    }
  }

  // Popularity of an item: the share of train users who consumed it.
  std::vector<double> popularity(train.column_count(), 0.0);
  for (std::uint32_t item : train.columns()) {
    popularity[item] += 1.0;
  }
  for (double& p : popularity) {
    p /= std::max<double>(1.0, static_cast<double>(train.row_count()));
  }

  Evaluation out;
  for (std::size_t r = 0; r < users.size(); ++r) {
    out.users += test.row_size(users[r]) > 0 ? 1 : 0;
  }
  for (std::uint32_t k : cutoffs) {
    out.at.push_back(metrics_at(ranked, users, test, popularity, k));
  }
  return out;
}

Result<Evaluation> evaluate(const Model& model, const SparseMatrix& test,
                            const EvaluationConfig& config) {
  if (test.row_count() != model.user_count() || test.column_count() != model.item_count()) {
    return invalid_argument("evaluation: the test half differs in shape from the model's data");
  }
  Status valid = validate_cutoffs(config.cutoffs, test.column_count());
  if (!valid.ok()) {
    return valid.error();
  }

  std::vector<UserIndex> users;
  for (std::uint64_t u = 0; u < test.row_count(); ++u) {
    if (test.row_size(u) > 0) {
      users.push_back(static_cast<UserIndex>(u));
    }
  }
  const std::uint32_t k = *std::max_element(config.cutoffs.begin(), config.cutoffs.end());
  Result<RankedLists> ranked = recommend_all(model, users, k, {}, config.max_batch_cells);
  if (!ranked.ok()) {
    return ranked.error();
  }
  return evaluate_rankings(ranked.value(), users, test, model.interactions(), config.cutoffs);
}

}  // namespace quiver::gpu
