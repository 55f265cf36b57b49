#pragma once

// Built-in scalar functions, looked up by name (case-insensitive), and the names of the
// aggregate functions (which the aggregation operator evaluates, see aggregates.h).

#include <string>
#include <string_view>
#include <vector>

#include "query/execute/context.h"
#include "query/execute/value.h"

namespace quiver::query {

// A scalar function: reads ARGS (already evaluated; the count checked against min/max), returns
// the result. Throws QueryError (TypeError, ArgumentError...) for bad arguments.
using ScalarFunction = Value (*)(ExecContext& ctx, std::vector<Value>& args);

struct FunctionInfo {
  ScalarFunction fn = nullptr;
  int min_args = 0;
  int max_args = 0;
};

// The function called NAME (any case, dotted names included), or nullptr. Thread-safe: the
// table is built once and then only read.
const FunctionInfo* find_builtin_function(std::string_view name);

// True for count, sum, avg, min, max, collect, stDev, stDevP, percentileCont, percentileDisc.
bool is_aggregate_function(std::string_view name);

// Table builders, one per family; each adds its functions under lower-case names.
struct FunctionTable;
void add_string_functions(FunctionTable& table);
void add_list_functions(FunctionTable& table);
void add_math_functions(FunctionTable& table);
void add_entity_functions(FunctionTable& table);
void add_conversion_functions(FunctionTable& table);
void add_temporal_functions(FunctionTable& table);

// Helpers shared by the families.
[[noreturn]] void argument_type_error(const char* function, const Value& got);

// Throws the TypeError the TCK expects when a function that accepts only certain kinds of
// value (labels(), type(), the to*() conversions) gets another kind at run time:
// InvalidArgumentValue.
[[noreturn]] void argument_value_error(const char* function, const Value& got);
std::string to_lower(std::string_view s);

// Throws the QueryError for a failed temporal operation (docs/temporal.md): ArgumentError
// NumberOutOfRange when the result leaves the supported range, ArgumentError
// InvalidArgumentValue for every other failure (bad text, out-of-range field, unknown zone...).
[[noreturn]] void temporal_error(const temporal::TemporalError& error);

}  // namespace quiver::query

namespace quiver::query {
// Number of Unicode code points in S (UTF-8).
int64_t code_point_count(const std::string& s);
}  // namespace quiver::query

namespace quiver::query {
// A float as Cypher prints it: 1.0, 0.1, 1.0E10-style exponents, NaN, Infinity.
std::string format_double(double d);
}  // namespace quiver::query
