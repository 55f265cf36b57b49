#include "quiver/literal.h"

#include <variant>

#include "database_impl.h"
#include "query/errors.h"
#include "query/parse/parser.h"

namespace quiver {

namespace {

// Whether STATEMENT is `RETURN <one expression> AS value` and nothing else.
bool is_single_value(const query::ast::Statement& statement) {
  const auto* q = std::get_if<query::ast::Query>(&statement.node);
  if (!q || statement.explain != query::ast::ExplainMode::kNone || q->parts.size() != 1 ||
      q->parts[0].clauses.size() != 1) {
    return false;
  }
  const auto* ret = std::get_if<query::ast::Return>(&q->parts[0].clauses[0].node);
  if (!ret)
    return false;
  const query::ast::Projection& p = ret->projection;
  return !p.distinct && !p.star && p.order_by.empty() && !p.skip && !p.limit &&
         p.items.size() == 1 && p.items[0].alias && *p.items[0].alias == "value";
}

}  // namespace

Outcome<std::string> parameter_value_query(std::string_view text) {
  std::string query = "RETURN " + std::string(text) + " AS value";
  try {
    if (is_single_value(query::parse(query)))
      return query;
  } catch (const query::QueryError& e) {
    return to_error(e);
  }
  return Error("SyntaxError", "NotAnExpression", "compile time",
               "a parameter value must be one expression, not '" + std::string(text) + "'");
}

}  // namespace quiver
