#pragma once

// Sparse rows x columns matrices with positive weights: the user -> item interaction matrix that
// the recommenders learn from, and the item -> topic links of a knowledge graph.

#include <cstdint>
#include <span>
#include <vector>

#include "gpu/result.h"

namespace quiver::gpu {

// Dense user index in [0, user_count).
using UserIndex = std::uint32_t;

// Dense item index in [0, item_count).
using ItemIndex = std::uint32_t;

// Dense topic index in [0, topic_count).
using TopicIndex = std::uint32_t;

// An immutable, validated sparse matrix in compressed sparse row form, held in host memory. The
// entries of row r are columns[offsets[r] .. offsets[r+1]) in strictly ascending order, with
// values at the same positions. Every value is finite and positive: a rating, a count or a link
// strength. Thread-safe for concurrent readers; owns its arrays.
class SparseMatrix {
 public:
  // An empty 0 x 0 matrix.
  SparseMatrix() : offsets_{0} {}

  // Validates and takes ownership of the arrays. Requirements: offsets has rows + 1 entries,
  // starts at 0, never decreases and ends at columns.size(); columns within a row strictly
  // ascend and stay below column_count; values has one finite positive value per entry; both
  // dimensions are below 2^32 - 1. Returns InvalidArgument naming the first broken requirement.
  static Result<SparseMatrix> create(std::uint64_t column_count, std::vector<std::uint64_t> offsets,
                                     std::vector<std::uint32_t> columns, std::vector<float> values);

  // Builds a matrix from (rows[i], columns[i], values[i]) triples in any order; repeated
  // (row, column) pairs are summed into one entry. Empty values means 1 for every triple.
  // Same errors as create, plus InvalidArgument when the lists differ in length or an index is
  // out of range.
  static Result<SparseMatrix> from_triples(std::uint64_t row_count, std::uint64_t column_count,
                                           std::span<const std::uint32_t> rows,
                                           std::span<const std::uint32_t> columns,
                                           std::span<const float> values = {});

  // Number of rows.
  std::uint64_t row_count() const { return offsets_.size() - 1; }

  // Number of columns.
  std::uint64_t column_count() const { return column_count_; }

  // Number of stored entries.
  std::uint64_t entry_count() const { return columns_.size(); }

  // The row_count + 1 row offsets.
  std::span<const std::uint64_t> offsets() const { return offsets_; }

  // The column of every entry.
  std::span<const std::uint32_t> columns() const { return columns_; }

  // The value of every entry.
  std::span<const float> values() const { return values_; }

  // Entries in ROW; precondition row < row_count().
  std::uint64_t row_size(std::uint64_t row) const { return offsets_[row + 1] - offsets_[row]; }

  // Value at (ROW, COLUMN), 0 when no entry is stored; precondition row < row_count().
  float at(std::uint64_t row, std::uint32_t column) const;

  // The transposed matrix (columns become rows). Never fails on a valid matrix.
  SparseMatrix transposed() const;

  // The same pattern with every value replaced by 1.
  SparseMatrix binarised() const;

 private:
  SparseMatrix(std::uint64_t column_count, std::vector<std::uint64_t> offsets,
               std::vector<std::uint32_t> columns, std::vector<float> values)
      : column_count_(column_count),
        offsets_(std::move(offsets)),
        columns_(std::move(columns)),
        values_(std::move(values)) {}

  std::uint64_t column_count_ = 0;
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> columns_;
  std::vector<float> values_;
};

// Topic weights a user's behaviour points to, for every user: row u holds the topics of the
// items u interacted with, each interaction's weight spread evenly over its item's topic links
// in proportion to the link values, and the row scaled to sum to 1 (rows of users without any
// linked item stay empty). interactions is users x items, item_topics items x topics. Errors:
// InvalidArgument when item_topics has a row count other than interactions' column count,
// OutOfMemory, BackendUnavailable. Deterministic; thread-safe.
Result<SparseMatrix> user_profiles(const SparseMatrix& interactions,
                                   const SparseMatrix& item_topics);

}  // namespace quiver::gpu
