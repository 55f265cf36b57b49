#include <string>

#include "query/functions/functions.h"
#include "query/plan/planner.h"

namespace quiver::query {

std::string expression_key(const ast::Expression& expr) {
  return std::visit(
      [&](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Variable>) {
          return "v:" + n.name;
        } else if constexpr (std::is_same_v<T, ast::PropertyAccess>) {
          std::string s = expression_key(*n.subject);
          return s.empty() ? s : s + "." + n.key;
        } else if constexpr (std::is_same_v<T, ast::CountStar>) {
          return "count(*)";
        } else if constexpr (std::is_same_v<T, ast::IntegerLiteral>) {
          return "i:" + std::to_string(n.value);
        } else if constexpr (std::is_same_v<T, ast::StringLiteral>) {
          return "s:" + n.value;
        } else if constexpr (std::is_same_v<T, ast::Parameter>) {
          return "$" + n.name;
        } else if constexpr (std::is_same_v<T, ast::FunctionCall>) {
          std::string s = "f:" + to_lower(n.name) + (n.distinct ? "(d:" : "(");
          for (const auto& a : n.args) {
            std::string k = expression_key(*a);
            if (k.empty())
              return "";
            s += k + ",";
          }
          return s + ")";
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          std::string l = expression_key(*n.lhs);
          std::string r = expression_key(*n.rhs);
          if (l.empty() || r.empty())
            return "";
          return "(" + l + " " + std::to_string(static_cast<int>(n.op)) + " " + r + ")";
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          std::string o = expression_key(*n.operand);
          return o.empty() ? o : "u" + std::to_string(static_cast<int>(n.op)) + o;
        } else {
          return "";
        }
      },
      expr.node);
}

}  // namespace quiver::query
