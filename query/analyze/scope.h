#pragma once

// Variables visible at one point of a query, with what the analyzer knows about their values.
// Internal to the analyze stage.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/analyze/analyzer.h"

namespace quiver::query::analyze_detail {

// Static type of an expression, as far as the text tells: literals and graph variables have a
// known type, most other expressions are kAny.
enum class TypeKind {
  kAny,
  kNull,
  kBoolean,
  kInteger,
  kFloat,
  kString,
  kList,
  kMap,
  kNode,
  kRelationship,
  kPath,
};

struct StaticType {
  TypeKind kind = TypeKind::kAny;
  TypeKind element = TypeKind::kAny;  // for kList: the element type when all elements agree
};

// True when a value of this type can be used where a boolean is needed.
bool may_be_boolean(const StaticType& type);

// True when the type can be indexed by property key (maps, nodes, relationships, temporal values).
bool may_have_properties(const StaticType& type);

struct VariableInfo {
  VariableKind kind = VariableKind::kValue;
  StaticType type;
};

// An ordered set of variables. Copyable: nested scopes (comprehensions, subqueries) start as a
// copy of their outer scope.
class Scope {
 public:
  const VariableInfo* find(const std::string& name) const;
  bool contains(const std::string& name) const { return find(name) != nullptr; }

  // Adds or replaces a variable; a new name goes last in the order.
  void bind(const std::string& name, VariableInfo info);

  const std::vector<std::string>& names() const { return order_; }
  bool empty() const { return order_.empty(); }
  std::vector<ScopedVariable> list() const;

 private:
  std::vector<std::string> order_;
  std::unordered_map<std::string, VariableInfo> variables_;
};

// The static type that a variable of the given kind holds.
StaticType type_of_kind(VariableKind kind);

}  // namespace quiver::query::analyze_detail
