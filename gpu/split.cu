// Train/test splits. Every entry gets an order key (a seeded hash, or its timestamp), two stable
// sorts put each user's entries in that order, and the first entries of each user's run are the
// test half. Nothing depends on thread scheduling, so a seed gives one split on every backend.

#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/gather.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/sequence.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/evaluation.h"

namespace quiver::gpu {
namespace {

// Order key of entry e: ascending keys are held out first.
struct OrderKey {
  const std::uint32_t* entry_users;
  const std::uint32_t* columns;
  const std::int64_t* timestamps;
  std::uint64_t seed;

  QUIVER_HD std::uint64_t operator()(std::uint64_t e) const {
    if (timestamps == nullptr) {
      return detail::splitmix64(seed ^ ((std::uint64_t{entry_users[e]} << 32) | columns[e]));
    }
    // Latest first: flip the sign bit so that signed order is unsigned order, then invert.
    return ~(static_cast<std::uint64_t>(timestamps[e]) ^ (std::uint64_t{1} << 63));
  }
};

// Marks the entry at sorted position p as test when it is among its user's first test_counts.
struct MarkTest {
  const std::uint32_t* sorted_users;
  const std::uint64_t* order;
  const std::uint64_t* offsets;
  const std::uint64_t* test_counts;
  std::uint8_t* is_test;

  QUIVER_HD void operator()(std::uint64_t p) const {
    const std::uint32_t u = sorted_users[p];
    is_test[order[p]] = p - offsets[u] < test_counts[u] ? 1 : 0;
  }
};

SparseMatrix select_entries(const SparseMatrix& m, const std::vector<std::uint8_t>& is_test,
                            std::uint8_t wanted) {
  std::vector<std::uint64_t> offsets{0};
  std::vector<std::uint32_t> columns;
  std::vector<float> values;
  for (std::uint64_t u = 0; u < m.row_count(); ++u) {
    for (std::uint64_t e = m.offsets()[u]; e < m.offsets()[u + 1]; ++e) {
      if (is_test[e] == wanted) {
        columns.push_back(m.columns()[e]);
        values.push_back(m.values()[e]);
      }
    }
    offsets.push_back(columns.size());
  }
  return std::move(SparseMatrix::create(m.column_count(), std::move(offsets), std::move(columns),
                                        std::move(values)))
      .value();
}

}  // namespace

Result<Split> split_interactions(const SparseMatrix& interactions, const SplitConfig& config) {
  if (!(config.test_fraction > 0.0 && config.test_fraction < 1.0)) {
    return invalid_argument("split test_fraction must lie in (0, 1)");
  }
  const bool latest = config.method == SplitMethod::kLatest;
  if (latest && config.timestamps.size() != interactions.entry_count()) {
    return invalid_argument("split by latest needs one timestamp per entry");
  }

  return detail::run_guarded("split", [&]() -> Result<Split> {
    const std::uint64_t entries = interactions.entry_count();
    std::vector<std::uint32_t> users(entries);
    std::vector<std::uint64_t> test_counts(interactions.row_count());
    for (std::uint64_t u = 0; u < interactions.row_count(); ++u) {
      const std::uint64_t degree = interactions.row_size(u);
      const auto wanted = static_cast<std::uint64_t>(std::llround(config.test_fraction * degree));
      test_counts[u] = degree < 2 ? 0 : std::min(degree - 1, wanted);
      for (std::uint64_t e = interactions.offsets()[u]; e < interactions.offsets()[u + 1]; ++e) {
        users[e] = static_cast<std::uint32_t>(u);
      }
    }
    auto d_users = detail::to_device(std::span<const std::uint32_t>(users));
    auto d_columns = detail::to_device(interactions.columns());
    auto d_timestamps =
        detail::to_device(latest ? config.timestamps : std::span<const std::int64_t>());
    auto d_offsets = detail::to_device(interactions.offsets());
    auto d_counts = detail::to_device(std::span<const std::uint64_t>(test_counts));

    // Among equal timestamps the larger item is later: starting from reversed entry order, the
    // stable sorts keep larger items first within a tie.
    detail::DeviceVector<std::uint64_t> order(entries);
    if (latest) {
      thrust::sequence(order.rbegin(), order.rend());
    } else {
      thrust::sequence(order.begin(), order.end());
    }
    detail::DeviceVector<std::uint64_t> keys(entries);
    auto begin = thrust::counting_iterator<std::uint64_t>(0);
    thrust::transform(order.begin(), order.end(), keys.begin(),
                      OrderKey{detail::raw(d_users), detail::raw(d_columns),
                               latest ? detail::raw(d_timestamps) : nullptr, config.seed});
    thrust::stable_sort_by_key(keys.begin(), keys.end(), order.begin());
    detail::DeviceVector<std::uint32_t> sorted_users(entries);
    thrust::gather(order.begin(), order.end(), d_users.begin(), sorted_users.begin());
    thrust::stable_sort_by_key(sorted_users.begin(), sorted_users.end(), order.begin());

    detail::DeviceVector<std::uint8_t> is_test(entries);
    thrust::for_each(begin, begin + entries,
                     MarkTest{detail::raw(sorted_users), detail::raw(order), detail::raw(d_offsets),
                              detail::raw(d_counts), detail::raw(is_test)});
    const std::vector<std::uint8_t> host_is_test = detail::to_host(is_test);
    return Split{select_entries(interactions, host_is_test, 0),
                 select_entries(interactions, host_is_test, 1)};
  });
}

Result<std::vector<std::int64_t>> entry_timestamps(const SparseMatrix& matrix,
                                                   std::span<const std::uint32_t> rows,
                                                   std::span<const std::uint32_t> columns,
                                                   std::span<const std::int64_t> timestamps) {
  if (rows.size() != columns.size() || rows.size() != timestamps.size()) {
    return invalid_argument("entry timestamps: rows, columns and timestamps differ in length");
  }
  std::vector<std::int64_t> out(matrix.entry_count(), std::numeric_limits<std::int64_t>::min());
  for (std::size_t t = 0; t < rows.size(); ++t) {
    if (rows[t] >= matrix.row_count()) {
      return invalid_argument("entry timestamps: triple " + std::to_string(t) + " is no entry");
    }
    auto first = matrix.columns().begin() + static_cast<std::ptrdiff_t>(matrix.offsets()[rows[t]]);
    auto last =
        matrix.columns().begin() + static_cast<std::ptrdiff_t>(matrix.offsets()[rows[t] + 1]);
    auto it = std::lower_bound(first, last, columns[t]);
    if (it == last || *it != columns[t]) {
      return invalid_argument("entry timestamps: triple " + std::to_string(t) + " is no entry");
    }
    std::int64_t& slot = out[static_cast<std::size_t>(it - matrix.columns().begin())];
    slot = std::max(slot, timestamps[t]);
  }
  return out;
}

Status write_split_csv(const Split& split, const std::string& path,
                       std::span<const std::int64_t> user_ids,
                       std::span<const std::int64_t> item_ids) {
  const SparseMatrix& train = split.train;
  const SparseMatrix& test = split.test;
  if ((!user_ids.empty() && user_ids.size() != train.row_count()) ||
      (!item_ids.empty() && item_ids.size() != train.column_count())) {
    return invalid_argument("split export: one id per user and per item, or none");
  }
  std::ofstream out(path, std::ios::trunc);
  if (!out) {
    return Error{ErrorCode::kInternal, "split export: cannot open " + path};
  }

  out << "user,item,set\n";
  for (std::uint64_t u = 0; u < train.row_count(); ++u) {
    const std::int64_t user = user_ids.empty() ? static_cast<std::int64_t>(u) : user_ids[u];
    std::uint64_t a = train.offsets()[u];
    std::uint64_t b = test.offsets()[u];
    // Merge the two ascending rows so lines come out by item.
    while (a < train.offsets()[u + 1] || b < test.offsets()[u + 1]) {
      const bool from_train =
          b == test.offsets()[u + 1] ||
          (a < train.offsets()[u + 1] && train.columns()[a] < test.columns()[b]);
      const std::uint32_t item = from_train ? train.columns()[a++] : test.columns()[b++];
      out << user << ',' << (item_ids.empty() ? std::int64_t{item} : item_ids[item]) << ','
          << (from_train ? "train" : "test") << '\n';
    }
  }
  out.close();
  if (!out) {
    return Error{ErrorCode::kInternal, "split export: writing " + path + " failed"};
  }
  return Unit{};
}

}  // namespace quiver::gpu
