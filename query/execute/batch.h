#pragma once

// Batches: the unit operators pass to each other. A batch holds up to kBatchSize rows column by
// column; a Schema names the columns.

#include <cstddef>
#include <string>
#include <vector>

#include "query/execute/value.h"

namespace quiver::query {

// Rows per batch: large enough that per-batch overheads (virtual calls, cursor calls) vanish,
// small enough that a batch of a few columns stays in cache.
inline constexpr size_t kBatchSize = 1024;

// Column names of a batch. A name may appear twice after a WITH rebinds it; lookups take the
// last one, which is the newer binding.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<std::string> names) : names_(std::move(names)) {}

  // Index of the column NAME, or -1.
  int find(const std::string& name) const {
    for (size_t i = names_.size(); i-- > 0;) {
      if (names_[i] == name)
        return static_cast<int>(i);
    }
    return -1;
  }

  // Appends NAME and returns its index.
  size_t add(std::string name) {
    names_.push_back(std::move(name));
    return names_.size() - 1;
  }

  size_t size() const noexcept { return names_.size(); }
  const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<std::string> names_;
};

// Rows held column by column: columns[c][r]. Every column has `size` entries.
struct Batch {
  std::vector<std::vector<Value>> columns;
  size_t size = 0;

  // Empties the batch and gives it WIDTH empty columns.
  void reset(size_t width) {
    columns.assign(width, {});
    for (auto& c : columns)
      c.reserve(kBatchSize);
    size = 0;
  }

  // Appends one row; ROW.size() must equal the number of columns.
  void append(const std::vector<Value>& row) {
    for (size_t c = 0; c < columns.size(); ++c)
      columns[c].push_back(row[c]);
    ++size;
  }

  // Copies row R out.
  std::vector<Value> row(size_t r) const {
    std::vector<Value> out;
    out.reserve(columns.size());
    for (const auto& c : columns)
      out.push_back(c[r]);
    return out;
  }

  bool full() const noexcept { return size >= kBatchSize; }
};

// A reference to one row of a batch, for expression evaluation.
struct RowRef {
  const Batch* batch = nullptr;
  size_t index = 0;

  const Value& at(size_t column) const { return batch->columns[column][index]; }
};

}  // namespace quiver::query
