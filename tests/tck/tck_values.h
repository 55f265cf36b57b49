#pragma once

// The TCK's expected-value syntax (tck/README.adoc, "Format of the expected results") read into
// quiver::Value, written back for messages, and compared with actual query results the way the
// TCK compares them.

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "quiver/value.h"

namespace quiver::tck {

// Thrown by parse_value for text that is not one TCK value.
class ValueSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads one value: null, true, false, integers, floats (decimal, scientific, NaN, Inf, -Inf),
// single-quoted strings with backslash escapes, lists, maps, nodes `(:L {k: v})`,
// relationships `[:T {k: v}]` and paths `<(:A)-[:T]->(:B)>`. Nodes and relationships get ids
// that only encode their place in a path: a path's nodes are numbered 0, 1, ... and each
// relationship's start and end name the nodes it joins in the direction written. Throws
// ValueSyntaxError (with the offending position) for anything else, including trailing text.
Value parse_value(std::string_view text);

// Writes VALUE in the TCK's syntax (ids left out, map keys and labels in stored order). Kinds the
// TCK syntax does not know (temporal values) are written by RENDER_OTHER when given, else as
// "<kind>". Never fails.
std::string render_value(const Value& value,
                         const std::function<std::string(const Value&)>& render_other = {});

// How values are compared.
struct MatchOptions {
  // Lists compare as multisets, at every depth ("ignoring element order for lists").
  bool unordered_lists = false;

  // Writes an actual value of a kind the TCK syntax has no form for (temporal values), to be
  // compared with an expected string. Without it such values match nothing.
  std::function<std::string(const Value&)> render_other;
};

// True when ACTUAL (a query result) is the value EXPECTED (parsed by parse_value) stands for:
// same kind (an integer never equals a float); floats equal to within a few units in the last
// place, NaN matching NaN; strings byte for byte; lists element by element (or as multisets);
// maps key by key; nodes by label set and properties; relationships by type and properties;
// paths node by node and relationship by relationship, directions included. Ids never count.
bool values_match(const Value& expected, const Value& actual, const MatchOptions& options);

}  // namespace quiver::tck
