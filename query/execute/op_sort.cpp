// ORDER BY with optional top-k.

#include <algorithm>

#include "query/execute/read_operators.h"

namespace quiver::query {

SortOp::SortOp(ExecContext& ctx, OperatorPtr child, std::vector<const ast::Expression*> keys,
               std::vector<bool> descending, std::optional<int64_t> top_k)
    : Operator(ctx, child->schema()),
      ctx_(ctx),
      keys_(std::move(keys)),
      descending_(std::move(descending)),
      top_k_(top_k),
      eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

std::string SortOp::describe() const {
  return top_k_ ? "Top(" + std::to_string(*top_k_) + ")" : std::string("Sort");
}

void SortOp::sort_all() {
  // Rows are stored with their sort keys appended, so comparisons never re-evaluate.
  size_t width = schema_.size();
  auto less = [&](const std::vector<Value>& a, const std::vector<Value>& b) {
    for (size_t k = 0; k < keys_.size(); ++k) {
      int c = order_compare(a[width + k], b[width + k]);
      if (c != 0)
        return descending_[k] ? c > 0 : c < 0;
    }
    return false;
  };
  Batch in;
  std::vector<std::vector<Value>> key_cols(keys_.size());
  size_t limit = top_k_ ? static_cast<size_t>(*top_k_) : SIZE_MAX;
  while (child_->pull(in)) {
    for (size_t k = 0; k < keys_.size(); ++k)
      eval_.eval_batch(*keys_[k], in, key_cols[k]);
    for (size_t r = 0; r < in.size; ++r) {
      std::vector<Value> row = in.row(r);
      for (size_t k = 0; k < keys_.size(); ++k)
        row.push_back(std::move(key_cols[k][r]));
      if (top_k_) {
        // A max-heap of the best rows: the worst kept row sits on top.
        if (rows_.size() < limit) {
          rows_.push_back(std::move(row));
          std::push_heap(rows_.begin(), rows_.end(), less);
        } else if (limit > 0 && less(row, rows_.front())) {
          std::pop_heap(rows_.begin(), rows_.end(), less);
          rows_.back() = std::move(row);
          std::push_heap(rows_.begin(), rows_.end(), less);
        }
        continue;
      }
      size_t bytes = 0;
      for (const Value& v : row)
        bytes += approximate_size(v);
      ctx_.charge(bytes);
      rows_.push_back(std::move(row));
    }
  }
  if (top_k_) {
    std::sort_heap(rows_.begin(), rows_.end(), less);
  } else {
    std::stable_sort(rows_.begin(), rows_.end(), less);
  }
}

bool SortOp::next(Batch& out) {
  if (!sorted_) {
    sort_all();
    sorted_ = true;
  }
  size_t width = schema_.size();
  while (emitted_ < rows_.size() && !out.full()) {
    std::vector<Value>& row = rows_[emitted_++];
    for (size_t c = 0; c < width; ++c)
      out.columns[c].push_back(std::move(row[c]));
    ++out.size;
  }
  return out.size > 0;
}

}  // namespace quiver::query
