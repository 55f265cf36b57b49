#include <algorithm>
#include <functional>

#include "query/analyze/analyzer_internal.h"
#include "query/analyze/function_signatures.h"
#include "query/parse/ast_printer.h"
#include "query/parse/ast_walk.h"

namespace quiver::query::analyze_detail {

using namespace ast;

namespace {

bool is_aggregate_call(const Expression& e) {
  if (std::holds_alternative<CountStar>(e.node)) {
    return true;
  }
  const auto* call = std::get_if<FunctionCall>(&e.node);
  if (call == nullptr) {
    return false;
  }
  const FunctionSignature* f = find_function(call->name);
  return f != nullptr && f->aggregate;
}

bool is_numeric(TypeKind k) {
  return k == TypeKind::kInteger || k == TypeKind::kFloat;
}

// Types no arithmetic operator accepts.
bool rejects_arithmetic(TypeKind k) {
  return k == TypeKind::kBoolean || k == TypeKind::kMap || k == TypeKind::kNode ||
         k == TypeKind::kRelationship || k == TypeKind::kPath;
}

StaticType arithmetic_result(BinaryOp op, StaticType lhs, StaticType rhs) {
  if (op == BinaryOp::kAdd) {
    if (lhs.kind == TypeKind::kString || rhs.kind == TypeKind::kString) {
      return {TypeKind::kString};
    }
    if (lhs.kind == TypeKind::kList || rhs.kind == TypeKind::kList) {
      return {TypeKind::kList};
    }
  }
  if (lhs.kind == TypeKind::kInteger && rhs.kind == TypeKind::kInteger) {
    return {TypeKind::kInteger};
  }
  if (is_numeric(lhs.kind) && is_numeric(rhs.kind)) {
    return {TypeKind::kFloat};
  }
  return {};
}

StaticType list_type(const std::vector<StaticType>& items) {
  StaticType out{TypeKind::kList, TypeKind::kAny};
  for (size_t i = 0; i < items.size(); ++i) {
    TypeKind k = items[i].kind;
    out.element = i == 0 ? k : (out.element == k ? k : TypeKind::kAny);
  }
  return out;
}

}  // namespace

std::string canonical(const Expression& e) {
  return print_expression(e);
}

bool contains_aggregate(const Expression& e) {
  if (is_aggregate_call(e)) {
    return true;
  }
  bool found = false;
  for_each_operand(
      e, [&found](const Expression& child) { found = found || contains_aggregate(child); });
  return found;
}

void Analyzer::fail(SourcePos at, const std::string& detail, const std::string& message,
                    ErrorCategory category) const {
  throw QueryError(category, ErrorPhase::kCompileTime, detail, message, at.line, at.column);
}

void Analyzer::predicate(const ExprPtr& e, const Scope& scope) {
  if (!e) {
    return;
  }
  ExprContext ctx;
  ctx.scope = &scope;
  ctx.predicate_position = true;
  StaticType type = expr(*e, ctx);
  if (!may_be_boolean(type)) {
    fail(e->pos, "InvalidArgumentType", "a predicate must be a boolean expression");
  }
}

StaticType Analyzer::expr(const Expression& e, const ExprContext& outer) {
  // After DISTINCT or aggregation, an expression written like a projection item is that column.
  if (outer.projected_texts != nullptr) {
    std::string text = canonical(e);
    const auto& texts = *outer.projected_texts;
    if (std::find(texts.begin(), texts.end(), text) != texts.end()) {
      return {};
    }
  }

  ExprContext ctx = outer;
  ctx.predicate_position = false;
  auto operand = [&](const ExprPtr& child) { return expr(*child, ctx); };

  if (std::holds_alternative<NullLiteral>(e.node)) {
    return {TypeKind::kNull};
  }
  if (std::holds_alternative<BoolLiteral>(e.node)) {
    return {TypeKind::kBoolean};
  }
  if (std::holds_alternative<IntegerLiteral>(e.node)) {
    return {TypeKind::kInteger};
  }
  if (std::holds_alternative<FloatLiteral>(e.node)) {
    return {TypeKind::kFloat};
  }
  if (std::holds_alternative<StringLiteral>(e.node)) {
    return {TypeKind::kString};
  }
  if (const auto* n = std::get_if<ListLiteral>(&e.node)) {
    std::vector<StaticType> items;
    for (const auto& item : n->items) {
      items.push_back(operand(item));
    }
    return list_type(items);
  }
  if (const auto* n = std::get_if<MapLiteral>(&e.node)) {
    for (const auto& entry : n->entries) {
      operand(entry.second);
    }
    return {TypeKind::kMap};
  }
  if (const auto* n = std::get_if<Parameter>(&e.node)) {
    parameters.insert(n->name);
    return {};
  }
  if (const auto* n = std::get_if<Variable>(&e.node)) {
    const VariableInfo* info = ctx.scope->find(n->name);
    if (info == nullptr) {
      fail(e.pos, "UndefinedVariable", "variable '" + n->name + "' is not defined");
    }
    return info->type;
  }
  if (const auto* n = std::get_if<PropertyAccess>(&e.node)) {
    StaticType subject = operand(n->subject);
    if (!may_have_properties(subject)) {
      fail(e.pos, "InvalidArgumentType", "property access on a value that has no properties",
           ErrorCategory::kTypeError);
    }
    return {};
  }
  if (const auto* n = std::get_if<Subscript>(&e.node)) {
    StaticType subject = operand(n->subject);
    operand(n->index);
    return subject.kind == TypeKind::kList ? StaticType{subject.element} : StaticType{};
  }
  if (const auto* n = std::get_if<Slice>(&e.node)) {
    StaticType subject = operand(n->subject);
    if (n->from) {
      operand(n->from);
    }
    if (n->to) {
      operand(n->to);
    }
    return subject.kind == TypeKind::kList ? subject : StaticType{};
  }
  if (const auto* n = std::get_if<Unary>(&e.node)) {
    if (n->op == UnaryOp::kNot) {
      ExprContext inner = ctx;
      inner.predicate_position = outer.predicate_position;
      if (!may_be_boolean(expr(*n->operand, inner))) {
        fail(n->operand->pos, "InvalidArgumentType", "NOT needs a boolean operand");
      }
      return {TypeKind::kBoolean};
    }
    StaticType t = operand(n->operand);
    if (rejects_arithmetic(t.kind) || t.kind == TypeKind::kString || t.kind == TypeKind::kList) {
      fail(n->operand->pos, "InvalidArgumentType", "unary sign needs a number");
    }
    return is_numeric(t.kind) ? t : StaticType{};
  }
  if (const auto* n = std::get_if<Binary>(&e.node)) {
    switch (n->op) {
      case BinaryOp::kAnd:
      case BinaryOp::kOr:
      case BinaryOp::kXor: {
        ExprContext inner = ctx;
        inner.predicate_position = outer.predicate_position;
        for (const ExprPtr* side : {&n->lhs, &n->rhs}) {
          if (!may_be_boolean(expr(**side, inner))) {
            fail((*side)->pos, "InvalidArgumentType", "boolean operator needs boolean operands");
          }
        }
        return {TypeKind::kBoolean};
      }
      case BinaryOp::kAdd:
      case BinaryOp::kSubtract:
      case BinaryOp::kMultiply:
      case BinaryOp::kDivide:
      case BinaryOp::kModulo:
      case BinaryOp::kPower: {
        StaticType lhs = operand(n->lhs);
        StaticType rhs = operand(n->rhs);
        // `+` concatenates lists with anything, and strings with most scalars.
        bool list_concat =
            n->op == BinaryOp::kAdd && (lhs.kind == TypeKind::kList || rhs.kind == TypeKind::kList);
        if (list_concat) {
          return {TypeKind::kList};
        }
        bool text_or_list = n->op != BinaryOp::kAdd &&
                            (lhs.kind == TypeKind::kString || rhs.kind == TypeKind::kString ||
                             lhs.kind == TypeKind::kList || rhs.kind == TypeKind::kList);
        if (rejects_arithmetic(lhs.kind) || rejects_arithmetic(rhs.kind) || text_or_list) {
          fail(e.pos, "InvalidArgumentType", "arithmetic on values of an unsuitable type");
        }
        return arithmetic_result(n->op, lhs, rhs);
      }
      case BinaryOp::kIn: {
        operand(n->lhs);
        StaticType rhs = operand(n->rhs);
        if (rhs.kind != TypeKind::kAny && rhs.kind != TypeKind::kNull &&
            rhs.kind != TypeKind::kList) {
          fail(n->rhs->pos, "InvalidArgumentType", "IN needs a list on its right");
        }
        return {TypeKind::kBoolean};
      }
      default:
        operand(n->lhs);
        operand(n->rhs);
        return {TypeKind::kBoolean};
    }
  }
  if (const auto* n = std::get_if<IsNull>(&e.node)) {
    operand(n->operand);
    return {TypeKind::kBoolean};
  }
  if (const auto* n = std::get_if<LabelCheck>(&e.node)) {
    operand(n->subject);
    return {TypeKind::kBoolean};
  }
  if (const auto* n = std::get_if<FunctionCall>(&e.node)) {
    return function_call(*n, e, ctx);
  }
  if (std::holds_alternative<CountStar>(e.node)) {
    if (ctx.inside_aggregate) {
      fail(e.pos, "NestedAggregation", "an aggregate function cannot contain another one");
    }
    if (!ctx.aggregates_allowed) {
      fail(e.pos, "InvalidAggregation", "count(*) is not allowed here");
    }
    if (ctx.found_aggregate != nullptr) {
      *ctx.found_aggregate = true;
    }
    return {TypeKind::kInteger};
  }
  if (const auto* n = std::get_if<PatternPredicate>(&e.node)) {
    if (!outer.predicate_position) {
      fail(e.pos, "UnexpectedSyntax",
           "a pattern can only be used as a predicate here; use EXISTS or a pattern "
           "comprehension");
    }
    check_pattern_predicate(*n->pattern, *ctx.scope);
    return {TypeKind::kBoolean};
  }
  return special_expr(e, ctx);
}

StaticType Analyzer::function_call(const FunctionCall& f, const Expression& e,
                                   const ExprContext& ctx) {
  const FunctionSignature* signature = find_function(f.name);
  if (signature == nullptr) {
    fail(e.pos, "UnknownFunction", "unknown function '" + f.name + "'");
  }
  if (f.args.size() < signature->min_args ||
      (signature->max_args != kVariadic && f.args.size() > signature->max_args)) {
    fail(e.pos, "InvalidNumberOfArguments",
         "wrong number of arguments for function '" + f.name + "'");
  }

  ExprContext inner = ctx;
  inner.predicate_position = false;
  if (signature->aggregate) {
    if (ctx.inside_aggregate) {
      fail(e.pos, "NestedAggregation", "an aggregate function cannot contain another one");
    }
    if (!ctx.aggregates_allowed) {
      fail(e.pos, "InvalidAggregation", "aggregate function '" + f.name + "' is not allowed here");
    }
    if (ctx.found_aggregate != nullptr) {
      *ctx.found_aggregate = true;
    }
    inner.inside_aggregate = true;
    inner.aggregates_allowed = true;
  } else if (!signature->deterministic && ctx.inside_aggregate) {
    fail(e.pos, "NonConstantExpression", "a non-deterministic function cannot be aggregated over");
  }

  // exists((a)-->(b)) is the function form of a pattern predicate.
  inner.predicate_position = signature->name == "exists";
  std::vector<StaticType> args;
  for (const auto& arg : f.args) {
    args.push_back(expr(*arg, inner));
  }

  // Argument kinds that can never work, for the graph functions whose argument kind is fixed.
  auto reject_unless = [&](std::initializer_list<TypeKind> allowed) {
    TypeKind k = args[0].kind;
    if (k == TypeKind::kAny || k == TypeKind::kNull) {
      return;
    }
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      fail(f.args[0]->pos, "InvalidArgumentType",
           "invalid argument type for function '" + f.name + "'");
    }
  };
  std::string_view name = signature->name;
  if (name == "labels") {
    reject_unless({TypeKind::kNode});
  } else if (name == "type") {
    reject_unless({TypeKind::kRelationship});
  } else if (name == "properties") {
    reject_unless({TypeKind::kNode, TypeKind::kRelationship, TypeKind::kMap});
  } else if (name == "length") {
    reject_unless({TypeKind::kPath, TypeKind::kString, TypeKind::kList});
  } else if (name == "size") {
    reject_unless({TypeKind::kList, TypeKind::kString});
  } else if (name == "nodes" || name == "relationships") {
    reject_unless({TypeKind::kPath});
  }

  if (name == "count") {
    return {TypeKind::kInteger};
  }
  if (name == "collect" || name == "labels" || name == "keys" || name == "range") {
    return {TypeKind::kList};
  }
  if (name == "nodes") {
    return {TypeKind::kList, TypeKind::kNode};
  }
  if (name == "relationships") {
    return {TypeKind::kList, TypeKind::kRelationship};
  }
  if (name == "startnode" || name == "endnode") {
    return {TypeKind::kNode};
  }
  return {};
}

// Comprehensions, quantifiers, reduce, CASE, EXISTS and map projections.
StaticType Analyzer::special_expr(const Expression& e, const ExprContext& ctx) {
  auto operand = [&](const ExprPtr& child, const ExprContext& c) { return expr(*child, c); };

  // Inner expressions that bind a variable see a scope extended by it; aggregates are not allowed
  // inside (their value would differ per element).
  auto with_variable = [&](const std::string& name, StaticType type, Scope& scope) {
    scope = *ctx.scope;
    scope.bind(name, {VariableKind::kValue, type});
    ExprContext inner = ctx;
    inner.scope = &scope;
    inner.aggregates_allowed = false;
    inner.projected_texts = nullptr;
    return inner;
  };

  if (const auto* n = std::get_if<CaseExpr>(&e.node)) {
    if (n->subject) {
      operand(n->subject, ctx);
    }
    for (const auto& alt : n->alternatives) {
      StaticType when = operand(alt.when, ctx);
      if (!n->subject && !may_be_boolean(when)) {
        fail(alt.when->pos, "InvalidArgumentType", "WHEN needs a boolean condition");
      }
      operand(alt.then, ctx);
    }
    if (n->otherwise) {
      operand(n->otherwise, ctx);
    }
    return {};
  }
  if (const auto* n = std::get_if<ListComprehension>(&e.node)) {
    StaticType source = operand(n->source, ctx);
    Scope scope;
    ExprContext inner = with_variable(n->variable, {source.element}, scope);
    if (n->filter) {
      predicate(n->filter, scope);
    }
    if (n->projection) {
      operand(n->projection, inner);
      return {TypeKind::kList};
    }
    return source.kind == TypeKind::kList ? source : StaticType{TypeKind::kList};
  }
  if (const auto* n = std::get_if<Quantifier>(&e.node)) {
    StaticType source = operand(n->source, ctx);
    Scope scope;
    with_variable(n->variable, {source.element}, scope);
    if (n->predicate) {
      predicate(n->predicate, scope);
    }
    return {TypeKind::kBoolean};
  }
  if (const auto* n = std::get_if<Reduce>(&e.node)) {
    operand(n->init, ctx);
    StaticType source = operand(n->source, ctx);
    Scope scope;
    ExprContext inner = with_variable(n->variable, {source.element}, scope);
    scope.bind(n->accumulator, {VariableKind::kValue, {}});
    operand(n->step, inner);
    return {};
  }
  if (const auto* n = std::get_if<PatternComprehension>(&e.node)) {
    Scope scope = *ctx.scope;
    bind_match_pattern(
        {PatternPart{n->pattern->pos, n->path_variable, PathSelector::kAll, *n->pattern}}, scope,
        true);
    ExprContext inner = ctx;
    inner.scope = &scope;
    inner.aggregates_allowed = false;
    inner.projected_texts = nullptr;
    if (n->filter) {
      predicate(n->filter, scope);
    }
    operand(n->projection, inner);
    return {TypeKind::kList};
  }
  if (const auto* n = std::get_if<ExistsSubquery>(&e.node)) {
    if (n->query) {
      query(*n->query, nullptr, ctx.scope, true);
    } else {
      Scope scope = *ctx.scope;
      bind_match_pattern(n->pattern, scope, true);
      predicate(n->filter, scope);
    }
    return {TypeKind::kBoolean};
  }

  const auto& n = std::get<MapProjection>(e.node);
  const VariableInfo* subject = ctx.scope->find(n.variable);
  if (subject == nullptr) {
    fail(e.pos, "UndefinedVariable", "variable '" + n.variable + "' is not defined");
  }
  for (const auto& item : n.items) {
    if (item.kind == MapProjectionKind::kLiteral) {
      operand(item.value, ctx);
    } else if (item.kind == MapProjectionKind::kVariable && !ctx.scope->contains(item.key)) {
      fail(item.pos, "UndefinedVariable", "variable '" + item.key + "' is not defined");
    }
  }
  return {TypeKind::kMap};
}

void Analyzer::check_ambiguous_aggregation(const Expression& e,
                                           const std::vector<const Expression*>& keys,
                                           const std::set<std::string>& key_variables,
                                           bool order_by) {
  if (is_aggregate_call(e)) {
    return;
  }
  const auto* variable = std::get_if<Variable>(&e.node);
  const auto* property = std::get_if<PropertyAccess>(&e.node);
  if (property != nullptr) {
    variable = std::get_if<Variable>(&property->subject->node);
  }
  if (variable != nullptr) {
    if (key_variables.count(variable->name) > 0) {
      return;
    }
    std::string text = canonical(e);
    bool mentioned = false;
    for (const Expression* key : keys) {
      if (canonical(*key) == text) {
        return;
      }
      mentioned = mentioned || canonical(*key).find(variable->name) != std::string::npos;
    }
    if (order_by && !mentioned) {
      fail(e.pos, "UndefinedVariable", "variable '" + variable->name + "' is not defined");
    }
    fail(e.pos, "AmbiguousAggregationExpression",
         "'" + canonical(e) + "' is neither aggregated nor a grouping key");
  }
  for_each_operand(e, [&](const Expression& child) {
    check_ambiguous_aggregation(child, keys, key_variables, order_by);
  });
}

void Analyzer::skip_or_limit(const ExprPtr& e) {
  if (!e) {
    return;
  }

  // The value must be known before any row is read: no variables, no patterns.
  std::function<bool(const Expression&)> constant = [&](const Expression& x) {
    if (std::holds_alternative<Variable>(x.node) ||
        std::holds_alternative<PatternPredicate>(x.node) ||
        std::holds_alternative<PatternComprehension>(x.node) ||
        std::holds_alternative<ExistsSubquery>(x.node) ||
        std::holds_alternative<MapProjection>(x.node)) {
      return false;
    }
    bool all = true;
    for_each_operand(x, [&](const Expression& child) { all = all && constant(child); });
    return all;
  };
  if (!constant(*e)) {
    fail(e->pos, "NonConstantExpression", "SKIP and LIMIT need a constant expression");
  }

  Scope empty;
  ExprContext ctx;
  ctx.scope = &empty;
  StaticType type = expr(*e, ctx);
  if (type.kind != TypeKind::kAny && type.kind != TypeKind::kInteger) {
    fail(e->pos, "InvalidArgumentType", "SKIP and LIMIT need an integer");
  }
  if (const auto* literal = std::get_if<IntegerLiteral>(&e->node); literal && literal->value < 0) {
    fail(e->pos, "NegativeIntegerArgument", "SKIP and LIMIT cannot be negative");
  }
}

}  // namespace quiver::query::analyze_detail
