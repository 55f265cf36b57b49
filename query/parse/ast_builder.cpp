#include "query/parse/ast_builder.h"

#include "query/parse/literals.h"

namespace quiver::query::parse_detail {

ast::SourcePos AstBuilder::pos(antlr4::Token* token) {
  return {static_cast<uint32_t>(token->getLine()),
          static_cast<uint32_t>(token->getCharPositionInLine() + 1)};
}

ast::SourcePos AstBuilder::pos(antlr4::ParserRuleContext* ctx) {
  return pos(ctx->getStart());
}

std::string AstBuilder::text(antlr4::ParserRuleContext* ctx) {
  size_t start = ctx->getStart()->getStartIndex();
  size_t stop = ctx->getStop()->getStopIndex();
  return input_.getText(antlr4::misc::Interval(start, stop));
}

void AstBuilder::fail(ast::SourcePos at, const std::string& detail,
                      const std::string& message) const {
  throw QueryError(ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime, detail, message, at.line,
                   at.column, query_text_);
}

std::string AstBuilder::name(antlr4::tree::TerminalNode* node) {
  antlr4::Token* token = node->getSymbol();
  std::string raw = token->getText();
  if (token->getType() == CypherParser::ESCAPED_NAME) {
    return escaped_name(raw);
  }
  return raw;
}

std::string AstBuilder::name(CypherParser::SymbolicNameContext* ctx) {
  if (ctx->ESCAPED_NAME() != nullptr) {
    return name(ctx->ESCAPED_NAME());
  }
  return ctx->getText();
}

std::string AstBuilder::name(CypherParser::SchemaNameContext* ctx) {
  if (ctx->symbolicName() != nullptr) {
    return name(ctx->symbolicName());
  }
  return ctx->getText();
}

std::string AstBuilder::name(CypherParser::VariableContext* ctx) {
  return name(ctx->symbolicName());
}

std::vector<std::string> AstBuilder::labels(CypherParser::NodeLabelsContext* ctx) {
  std::vector<std::string> out;
  for (auto* label : ctx->schemaName()) {
    out.push_back(name(label));
  }
  return out;
}

ast::Statement AstBuilder::statement(CypherParser::StatementContext* ctx) {
  ast::Statement out;
  out.pos = pos(ctx);
  if (auto* prefix = ctx->explainPrefix()) {
    out.explain =
        prefix->EXPLAIN() != nullptr ? ast::ExplainMode::kExplain : ast::ExplainMode::kProfile;
  }
  if (ctx->schemaCommand() != nullptr) {
    out.node = schema_command(ctx->schemaCommand());
    return out;
  }

  ast::Query query = regular_query(ctx->regularQuery());
  if (query.parts.size() == 1 && query.parts[0].clauses.size() == 1) {
    if (auto* call = std::get_if<ast::Call>(&query.parts[0].clauses[0].node)) {
      call->standalone = true;
    }
  }
  out.node = std::move(query);
  return out;
}

ast::Query AstBuilder::regular_query(CypherParser::RegularQueryContext* ctx) {
  ast::Query out;
  out.pos = pos(ctx);
  out.parts.push_back(single_query(ctx->singleQuery()));
  for (auto* part : ctx->unionPart()) {
    out.union_all.push_back(part->ALL() != nullptr);
    out.parts.push_back(single_query(part->singleQuery()));
  }
  return out;
}

ast::SingleQuery AstBuilder::single_query(CypherParser::SingleQueryContext* ctx) {
  ast::SingleQuery out;
  out.pos = pos(ctx);
  for (auto* c : ctx->clause()) {
    out.clauses.push_back(clause(c));
  }
  return out;
}

ast::Projection AstBuilder::projection(CypherParser::ProjectionBodyContext* ctx) {
  ast::Projection out;
  out.distinct = ctx->DISTINCT() != nullptr;
  auto* items = ctx->projectionItems();
  out.star = items->STAR() != nullptr;
  for (auto* item : items->projectionItem()) {
    ast::ProjectionItem p;
    p.pos = pos(item);
    p.expression = expression(item->expression());
    p.text = text(item->expression());
    if (item->variable() != nullptr) {
      p.alias = name(item->variable());
    }
    out.items.push_back(std::move(p));
  }
  if (auto* order = ctx->orderClause()) {
    for (auto* sort : order->sortItem()) {
      ast::SortItem s;
      s.pos = pos(sort);
      s.expression = expression(sort->expression());
      s.descending = sort->DESC() != nullptr || sort->DESCENDING() != nullptr;
      out.order_by.push_back(std::move(s));
    }
  }
  if (ctx->skipClause() != nullptr) {
    out.skip = expression(ctx->skipClause()->expression());
  }
  if (ctx->limitClause() != nullptr) {
    out.limit = expression(ctx->limitClause()->expression());
  }
  return out;
}

std::vector<ast::SetItem> AstBuilder::set_items(CypherParser::SetClauseContext* ctx) {
  std::vector<ast::SetItem> out;
  for (auto* item : ctx->setItem()) {
    ast::SetItem s;
    s.pos = pos(item);
    if (auto* p = dynamic_cast<CypherParser::SetPropertyItemContext*>(item)) {
      s.kind = ast::SetItemKind::kProperty;
      s.target = property_target(p->propertyTarget());
      s.value = expression(p->expression());
    } else if (auto* r = dynamic_cast<CypherParser::SetReplaceItemContext*>(item)) {
      s.kind = ast::SetItemKind::kReplace;
      s.target = make_expr(pos(r->variable()), ast::Variable{name(r->variable())});
      s.value = expression(r->expression());
    } else if (auto* m = dynamic_cast<CypherParser::SetMergeItemContext*>(item)) {
      s.kind = ast::SetItemKind::kMerge;
      s.target = make_expr(pos(m->variable()), ast::Variable{name(m->variable())});
      s.value = expression(m->expression());
    } else {
      auto* l = dynamic_cast<CypherParser::SetLabelsItemContext*>(item);
      s.kind = ast::SetItemKind::kLabels;
      s.target = make_expr(pos(l->variable()), ast::Variable{name(l->variable())});
      s.labels = labels(l->nodeLabels());
    }
    out.push_back(std::move(s));
  }
  return out;
}

ast::Clause AstBuilder::call_clause(CypherParser::CallClauseContext* ctx) {
  ast::Call call;
  for (auto* part : ctx->procedureName()->schemaName()) {
    if (!call.procedure.empty()) {
      call.procedure += '.';
    }
    call.procedure += name(part);
  }
  if (auto* args = ctx->callArguments()) {
    call.args.emplace();
    for (auto* e : args->expression()) {
      call.args->push_back(expression(e));
    }
  }
  call.has_yield = ctx->YIELD() != nullptr;
  call.yield_star = ctx->STAR() != nullptr;
  for (auto* item : ctx->yieldItem()) {
    ast::YieldItem y;
    y.pos = pos(item);
    y.field = name(item->schemaName());
    if (item->variable() != nullptr) {
      y.alias = name(item->variable());
    }
    call.yield_items.push_back(std::move(y));
  }
  if (ctx->whereClause() != nullptr) {
    call.where = expression(ctx->whereClause()->expression());
  }
  return {pos(ctx), std::move(call)};
}

ast::LoadCsv AstBuilder::load_csv(CypherParser::LoadCsvClauseContext* ctx) {
  ast::LoadCsv load;
  load.with_headers = ctx->HEADERS() != nullptr;
  load.source = expression(ctx->expression());
  load.variable = name(ctx->variable());
  if (antlr4::tree::TerminalNode* terminator = ctx->STRING_LITERAL()) {
    ast::SourcePos at = pos(terminator->getSymbol());
    try {
      load.field_terminator = string_value(terminator->getText());
    } catch (const LiteralError& e) {
      fail({at.line, at.column + e.offset}, e.detail, e.message);
    }
    // libcsv splits on one byte ('\t' for tab-separated files).
    if (load.field_terminator.size() != 1) {
      fail(at, "InvalidArgumentValue", "FIELDTERMINATOR must be a single character");
    }
  }
  return load;
}

ast::Clause AstBuilder::clause(CypherParser::ClauseContext* ctx) {
  ast::SourcePos at = pos(ctx);
  if (auto* c = ctx->matchClause()) {
    ast::Match m;
    m.optional = c->OPTIONAL() != nullptr;
    m.pattern = pattern(c->pattern());
    if (c->whereClause() != nullptr) {
      m.where = expression(c->whereClause()->expression());
    }
    return {at, std::move(m)};
  }
  if (auto* c = ctx->unwindClause()) {
    return {at, ast::Unwind{expression(c->expression()), name(c->variable())}};
  }
  if (auto* c = ctx->loadCsvClause()) {
    return {at, load_csv(c)};
  }
  if (auto* c = ctx->withClause()) {
    ast::With w;
    w.projection = projection(c->projectionBody());
    if (c->whereClause() != nullptr) {
      w.where = expression(c->whereClause()->expression());
    }
    return {at, std::move(w)};
  }
  if (auto* c = ctx->returnClause()) {
    return {at, ast::Return{projection(c->projectionBody())}};
  }
  if (auto* c = ctx->createClause()) {
    return {at, ast::Create{pattern(c->pattern())}};
  }
  if (auto* c = ctx->mergeClause()) {
    ast::Merge m;
    m.pattern = pattern_part(c->patternPart());
    for (auto* action : c->mergeAction()) {
      auto items = set_items(action->setClause());
      auto& target = action->MATCH() != nullptr ? m.on_match : m.on_create;
      for (auto& item : items) {
        target.push_back(std::move(item));
      }
    }
    return {at, std::move(m)};
  }
  if (auto* c = ctx->setClause()) {
    return {at, ast::Set{set_items(c)}};
  }
  if (auto* c = ctx->removeClause()) {
    ast::Remove r;
    for (auto* item : c->removeItem()) {
      ast::RemoveItem out;
      out.pos = pos(item);
      if (auto* l = dynamic_cast<CypherParser::RemoveLabelsItemContext*>(item)) {
        out.kind = ast::RemoveItemKind::kLabels;
        out.target = make_expr(pos(l->variable()), ast::Variable{name(l->variable())});
        out.labels = labels(l->nodeLabels());
      } else {
        auto* p = dynamic_cast<CypherParser::RemovePropertyItemContext*>(item);
        out.kind = ast::RemoveItemKind::kProperty;
        out.target = property_target(p->propertyTarget());
      }
      r.items.push_back(std::move(out));
    }
    return {at, std::move(r)};
  }
  if (auto* c = ctx->deleteClause()) {
    ast::Delete d;
    d.detach = c->DETACH() != nullptr;
    for (auto* e : c->expression()) {
      d.targets.push_back(expression(e));
    }
    return {at, std::move(d)};
  }
  if (auto* c = ctx->foreachClause()) {
    ast::Foreach f;
    f.variable = name(c->variable());
    f.list = expression(c->expression());
    for (auto* inner : c->clause()) {
      f.updates.push_back(clause(inner));
    }
    return {at, std::move(f)};
  }
  return call_clause(ctx->callClause());
}

namespace {

// Collects `v.p` references of a schema command into a property list; every reference must use
// the variable bound in the command's node pattern.
std::vector<std::string> property_names(AstBuilder& builder,
                                        CypherParser::PropertyRefsContext* refs,
                                        const std::string& variable) {
  std::vector<std::string> out;
  for (auto* ref : refs->propertyRef()) {
    if (builder.name(ref->variable()) != variable) {
      builder.fail(AstBuilder::pos(ref), "UndefinedVariable",
                   "the property must belong to variable '" + variable + "'");
    }
    out.push_back(builder.name(ref->schemaName()));
  }
  return out;
}

std::vector<std::string> constraint_properties(AstBuilder& builder,
                                               CypherParser::ConstraintPropertiesContext* ctx,
                                               const std::string& variable) {
  if (ctx->propertyRefs() != nullptr) {
    return property_names(builder, ctx->propertyRefs(), variable);
  }
  auto* ref = ctx->propertyRef();
  if (builder.name(ref->variable()) != variable) {
    builder.fail(AstBuilder::pos(ref), "UndefinedVariable",
                 "the property must belong to variable '" + variable + "'");
  }
  return {builder.name(ref->schemaName())};
}

template <typename Ctx>
std::optional<std::string> optional_name(AstBuilder& builder, Ctx* ctx) {
  if (ctx->indexName() == nullptr) {
    return std::nullopt;
  }
  auto* n = ctx->indexName();
  return n->ESCAPED_NAME() != nullptr ? builder.name(n->ESCAPED_NAME()) : n->getText();
}

template <typename Ctx>
std::vector<std::string> schema_names(AstBuilder& builder, Ctx* ctx, size_t first) {
  std::vector<std::string> out;
  auto names = ctx->schemaName();
  for (size_t i = first; i < names.size(); ++i) {
    out.push_back(builder.name(names[i]));
  }
  return out;
}

}  // namespace

ast::StatementNode AstBuilder::schema_command(CypherParser::SchemaCommandContext* ctx) {
  using P = CypherParser;
  if (auto* c = dynamic_cast<P::CreateIndexCommandContext*>(ctx)) {
    std::string variable = name(c->variable());
    return ast::CreateIndex{optional_name(*this, c), c->ifNotExists() != nullptr,
                            name(c->schemaName()),
                            property_names(*this, c->propertyRefs(), variable)};
  }
  if (auto* c = dynamic_cast<P::CreateIndexOnCommandContext*>(ctx)) {
    return ast::CreateIndex{std::nullopt, false, name(c->schemaName(0)), schema_names(*this, c, 1)};
  }
  if (auto* c = dynamic_cast<P::DropIndexCommandContext*>(ctx)) {
    return ast::DropIndex{optional_name(*this, c), c->ifExists() != nullptr, {}, {}};
  }
  if (auto* c = dynamic_cast<P::DropIndexOnCommandContext*>(ctx)) {
    return ast::DropIndex{std::nullopt, false, name(c->schemaName(0)), schema_names(*this, c, 1)};
  }
  if (auto* c = dynamic_cast<P::CreateConstraintCommandContext*>(ctx)) {
    std::string variable = name(c->variable());
    return ast::CreateConstraint{optional_name(*this, c), c->ifNotExists() != nullptr,
                                 name(c->schemaName()),
                                 constraint_properties(*this, c->constraintProperties(), variable)};
  }
  if (auto* c = dynamic_cast<P::CreateConstraintOnCommandContext*>(ctx)) {
    std::string variable = name(c->variable());
    return ast::CreateConstraint{std::nullopt, false, name(c->schemaName()),
                                 constraint_properties(*this, c->constraintProperties(), variable)};
  }
  if (auto* c = dynamic_cast<P::DropConstraintCommandContext*>(ctx)) {
    return ast::DropConstraint{optional_name(*this, c), c->ifExists() != nullptr, {}, {}};
  }
  if (auto* c = dynamic_cast<P::DropConstraintOnCommandContext*>(ctx)) {
    std::string variable = name(c->variable());
    return ast::DropConstraint{std::nullopt, false, name(c->schemaName()),
                               constraint_properties(*this, c->constraintProperties(), variable)};
  }
  if (dynamic_cast<P::ShowIndexesCommandContext*>(ctx) != nullptr) {
    return ast::ShowIndexes{};
  }
  return ast::ShowConstraints{};
}

}  // namespace quiver::query::parse_detail
