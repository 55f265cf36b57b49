#include <algorithm>

#include "query/analyze/analyzer_internal.h"

namespace quiver::query::analyze_detail {

using namespace ast;

namespace {

// True when a value of static type `type` may be passed where a procedure declares `declared`
// (TCK spelling, e.g. "INTEGER?").
bool accepts(std::string declared, const StaticType& type) {
  if (type.kind == TypeKind::kAny || type.kind == TypeKind::kNull) {
    return true;
  }
  if (!declared.empty() && declared.back() == '?') {
    declared.pop_back();
  }
  std::transform(declared.begin(), declared.end(), declared.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  TypeKind k = type.kind;
  if (declared == "INTEGER") {
    return k == TypeKind::kInteger;
  }
  if (declared == "FLOAT" || declared == "NUMBER") {
    return k == TypeKind::kInteger || k == TypeKind::kFloat;
  }
  if (declared == "STRING") {
    return k == TypeKind::kString;
  }
  if (declared == "BOOLEAN") {
    return k == TypeKind::kBoolean;
  }
  if (declared.rfind("LIST", 0) == 0) {
    return k == TypeKind::kList;
  }
  if (declared == "MAP") {
    return k == TypeKind::kMap || k == TypeKind::kNode || k == TypeKind::kRelationship;
  }
  if (declared == "NODE") {
    return k == TypeKind::kNode;
  }
  if (declared == "RELATIONSHIP") {
    return k == TypeKind::kRelationship;
  }
  if (declared == "PATH") {
    return k == TypeKind::kPath;
  }
  return true;
}

}  // namespace

}  // namespace quiver::query::analyze_detail

namespace quiver::query {

size_t required_inputs(const ProcedureSignature& signature) {
  size_t required = signature.inputs.size();
  while (required > 0 && signature.inputs[required - 1].optional) {
    --required;
  }
  return required;
}

}  // namespace quiver::query

namespace quiver::query::analyze_detail {

void Analyzer::projection(const Projection& p, const ExprPtr& where, bool is_with, SourcePos at,
                          Scope& scope, ClauseInfo& info) {
  const Scope incoming = scope;
  if (p.star && incoming.empty() && !is_with) {
    fail(at, "NoVariablesInScope", "'*' needs at least one variable in scope");
  }

  // Items, in the scope before the clause; aggregates are allowed at this level.
  std::vector<std::string> columns;
  if (p.star) {
    columns = incoming.names();
    std::sort(columns.begin(), columns.end());
    info.item_is_aggregate.assign(columns.size(), false);
  }
  std::vector<StaticType> types;
  std::set<std::string> item_names;
  for (const auto& item : p.items) {
    bool aggregate = false;
    ExprContext ctx;
    ctx.scope = &incoming;
    ctx.aggregates_allowed = true;
    ctx.found_aggregate = &aggregate;
    types.push_back(expr(*item.expression, ctx));
    const std::string& name = item.column_name();
    if (!item_names.insert(name).second) {
      fail(item.pos, "ColumnNameConflict", "column '" + name + "' is defined more than once");
    }
    columns.push_back(name);
    info.item_is_aggregate.push_back(aggregate);
  }
  bool aggregating = std::find(info.item_is_aggregate.begin(), info.item_is_aggregate.end(),
                               true) != info.item_is_aggregate.end();

  // Grouping keys: the items without aggregates (and, with '*', every variable in scope).
  std::vector<const Expression*> keys;
  std::set<std::string> key_variables;
  if (p.star) {
    key_variables.insert(incoming.names().begin(), incoming.names().end());
  }
  size_t first_item = p.star ? incoming.names().size() : 0;
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (info.item_is_aggregate[first_item + i]) {
      continue;
    }
    keys.push_back(p.items[i].expression.get());
    if (const auto* v = std::get_if<Variable>(&p.items[i].expression->node)) {
      key_variables.insert(v->name);
    }
  }
  if (aggregating) {
    for (size_t i = 0; i < p.items.size(); ++i) {
      if (info.item_is_aggregate[first_item + i]) {
        check_ambiguous_aggregation(*p.items[i].expression, keys, key_variables, false);
      }
    }
  }

  // The scope the clause hands on: '*' keeps everything, items add their columns.
  Scope out;
  if (p.star) {
    out = incoming;
  }
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& item = p.items[i];
    VariableInfo variable{VariableKind::kValue, types[i]};
    if (const auto* v = std::get_if<Variable>(&item.expression->node)) {
      variable = *incoming.find(v->name);
    }
    out.bind(item.column_name(), variable);
  }

  // ORDER BY sees the new columns, and the old variables too unless DISTINCT or aggregation
  // collapsed the rows.
  bool restricted = aggregating || p.distinct;
  Scope sort_scope = restricted ? out : incoming;
  if (!restricted) {
    for (const auto& name : out.names()) {
      sort_scope.bind(name, *out.find(name));
    }
  }
  std::vector<std::string> projected_texts;
  for (const auto& item : p.items) {
    projected_texts.push_back(canonical(*item.expression));
  }
  std::set<std::string> sort_keys = key_variables;
  sort_keys.insert(out.names().begin(), out.names().end());
  for (const auto& sort : p.order_by) {
    if (aggregating && contains_aggregate(*sort.expression)) {
      check_ambiguous_aggregation(*sort.expression, keys, sort_keys, true);
    }
    bool ignored = false;
    ExprContext ctx;
    ctx.scope = &sort_scope;
    ctx.aggregates_allowed = aggregating;
    ctx.found_aggregate = &ignored;
    ctx.projected_texts = restricted ? &projected_texts : nullptr;
    expr(*sort.expression, ctx);
  }
  skip_or_limit(p.skip);
  skip_or_limit(p.limit);

  // WHERE of a WITH sees what ORDER BY sees, without aggregates.
  if (where) {
    ExprContext ctx;
    ctx.scope = &sort_scope;
    ctx.predicate_position = true;
    ctx.projected_texts = restricted ? &projected_texts : nullptr;
    if (!may_be_boolean(expr(*where, ctx))) {
      fail(where->pos, "InvalidArgumentType", "a predicate must be a boolean expression");
    }
  }

  // Checked last: a missing alias matters less than a wrong aggregation in the same clause.
  for (const auto& item : p.items) {
    if (is_with && !item.alias && !std::holds_alternative<Variable>(item.expression->node)) {
      fail(item.pos, "NoExpressionAlias", "expressions in WITH need an alias ('AS name')");
    }
  }
  scope = out;
  info.columns = columns;
  info.scope_after = out.list();
}

void Analyzer::call(const ast::Call& c, SourcePos at, Scope& scope, ClauseInfo& info) {
  const ProcedureSignature* signature = nullptr;
  if (options_.find_procedure) {
    signature = options_.find_procedure(c.procedure);
    if (signature == nullptr) {
      fail(at, "ProcedureNotFound", "there is no procedure '" + c.procedure + "'",
           ErrorCategory::kProcedureError);
    }
  }
  if (c.yield_star && !c.standalone) {
    fail(at, "UnexpectedSyntax", "YIELD * is only allowed in a standalone procedure call");
  }

  ExprContext ctx;
  ctx.scope = &scope;
  if (c.args) {
    std::vector<StaticType> types;
    for (const auto& arg : *c.args) {
      types.push_back(expr(*arg, ctx));
    }
    if (signature != nullptr &&
        (types.size() > signature->inputs.size() || types.size() < required_inputs(*signature))) {
      fail(at, "InvalidNumberOfArguments",
           "procedure '" + c.procedure + "' takes " + std::to_string(signature->inputs.size()) +
               " arguments");
    }
    for (size_t i = 0; signature != nullptr && i < types.size(); ++i) {
      if (!accepts(signature->inputs[i].type, types[i])) {
        fail((*c.args)[i]->pos, "InvalidArgumentType",
             "argument '" + signature->inputs[i].name + "' must be " + signature->inputs[i].type);
      }
    }
  } else if (!c.standalone) {
    fail(at, "InvalidArgumentPassingMode",
         "a procedure call inside a query must pass its arguments in parentheses");
  } else if (signature != nullptr && options_.parameter_names) {
    for (const auto& input : signature->inputs) {
      if (options_.parameter_names->count(input.name) == 0) {
        fail(at, "MissingParameter", "parameter '" + input.name + "' is missing",
             ErrorCategory::kParameterMissing);
      }
    }
  }

  if (signature != nullptr && signature->writes) {
    updates = true;
  }

  // Yielded fields become variables; none may shadow one already bound.
  std::set<std::string> yielded;
  auto bind_output = [&](const std::string& name, SourcePos item_at) {
    if (scope.contains(name) || yielded.count(name) > 0) {
      fail(item_at, "VariableAlreadyBound", "variable '" + name + "' is already bound");
    }
    yielded.insert(name);
    scope.bind(name, {VariableKind::kValue, {}});
    info.columns.push_back(name);
  };
  if (c.yield_star || (!c.has_yield && c.standalone && signature != nullptr)) {
    for (const auto& output :
         signature != nullptr ? signature->outputs : std::vector<ProcedureField>{}) {
      info.columns.push_back(output.name);
    }
  } else {
    for (const auto& item : c.yield_items) {
      if (signature != nullptr &&
          std::none_of(signature->outputs.begin(), signature->outputs.end(),
                       [&](const ProcedureField& f) { return f.name == item.field; })) {
        fail(item.pos, "UndefinedVariable",
             "procedure '" + c.procedure + "' has no output '" + item.field + "'");
      }
      bind_output(item.output_name(), item.pos);
    }
  }
  predicate(c.where, scope);
}

}  // namespace quiver::query::analyze_detail
