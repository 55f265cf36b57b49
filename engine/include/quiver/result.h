#pragma once

// Query results: the rows a statement returned, column by column names, and its Summary.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/value.h"

namespace quiver {

// What a statement changed. All zero for a read-only statement.
struct Counters {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t indexes_added = 0;
  int64_t indexes_removed = 0;
  int64_t constraints_added = 0;
  int64_t constraints_removed = 0;

  // True when any counter is non-zero.
  bool contains_updates() const noexcept;

  friend bool operator==(const Counters&, const Counters&) = default;
};

// Time and rows of one operator in a profiled plan.
struct OperatorProfile {
  std::string name;  // operator name as in the plan text, e.g. "Expand(a)-[:KNOWS]->(b)"
  int depth = 0;     // nesting depth in the plan tree (0 = root)
  int64_t rows = 0;  // rows the operator produced
  std::chrono::microseconds time{0};  // time spent in it, children excluded
};

// What a statement did, besides its rows.
struct Summary {
  Counters counters;

  // Time to parse and analyse (zero on a plan-cache hit), to plan, and to execute (including
  // materialising the rows).
  std::chrono::microseconds parse_time{0};
  std::chrono::microseconds plan_time{0};
  std::chrono::microseconds execute_time{0};

  // True when the plan came from the plan cache (same query text as an earlier statement).
  bool plan_cached = false;

  // The plan as indented text, for EXPLAIN and PROFILE statements; empty otherwise.
  std::string plan;

  // One entry per operator, for PROFILE statements only.
  std::vector<OperatorProfile> profile;
};

// One row of a Result: values in column order. Cheap to copy (shares the result's storage).
class Record {
 public:
  Record(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  // Number of values (== number of columns).
  size_t size() const noexcept { return values_.size(); }

  // The value at column I. Precondition: I < size().
  const Value& operator[](size_t i) const { return values_[i]; }

  // The value of the column named NAME. Throws quiver::Error (category "ArgumentError") when no
  // column has that name.
  const Value& get(std::string_view name) const;

  const std::vector<Value>& values() const noexcept { return values_; }
  const std::vector<std::string>& columns() const noexcept { return *columns_; }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

// The complete outcome of one statement: column names, every row (materialised when the
// statement ran, so reading a Result never touches the database and never fails) and the
// summary. Immutable; safe to read from any number of threads; outlives the Session and
// Transaction that produced it.
class Result {
 public:
  Result() : columns_(std::make_shared<std::vector<std::string>>()) {}
  Result(std::vector<std::string> columns, std::vector<Record> rows, Summary summary)
      : columns_(std::make_shared<const std::vector<std::string>>(std::move(columns))),
        rows_(std::move(rows)),
        summary_(std::move(summary)) {}

  // Column names in order (RETURN items, aliases applied). Empty for statements without RETURN.
  const std::vector<std::string>& columns() const noexcept { return *columns_; }

  // Rows in the order the statement produced them (meaningful only with ORDER BY).
  const std::vector<Record>& rows() const noexcept { return rows_; }
  size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }
  const Record& operator[](size_t i) const { return rows_[i]; }
  std::vector<Record>::const_iterator begin() const noexcept { return rows_.begin(); }
  std::vector<Record>::const_iterator end() const noexcept { return rows_.end(); }

  const Summary& summary() const noexcept { return summary_; }

  // Shared column names, for building Records.
  const std::shared_ptr<const std::vector<std::string>>& shared_columns() const { return columns_; }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Record> rows_;
  Summary summary_;
};

}  // namespace quiver
