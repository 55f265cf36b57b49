#pragma once

// A small evaluator for the part of Cypher the TCK temporal features use: temporal function
// calls, map and scalar literals, property access, + - * /, comparisons, toString, and queries
// made of MATCH over single-node patterns, WITH and RETURN against nodes created by
// `CREATE (:Label {key: expr})`. It lets the value library run those scenarios before the query
// engine exists; it is test code, not a Cypher implementation.

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "storage/temporal/values.h"

namespace quiver::temporal::tck {

struct Null {};
struct Value;
using Map = std::vector<std::pair<std::string, Value>>;

// A Cypher value of the subset.
struct Value {
  std::variant<Null, bool, int64_t, double, std::string, TemporalValue, Map> v;
};

// Renders a value as the TCK writes expected cells: 'text', 12, 1.5, true, null.
std::string cell_text(const Value& value);

// Nodes created by setup statements, by label; each node is its property map.
using Graph = std::map<std::string, std::vector<Map>>;

// Runs one `CREATE (:Label {key: expr})` statement (several CREATE clauses allowed) into `graph`.
// Returns false for any other statement.
bool run_setup(const std::string& statement, Graph& graph);

// Runs a query and returns its single result row as cells, or nullopt when the query is outside
// the subset. Evaluation errors become the cell "error:<Code>".
std::optional<std::vector<std::string>> run_query(const std::string& query, const Graph& graph);

}  // namespace quiver::temporal::tck
