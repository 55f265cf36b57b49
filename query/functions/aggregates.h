#pragma once

// Aggregate functions: one Aggregator per group and aggregate call.

#include <memory>
#include <string_view>

#include "query/execute/context.h"
#include "query/execute/value.h"

namespace quiver::query {

// Accumulates the values of one group. Not thread-safe.
class Aggregator {
 public:
  virtual ~Aggregator() = default;

  // Adds one row's argument (and, for percentiles, the percentile argument). Throws
  // QueryError for values the function cannot take.
  virtual void add(ExecContext& ctx, const Value& value, const Value& extra) = 0;

  // The aggregate over everything added so far.
  virtual Value result() = 0;
};

// A new aggregator for the aggregate function NAME (any case; see is_aggregate_function). With
// DISTINCT, equal values (in the sense of grouping) are added once. NAME "count(*)" counts rows.
std::unique_ptr<Aggregator> make_aggregator(std::string_view name, bool distinct);

}  // namespace quiver::query
