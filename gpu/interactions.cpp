#include "gpu/interactions.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace quiver::gpu {
namespace {

constexpr std::uint64_t kMaxDimension = 0xFFFFFFFEull;

}  // namespace

Result<SparseMatrix> SparseMatrix::create(std::uint64_t column_count,
                                          std::vector<std::uint64_t> offsets,
                                          std::vector<std::uint32_t> columns,
                                          std::vector<float> values) {
  if (offsets.empty() || offsets.front() != 0) {
    return invalid_argument("sparse matrix offsets must hold row_count + 1 entries from 0");
  }
  if (offsets.size() - 1 > kMaxDimension || column_count > kMaxDimension) {
    return invalid_argument("sparse matrix dimensions must stay below 2^32 - 1");
  }
  if (offsets.back() != columns.size() || values.size() != columns.size()) {
    return invalid_argument("sparse matrix offsets end at " + std::to_string(offsets.back()) +
                            " for " + std::to_string(columns.size()) + " columns and " +
                            std::to_string(values.size()) + " values");
  }

  for (std::uint64_t r = 0; r + 1 < offsets.size(); ++r) {
    if (offsets[r + 1] < offsets[r]) {
      return invalid_argument("sparse matrix offsets decrease at row " + std::to_string(r));
    }
    for (std::uint64_t e = offsets[r]; e < offsets[r + 1]; ++e) {
      if (columns[e] >= column_count) {
        return invalid_argument("sparse matrix row " + std::to_string(r) + " has column " +
                                std::to_string(columns[e]) + " past the column count " +
                                std::to_string(column_count));
      }
      if (e > offsets[r] && columns[e] <= columns[e - 1]) {
        return invalid_argument("sparse matrix row " + std::to_string(r) +
                                " columns must strictly ascend");
      }
      if (!std::isfinite(values[e]) || !(values[e] > 0.0f)) {
        return invalid_argument("sparse matrix row " + std::to_string(r) +
                                " has a value that is not finite and positive");
      }
    }
  }
  return SparseMatrix(column_count, std::move(offsets), std::move(columns), std::move(values));
}

Result<SparseMatrix> SparseMatrix::from_triples(std::uint64_t row_count, std::uint64_t column_count,
                                                std::span<const std::uint32_t> rows,
                                                std::span<const std::uint32_t> columns,
                                                std::span<const float> values) {
  if (rows.size() != columns.size() || (!values.empty() && values.size() != rows.size())) {
    return invalid_argument("sparse matrix triples: rows, columns and values differ in length");
  }
  if (row_count > kMaxDimension) {
    return invalid_argument("sparse matrix dimensions must stay below 2^32 - 1");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] >= row_count || columns[i] >= column_count) {
      return invalid_argument("sparse matrix triple " + std::to_string(i) + " is out of range");
    }
  }

  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rows[a] != rows[b] ? rows[a] < rows[b] : columns[a] < columns[b];
  });

  // Repeated pairs are adjacent after the sort and sum into the entry before them.
  std::vector<std::uint64_t> offsets(row_count + 1, 0);
  std::vector<std::uint32_t> out_columns;
  std::vector<float> out_values;
  std::uint64_t last_row = ~std::uint64_t{0};
  for (std::size_t i : order) {
    const float v = values.empty() ? 1.0f : values[i];
    if (!out_columns.empty() && last_row == rows[i] && out_columns.back() == columns[i]) {
      out_values.back() += v;
      continue;
    }
    out_columns.push_back(columns[i]);
    out_values.push_back(v);
    offsets[rows[i] + 1] += 1;
    last_row = rows[i];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  return create(column_count, std::move(offsets), std::move(out_columns), std::move(out_values));
}

float SparseMatrix::at(std::uint64_t row, std::uint32_t column) const {
  auto begin = columns_.begin() + static_cast<std::ptrdiff_t>(offsets_[row]);
  auto end = columns_.begin() + static_cast<std::ptrdiff_t>(offsets_[row + 1]);
  auto it = std::lower_bound(begin, end, column);
  return it != end && *it == column ? values_[static_cast<std::size_t>(it - columns_.begin())]
                                    : 0.0f;
}

SparseMatrix SparseMatrix::transposed() const {
  std::vector<std::uint64_t> offsets(column_count_ + 1, 0);
  for (std::uint32_t c : columns_) {
    offsets[c + 1] += 1;
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());

  // Rows are visited in ascending order, so each transposed row fills in ascending column order.
  std::vector<std::uint64_t> next(offsets.begin(), offsets.end() - 1);
  std::vector<std::uint32_t> columns(columns_.size());
  std::vector<float> values(values_.size());
  for (std::uint64_t r = 0; r < row_count(); ++r) {
    for (std::uint64_t e = offsets_[r]; e < offsets_[r + 1]; ++e) {
      const std::uint64_t slot = next[columns_[e]]++;
      columns[slot] = static_cast<std::uint32_t>(r);
      values[slot] = values_[e];
    }
  }
  return SparseMatrix(row_count(), std::move(offsets), std::move(columns), std::move(values));
}

SparseMatrix SparseMatrix::binarised() const {
  return SparseMatrix(column_count_, offsets_, columns_, std::vector<float>(values_.size(), 1.0f));
}

}  // namespace quiver::gpu
