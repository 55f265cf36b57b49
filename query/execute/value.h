#pragma once

// The runtime value of the query layer. Nodes and relationships are references (ids) into the
// transaction's snapshot: their labels and properties are read on demand, so a value stays small
// and copying a column of them is cheap.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "storage/temporal/values.h"

namespace quiver::query {

class Value;

using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;

// A node of the current transaction, by id.
struct NodeRef {
  uint64_t id = 0;
  friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// A relationship of the current transaction with its type id and end points (kept with the id
// because startNode/endNode/type and path building need them without a store read).
struct RelRef {
  uint64_t id = 0;
  uint32_t type = 0;
  uint64_t start = 0;
  uint64_t end = 0;
  friend bool operator==(const RelRef& a, const RelRef& b) { return a.id == b.id; }
};

// A path: nodes.size() == rels.size() + 1.
struct PathValue {
  std::vector<uint64_t> nodes;
  std::vector<RelRef> rels;
  friend bool operator==(const PathValue&, const PathValue&) = default;
};

// Kinds, in the index order of Value::Variant.
enum class Kind : uint8_t {
  kNull,
  kBool,
  kInt,
  kDouble,
  kString,
  kList,
  kMap,
  kNode,
  kRelationship,
  kPath,
  kFloatVector,
  kTemporal,  // a date, time, datetime or duration (storage/temporal/values.h)
};

// A temporal value of the runtime: one of the six Cypher temporal types.
using TemporalValue = temporal::TemporalValue;

// A Cypher value. Regular value type; no shared state; not synchronised.
class Value {
 public:
  using Variant =
      std::variant<std::monostate, bool, int64_t, double, std::string, ValueList, ValueMap, NodeRef,
                   RelRef, PathValue, std::vector<float>, TemporalValue>;

  Value() = default;
  Value(std::nullptr_t) {}                           // NOLINT
  Value(bool v) : v_(v) {}                           // NOLINT
  Value(int v) : v_(int64_t{v}) {}                   // NOLINT
  Value(int64_t v) : v_(v) {}                        // NOLINT
  Value(double v) : v_(v) {}                         // NOLINT
  Value(const char* v) : v_(std::string(v)) {}       // NOLINT
  Value(std::string v) : v_(std::move(v)) {}         // NOLINT
  Value(ValueList v) : v_(std::move(v)) {}           // NOLINT
  Value(ValueMap v) : v_(std::move(v)) {}            // NOLINT
  Value(NodeRef v) : v_(v) {}                        // NOLINT
  Value(RelRef v) : v_(v) {}                         // NOLINT
  Value(PathValue v) : v_(std::move(v)) {}           // NOLINT
  Value(std::vector<float> v) : v_(std::move(v)) {}  // NOLINT
  Value(TemporalValue v) : v_(std::move(v)) {}       // NOLINT

  Kind kind() const noexcept { return static_cast<Kind>(v_.index()); }
  bool is_null() const noexcept { return v_.index() == 0; }
  bool is_bool() const noexcept { return kind() == Kind::kBool; }
  bool is_int() const noexcept { return kind() == Kind::kInt; }
  bool is_double() const noexcept { return kind() == Kind::kDouble; }
  bool is_number() const noexcept { return is_int() || is_double(); }
  bool is_string() const noexcept { return kind() == Kind::kString; }
  bool is_list() const noexcept { return kind() == Kind::kList; }
  bool is_map() const noexcept { return kind() == Kind::kMap; }
  bool is_node() const noexcept { return kind() == Kind::kNode; }
  bool is_rel() const noexcept { return kind() == Kind::kRelationship; }
  bool is_path() const noexcept { return kind() == Kind::kPath; }
  bool is_float_vector() const noexcept { return kind() == Kind::kFloatVector; }
  bool is_temporal() const noexcept { return kind() == Kind::kTemporal; }

  // Accessors; precondition: the matching is_*() holds.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  // An integer or float as double; precondition is_number().
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_double(); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const ValueList& as_list() const { return std::get<ValueList>(v_); }
  ValueList& as_list() { return std::get<ValueList>(v_); }
  const ValueMap& as_map() const { return std::get<ValueMap>(v_); }
  ValueMap& as_map() { return std::get<ValueMap>(v_); }
  NodeRef as_node() const { return std::get<NodeRef>(v_); }
  const RelRef& as_rel() const { return std::get<RelRef>(v_); }
  const PathValue& as_path() const { return std::get<PathValue>(v_); }
  const std::vector<float>& as_float_vector() const { return std::get<std::vector<float>>(v_); }
  const TemporalValue& as_temporal() const { return std::get<TemporalValue>(v_); }

  const Variant& variant() const noexcept { return v_; }

  // Structural identity (used by tests and caches, not by Cypher's `=`).
  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  Variant v_;
};

// The TCK type name of a kind: "NULL", "BOOLEAN", "INTEGER", "FLOAT", "STRING", "LIST", "MAP",
// "NODE", "RELATIONSHIP", "PATH", "VECTOR", "TEMPORAL".
const char* kind_name(Kind kind) noexcept;

// The Cypher type name of a value: kind_name() of its kind, except that temporal values name
// their own type ("DATE", "LOCAL TIME", "ZONED TIME", "LOCAL DATETIME", "ZONED DATETIME",
// "DURATION"). Never fails.
const char* type_name(const Value& value) noexcept;

// Three-valued truth.
enum class Tri : uint8_t { kFalse, kTrue, kNull };

// Cypher `=`: null when either side is or contains a null that decides the outcome; 1 = 1.0;
// NaN is equal to nothing. Lists and maps compare element-wise.
Tri cypher_equals(const Value& a, const Value& b);

// Cypher `<` family: the sign of a compared to b for comparable values (numbers with numbers,
// strings, booleans, lists element-wise, temporal values of one type other than durations), or
// kIncomparable when the comparison yields null (different kinds, nulls, NaN, maps, nodes...).
inline constexpr int kIncomparable = 2;
int cypher_compare(const Value& a, const Value& b);

// The global sort order used by ORDER BY, DISTINCT and grouping (total over all values): maps,
// nodes, relationships, lists, paths, datetimes, local datetimes, dates, times, local times,
// durations, strings, booleans, numbers (NaN last among them), null.
// Returns <0, 0 or >0. Two values order equal exactly when they are equivalent for grouping.
int order_compare(const Value& a, const Value& b);

// A hash consistent with order_compare() == 0 (an integer and the equal float hash alike).
size_t value_hash(const Value& v);

// Hash and equality functors for containers keyed by rows of values.
struct RowHash {
  size_t operator()(const std::vector<Value>& row) const;
};
struct RowEquivalent {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

// Rough heap footprint of a value in bytes, for the per-query memory bound.
size_t approximate_size(const Value& v);

}  // namespace quiver::query
