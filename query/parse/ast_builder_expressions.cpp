#include "query/parse/ast_builder.h"

#include "query/parse/literals.h"

namespace quiver::query::parse_detail {

using P = CypherParser;

ast::ExprPtr AstBuilder::binary(ast::SourcePos at, ast::BinaryOp op, P::ExpressionContext* lhs,
                                P::ExpressionContext* rhs) {
  return make_expr(at, ast::Binary{op, expression(lhs), expression(rhs)});
}

namespace {

ast::BinaryOp comparison_op(P::ComparisonOperatorContext* ctx) {
  if (ctx->NEQ() != nullptr) {
    return ast::BinaryOp::kNotEqual;
  }
  if (ctx->LT() != nullptr) {
    return ast::BinaryOp::kLess;
  }
  if (ctx->GT() != nullptr) {
    return ast::BinaryOp::kGreater;
  }
  if (ctx->LE() != nullptr) {
    return ast::BinaryOp::kLessEqual;
  }
  if (ctx->GE() != nullptr) {
    return ast::BinaryOp::kGreaterEqual;
  }
  return ast::BinaryOp::kEqual;
}

}  // namespace

ast::ExprPtr AstBuilder::comparison(P::ComparisonExpressionContext* ctx) {
  // `a < b <= c` arrives left-nested; flatten it and rebuild as `a < b AND b <= c`.
  std::vector<P::ExpressionContext*> operands;
  std::vector<ast::BinaryOp> ops;
  P::ExpressionContext* current = ctx;
  while (auto* cmp = dynamic_cast<P::ComparisonExpressionContext*>(current)) {
    operands.push_back(cmp->expression(1));
    ops.push_back(comparison_op(cmp->comparisonOperator()));
    current = cmp->expression(0);
  }
  operands.push_back(current);
  std::reverse(operands.begin(), operands.end());
  std::reverse(ops.begin(), ops.end());

  std::vector<ast::ExprPtr> built;
  for (auto* operand : operands) {
    built.push_back(expression(operand));
  }
  ast::ExprPtr result;
  for (size_t i = 0; i < ops.size(); ++i) {
    ast::SourcePos lhs_pos = built[i]->pos;
    ast::ExprPtr step = make_expr(lhs_pos, ast::Binary{ops[i], built[i], built[i + 1]});
    result = result ? make_expr(pos(ctx), ast::Binary{ast::BinaryOp::kAnd, std::move(result),
                                                      std::move(step)})
                    : std::move(step);
  }
  return result;
}

ast::ExprPtr AstBuilder::expression(P::ExpressionContext* ctx) {
  ast::SourcePos at = pos(ctx);
  if (auto* c = dynamic_cast<P::AtomExpressionContext*>(ctx)) {
    return atom(c->atom());
  }
  if (auto* c = dynamic_cast<P::PropertyExpressionContext*>(ctx)) {
    return make_expr(at, ast::PropertyAccess{expression(c->expression()), name(c->schemaName())});
  }
  if (auto* c = dynamic_cast<P::SubscriptExpressionContext*>(ctx)) {
    return make_expr(at,
                     ast::Subscript{expression(c->expression(0)), expression(c->expression(1))});
  }
  if (auto* c = dynamic_cast<P::SliceExpressionContext*>(ctx)) {
    ast::Slice slice{expression(c->expression(0)), {}, {}};
    if (c->from != nullptr) {
      slice.from = expression(c->from);
    }
    if (c->to != nullptr) {
      slice.to = expression(c->to);
    }
    return make_expr(at, std::move(slice));
  }
  if (auto* c = dynamic_cast<P::LabelExpressionContext*>(ctx)) {
    return make_expr(at, ast::LabelCheck{expression(c->expression()), labels(c->nodeLabels())});
  }
  if (auto* c = dynamic_cast<P::UnaryExpressionContext*>(ctx)) {
    bool minus = c->DASH() != nullptr;

    // A negative number literal is one value: -9223372036854775808 is in range even though its
    // magnitude alone is not.
    if (auto* a = dynamic_cast<P::AtomExpressionContext*>(c->expression())) {
      if (a->atom()->literal() != nullptr && a->atom()->literal()->numberLiteral() != nullptr) {
        ast::ExprPtr value = number(a->atom()->literal()->numberLiteral(), minus);
        value->pos = at;
        return value;
      }
    }
    return make_expr(at, ast::Unary{minus ? ast::UnaryOp::kMinus : ast::UnaryOp::kPlus,
                                    expression(c->expression())});
  }
  if (auto* c = dynamic_cast<P::PowerExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kPower, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::MultiplicativeExpressionContext*>(ctx)) {
    ast::BinaryOp op = c->STAR() != nullptr  ? ast::BinaryOp::kMultiply
                       : c->DIV() != nullptr ? ast::BinaryOp::kDivide
                                             : ast::BinaryOp::kModulo;
    return binary(at, op, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::AdditiveExpressionContext*>(ctx)) {
    ast::BinaryOp op = c->PLUS() != nullptr ? ast::BinaryOp::kAdd : ast::BinaryOp::kSubtract;
    return binary(at, op, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::StartsWithExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kStartsWith, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::EndsWithExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kEndsWith, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::ContainsExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kContains, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::InExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kIn, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::RegexExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kRegexMatch, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::IsNullExpressionContext*>(ctx)) {
    return make_expr(at, ast::IsNull{expression(c->expression()), c->NOT() != nullptr});
  }
  if (auto* c = dynamic_cast<P::ComparisonExpressionContext*>(ctx)) {
    return comparison(c);
  }
  if (auto* c = dynamic_cast<P::NotExpressionContext*>(ctx)) {
    return make_expr(at, ast::Unary{ast::UnaryOp::kNot, expression(c->expression())});
  }
  if (auto* c = dynamic_cast<P::AndExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kAnd, c->expression(0), c->expression(1));
  }
  if (auto* c = dynamic_cast<P::XorExpressionContext*>(ctx)) {
    return binary(at, ast::BinaryOp::kXor, c->expression(0), c->expression(1));
  }
  auto* c = dynamic_cast<P::OrExpressionContext*>(ctx);
  return binary(at, ast::BinaryOp::kOr, c->expression(0), c->expression(1));
}

ast::ExprPtr AstBuilder::number(P::NumberLiteralContext* ctx, bool negated) {
  ast::SourcePos at = pos(ctx);
  std::string token = ctx->getText();
  if (ctx->MALFORMED_NUMBER() != nullptr) {
    fail(at, "InvalidNumberLiteral", "invalid number literal '" + token + "'");
  }
  if (ctx->DECIMAL_FLOAT() != nullptr) {
    try {
      double value = float_value(token);
      return make_expr(at, ast::FloatLiteral{negated ? -value : value});
    } catch (const LiteralError& e) {
      fail(at, e.detail, e.message);
    }
  }

  std::optional<uint64_t> magnitude = integer_magnitude(token);
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(INT64_MAX);
  if (!magnitude || *magnitude > kMaxPositive + (negated ? 1 : 0)) {
    fail(at, "IntegerOverflow", "integer literal is out of the 64-bit range");
  }
  int64_t value = *magnitude == kMaxPositive + 1 ? INT64_MIN
                  : negated                      ? -static_cast<int64_t>(*magnitude)
                                                 : static_cast<int64_t>(*magnitude);
  return make_expr(at, ast::IntegerLiteral{value});
}

ast::ExprPtr AstBuilder::literal(P::LiteralContext* ctx) {
  ast::SourcePos at = pos(ctx);
  if (ctx->numberLiteral() != nullptr) {
    return number(ctx->numberLiteral(), false);
  }
  if (ctx->STRING_LITERAL() != nullptr) {
    try {
      return make_expr(at, ast::StringLiteral{string_value(ctx->STRING_LITERAL()->getText())});
    } catch (const LiteralError& e) {
      fail({at.line, at.column + e.offset}, e.detail, e.message);
    }
  }
  if (ctx->TRUE() != nullptr || ctx->FALSE() != nullptr) {
    return make_expr(at, ast::BoolLiteral{ctx->TRUE() != nullptr});
  }
  if (ctx->NULL_() != nullptr) {
    return make_expr(at, ast::NullLiteral{});
  }
  if (ctx->mapLiteral() != nullptr) {
    return map_literal(ctx->mapLiteral());
  }
  ast::ListLiteral list;
  for (auto* item : ctx->listLiteral()->expression()) {
    list.items.push_back(expression(item));
  }
  return make_expr(at, std::move(list));
}

ast::ExprPtr AstBuilder::map_literal(P::MapLiteralContext* ctx) {
  ast::MapLiteral map;
  for (auto* entry : ctx->mapEntry()) {
    map.entries.emplace_back(name(entry->schemaName()), expression(entry->expression()));
  }
  return make_expr(pos(ctx), std::move(map));
}

ast::ExprPtr AstBuilder::parameter(P::ParameterContext* ctx) {
  // Any name may follow '$', keywords included: `LIMIT $limit` is common.
  std::string key =
      ctx->schemaName() != nullptr ? name(ctx->schemaName()) : ctx->DECIMAL_INTEGER()->getText();
  return make_expr(pos(ctx), ast::Parameter{std::move(key)});
}

ast::ExprPtr AstBuilder::property_target(P::PropertyTargetContext* ctx) {
  ast::ExprPtr subject = atom(ctx->atom());
  for (auto* key : ctx->schemaName()) {
    subject = make_expr(pos(ctx), ast::PropertyAccess{std::move(subject), name(key)});
  }
  return subject;
}

ast::ExprPtr AstBuilder::atom(P::AtomContext* ctx) {
  ast::SourcePos at = pos(ctx);
  if (ctx->literal() != nullptr) {
    return literal(ctx->literal());
  }
  if (ctx->parameter() != nullptr) {
    return parameter(ctx->parameter());
  }
  if (ctx->COUNT() != nullptr) {
    return make_expr(at, ast::CountStar{});
  }
  if (ctx->parenthesizedExpression() != nullptr) {
    return expression(ctx->parenthesizedExpression()->expression());
  }
  if (ctx->variable() != nullptr) {
    return make_expr(at, ast::Variable{name(ctx->variable())});
  }
  if (auto* f = ctx->functionInvocation()) {
    ast::FunctionCall call;
    for (auto* part : f->functionName()->schemaName()) {
      call.name += name(part);
      call.name += '.';
    }
    call.name += name(f->functionName()->symbolicName());
    call.distinct = f->DISTINCT() != nullptr;
    for (auto* arg : f->expression()) {
      call.args.push_back(expression(arg));
    }
    return make_expr(at, std::move(call));
  }
  if (auto* p = ctx->relationshipsPattern()) {
    return make_expr(at, ast::PatternPredicate{relationships_pattern(p)});
  }
  return special_atom(ctx);
}

// The bracketed and keyword-led forms: CASE, comprehensions, quantifiers, reduce, EXISTS and map
// projection.
ast::ExprPtr AstBuilder::special_atom(P::AtomContext* ctx) {
  ast::SourcePos at = pos(ctx);
  if (auto* c = ctx->caseExpression()) {
    ast::CaseExpr out;
    if (c->caseSubject != nullptr) {
      out.subject = expression(c->caseSubject);
    }
    for (auto* alt : c->caseAlternative()) {
      out.alternatives.push_back({expression(alt->expression(0)), expression(alt->expression(1))});
    }
    if (c->caseElse != nullptr) {
      out.otherwise = expression(c->caseElse);
    }
    return make_expr(at, std::move(out));
  }
  if (auto* c = ctx->listComprehension()) {
    ast::ListComprehension out;
    out.variable = name(c->variable());
    auto parts = c->expression();
    out.source = expression(parts[0]);
    size_t next = 1;
    if (c->WHERE() != nullptr) {
      out.filter = expression(parts[next++]);
    }
    if (next < parts.size()) {
      out.projection = expression(parts[next]);
    }
    return make_expr(at, std::move(out));
  }
  if (auto* c = ctx->patternComprehension()) {
    ast::PatternComprehension out;
    if (c->variable() != nullptr) {
      out.path_variable = name(c->variable());
    }
    out.pattern = relationships_pattern(c->relationshipsPattern());
    auto parts = c->expression();
    if (c->WHERE() != nullptr) {
      out.filter = expression(parts[0]);
    }
    out.projection = expression(parts.back());
    return make_expr(at, std::move(out));
  }
  if (auto* c = ctx->quantifierExpression()) {
    ast::Quantifier out;
    out.kind = c->ALL() != nullptr    ? ast::QuantifierKind::kAll
               : c->ANY() != nullptr  ? ast::QuantifierKind::kAny
               : c->NONE() != nullptr ? ast::QuantifierKind::kNone
                                      : ast::QuantifierKind::kSingle;
    out.variable = name(c->variable());
    out.source = expression(c->expression(0));
    if (c->WHERE() != nullptr) {
      out.predicate = expression(c->expression(1));
    }
    return make_expr(at, std::move(out));
  }
  if (auto* c = ctx->reduceExpression()) {
    return make_expr(
        at, ast::Reduce{name(c->variable(0)), expression(c->expression(0)), name(c->variable(1)),
                        expression(c->expression(1)), expression(c->expression(2))});
  }
  if (auto* c = ctx->existsSubquery()) {
    ast::ExistsSubquery out;
    if (c->regularQuery() != nullptr) {
      out.query = regular_query(c->regularQuery());
    } else {
      out.pattern = pattern(c->pattern());
      if (c->whereClause() != nullptr) {
        out.filter = expression(c->whereClause()->expression());
      }
    }
    return make_expr(at, std::move(out));
  }

  auto* c = ctx->mapProjection();
  ast::MapProjection out;
  out.variable = name(c->variable());
  for (auto* item : c->mapProjectionItem()) {
    ast::MapProjectionItem i;
    i.pos = pos(item);
    if (auto* l = dynamic_cast<P::LiteralProjectionItemContext*>(item)) {
      i.kind = ast::MapProjectionKind::kLiteral;
      i.key = name(l->schemaName());
      i.value = expression(l->expression());
    } else if (auto* p = dynamic_cast<P::PropertyProjectionItemContext*>(item)) {
      i.kind = ast::MapProjectionKind::kProperty;
      i.key = name(p->schemaName());
    } else if (dynamic_cast<P::AllPropertiesProjectionItemContext*>(item) != nullptr) {
      i.kind = ast::MapProjectionKind::kAllProperties;
    } else {
      i.kind = ast::MapProjectionKind::kVariable;
      i.key = name(dynamic_cast<P::VariableProjectionItemContext*>(item)->variable());
    }
    out.items.push_back(std::move(i));
  }
  return make_expr(at, std::move(out));
}

}  // namespace quiver::query::parse_detail
