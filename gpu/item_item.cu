// Sparse item-item matrices shared by the neighbourhood and graph-walk recommenders: the pruned
// product that builds them, scoring users from them, and explanations read off them. A batch of
// rows of the product is accumulated into dense scratch rows, one row per thread, so no two
// threads ever write the same cell.

#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <algorithm>

#include "gpu/detail/recommend_model.cuh"

namespace quiver::gpu::detail {
namespace {

// acc(r, i) = sum over m of A(first + r, m) B(m, i).
struct AccumulateProduct {
  SparseView a;
  SparseView b;
  std::uint64_t first;
  std::uint64_t cols;
  float* acc;

  QUIVER_HD void operator()(std::uint64_t r) const {
    float* row = acc + r * cols;
    const std::uint64_t j = first + r;
    for (std::uint64_t e = a.offsets[j]; e < a.offsets[j + 1]; ++e) {
      const float w = a.values[e];
      const std::uint32_t m = a.columns[e];
      for (std::uint64_t f = b.offsets[m]; f < b.offsets[m + 1]; ++f) {
        row[b.columns[f]] += w * b.values[f];
      }
    }
  }
};

// Keeps the best k scaled cells of scratch row r, best first, ties by ascending column.
struct TopKCells {
  const float* acc;
  const float* row_scale;
  const float* col_scale;
  float shrink;
  std::uint64_t first;
  std::uint64_t cols;
  std::uint32_t k;
  std::uint32_t* top_cols;
  float* top_vals;
  std::uint32_t* counts;

  QUIVER_HD void operator()(std::uint64_t r) const {
    const float* row = acc + r * cols;
    const std::uint64_t j = first + r;
    std::uint32_t* out_cols = top_cols + r * k;
    float* out_vals = top_vals + r * k;
    std::uint32_t count = 0;
    for (std::uint64_t i = 0; i < cols; ++i) {
      if (i == j || !(row[i] > 0.0f)) {
        continue;
      }
      const float s = row[i] / (row_scale[j] * col_scale[i] + shrink);
      if (!(s > 0.0f) || (count == k && !(s > out_vals[k - 1]))) {
        continue;
      }
      std::uint32_t slot = count < k ? count++ : k - 1;
      while (slot > 0 && s > out_vals[slot - 1]) {
        out_vals[slot] = out_vals[slot - 1];
        out_cols[slot] = out_cols[slot - 1];
        --slot;
      }
      out_vals[slot] = s;
      out_cols[slot] = static_cast<std::uint32_t>(i);
    }
    counts[r] = count;
  }
};

// out(r, i) = sum over entries (j, w) of START's row users[r] of w W(j, i).
struct ScoreFromItemItem {
  SparseView start;
  SparseView item_item;
  const UserIndex* users;
  std::uint64_t items;
  float* out;

  QUIVER_HD void operator()(std::uint64_t r) const {
    float* row = out + r * items;
    const UserIndex u = users[r];
    for (std::uint64_t e = start.offsets[u]; e < start.offsets[u + 1]; ++e) {
      const float w = start.values[e];
      const std::uint32_t j = start.columns[e];
      for (std::uint64_t f = item_item.offsets[j]; f < item_item.offsets[j + 1]; ++f) {
        row[item_item.columns[f]] += w * item_item.values[f];
      }
    }
  }
};

std::vector<Contribution> best_first(std::vector<Contribution> all, std::uint32_t count) {
  std::sort(all.begin(), all.end(), [](const Contribution& x, const Contribution& y) {
    return x.weight != y.weight ? x.weight > y.weight : x.index < y.index;
  });
  if (all.size() > count) {
    all.resize(count);
  }
  return all;
}

}  // namespace

HostSparse top_k_product(const DeviceSparse& a, const DeviceSparse& b,
                         const std::vector<float>& row_scale, const std::vector<float>& col_scale,
                         float shrink, std::uint32_t k, std::uint64_t max_batch_cells) {
  const std::uint64_t rows = a.rows;
  const std::uint64_t cols = b.cols;
  const std::uint64_t batch = std::min<std::uint64_t>(
      rows, std::max<std::uint64_t>(1, max_batch_cells / std::max<std::uint64_t>(cols, 1)));
  DeviceVector<float> acc(batch * cols);
  DeviceVector<float> device_row_scale = to_device(std::span<const float>(row_scale));
  DeviceVector<float> device_col_scale = to_device(std::span<const float>(col_scale));
  DeviceVector<std::uint32_t> top_cols(batch * k);
  DeviceVector<float> top_vals(batch * k);
  DeviceVector<std::uint32_t> counts(batch);

  HostSparse out;
  out.offsets.push_back(0);
  std::vector<std::uint32_t> host_cols(batch * k);
  std::vector<float> host_vals(batch * k);
  std::vector<std::uint32_t> host_counts(batch);
  for (std::uint64_t first = 0; first < rows; first += batch) {
    const std::uint64_t n = std::min(batch, rows - first);
    thrust::fill(acc.begin(), acc.begin() + static_cast<std::ptrdiff_t>(n * cols), 0.0f);
    auto begin = thrust::counting_iterator<std::uint64_t>(0);
    thrust::for_each(begin, begin + n, AccumulateProduct{view(a), view(b), first, cols, raw(acc)});
    thrust::for_each(begin, begin + n,
                     TopKCells{raw(acc), raw(device_row_scale), raw(device_col_scale), shrink,
                               first, cols, k, raw(top_cols), raw(top_vals), raw(counts)});

    copy_to_host(top_cols, n * k, host_cols.data());
    copy_to_host(top_vals, n * k, host_vals.data());
    copy_to_host(counts, n, host_counts.data());
    for (std::uint64_t r = 0; r < n; ++r) {
      out.columns.insert(out.columns.end(), host_cols.begin() + r * k,
                         host_cols.begin() + r * k + host_counts[r]);
      out.values.insert(out.values.end(), host_vals.begin() + r * k,
                        host_vals.begin() + r * k + host_counts[r]);
      out.offsets.push_back(out.columns.size());
    }
  }
  return out;
}

void score_item_item(const DeviceSparse& start, const DeviceSparse& item_item,
                     const DeviceVector<UserIndex>& users, std::uint64_t item_count,
                     DeviceVector<float>& out) {
  thrust::fill(out.begin(), out.end(), 0.0f);
  thrust::for_each(
      thrust::counting_iterator<std::uint64_t>(0),
      thrust::counting_iterator<std::uint64_t>(users.size()),
      ScoreFromItemItem{view(start), view(item_item), raw(users), item_count, raw(out)});
}

std::vector<Contribution> explain_item_item(const SparseMatrix& start, const HostSparse& item_item,
                                            UserIndex user, ItemIndex item, std::uint32_t count) {
  std::vector<Contribution> all;
  for (std::uint64_t e = start.offsets()[user]; e < start.offsets()[user + 1]; ++e) {
    const std::uint32_t j = start.columns()[e];
    for (std::uint64_t f = item_item.offsets[j]; f < item_item.offsets[j + 1]; ++f) {
      const float c = start.values()[e] * item_item.values[f];
      if (item_item.columns[f] == item && c > 0.0f) {
        all.push_back({j, c});
      }
    }
  }
  return best_first(std::move(all), count);
}

std::vector<Contribution> explain_topics(const SparseMatrix& profiles,
                                         const SparseMatrix& item_topics, UserIndex user,
                                         ItemIndex item, std::uint32_t count) {
  std::vector<Contribution> all;
  for (std::uint64_t e = item_topics.offsets()[item]; e < item_topics.offsets()[item + 1]; ++e) {
    const std::uint32_t t = item_topics.columns()[e];
    const float c = item_topics.values()[e] * profiles.at(user, t);
    if (c > 0.0f) {
      all.push_back({t, c});
    }
  }
  return best_first(std::move(all), count);
}

}  // namespace quiver::gpu::detail
