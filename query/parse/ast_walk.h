#pragma once

// Walking an expression tree: the direct operands of an expression, for analyses and rewrites
// that recurse over every kind of node the same way.

#include <type_traits>
#include <variant>

#include "query/parse/ast.h"

namespace quiver::query::ast {

// Calls F on every direct operand of E that is present, in source order. E may be const (F takes
// `const Expression&`) or not (F takes `Expression&` and may rewrite the operand in place). For
// comprehensions, quantifiers and reduce only the parts evaluated once per row are operands (the
// source list, and reduce's initial value): their inner parts see a variable of their own.
// Patterns, subqueries and map projections' implicit items are not walked.
template <typename E, typename F>
void for_each_operand(E& e, F&& f) {
  static_assert(std::is_same_v<std::remove_const_t<E>, Expression>);
  auto visit = [&f](auto& child) {
    if (child) {
      f(*child);
    }
  };
  std::visit(
      [&](auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ListLiteral>) {
          for (auto& item : n.items) {
            visit(item);
          }
        } else if constexpr (std::is_same_v<T, MapLiteral>) {
          for (auto& entry : n.entries) {
            visit(entry.second);
          }
        } else if constexpr (std::is_same_v<T, PropertyAccess> || std::is_same_v<T, LabelCheck>) {
          visit(n.subject);
        } else if constexpr (std::is_same_v<T, Subscript>) {
          visit(n.subject);
          visit(n.index);
        } else if constexpr (std::is_same_v<T, Slice>) {
          visit(n.subject);
          visit(n.from);
          visit(n.to);
        } else if constexpr (std::is_same_v<T, Unary> || std::is_same_v<T, IsNull>) {
          visit(n.operand);
        } else if constexpr (std::is_same_v<T, Binary>) {
          visit(n.lhs);
          visit(n.rhs);
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          for (auto& arg : n.args) {
            visit(arg);
          }
        } else if constexpr (std::is_same_v<T, CaseExpr>) {
          visit(n.subject);
          for (auto& alt : n.alternatives) {
            visit(alt.when);
            visit(alt.then);
          }
          visit(n.otherwise);
        } else if constexpr (std::is_same_v<T, ListComprehension> ||
                             std::is_same_v<T, Quantifier>) {
          visit(n.source);
        } else if constexpr (std::is_same_v<T, Reduce>) {
          visit(n.init);
          visit(n.source);
        } else if constexpr (std::is_same_v<T, MapProjection>) {
          for (auto& item : n.items) {
            visit(item.value);
          }
        }
      },
      e.node);
}

}  // namespace quiver::query::ast
