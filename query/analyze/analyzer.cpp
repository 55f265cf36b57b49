#include "query/analyze/analyzer.h"

#include <algorithm>

#include "query/analyze/analyzer_internal.h"
#include "query/parse/parser.h"

namespace quiver::query {

namespace analyze_detail {

using namespace ast;

namespace {

bool is_updating(const Clause& c) {
  return std::holds_alternative<Create>(c.node) || std::holds_alternative<Merge>(c.node) ||
         std::holds_alternative<Set>(c.node) || std::holds_alternative<Remove>(c.node) ||
         std::holds_alternative<Delete>(c.node) || std::holds_alternative<Foreach>(c.node);
}

}  // namespace

void Analyzer::statement(AnalyzedStatement& out) {
  if (const auto* q = std::get_if<Query>(&out.statement.node)) {
    out.columns = query(*q, &out.parts, nullptr, false);
  }
  out.parameters.assign(parameters.begin(), parameters.end());
  out.updates = updates;
}

std::vector<std::string> Analyzer::query(const Query& q,
                                         std::vector<std::vector<ClauseInfo>>* parts,
                                         const Scope* outer, bool subquery) {
  std::vector<std::string> columns;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    if (i >= 2 && q.union_all[i - 1] != q.union_all[i - 2]) {
      fail(q.parts[i].pos, "InvalidClauseComposition", "UNION and UNION ALL cannot be mixed");
    }
    std::vector<ClauseInfo> infos;
    std::vector<std::string> part_columns =
        single_query(q.parts[i], infos, outer != nullptr ? *outer : Scope(), subquery);
    if (i > 0) {
      std::vector<std::string> a = columns;
      std::vector<std::string> b = part_columns;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a != b) {
        fail(q.parts[i].pos, "DifferentColumnsInUnion",
             "all parts of a UNION must return the same columns");
      }
    } else {
      columns = part_columns;
    }
    if (parts != nullptr) {
      parts->push_back(std::move(infos));
    }
  }
  return columns;
}

std::vector<std::string> Analyzer::single_query(const SingleQuery& q,
                                                std::vector<ClauseInfo>& infos, Scope scope,
                                                bool subquery) {
  std::vector<std::string> columns;
  bool standalone = q.clauses.size() == 1;
  for (size_t i = 0; i < q.clauses.size(); ++i) {
    const Clause& c = q.clauses[i];
    bool last = i + 1 == q.clauses.size();
    if (std::holds_alternative<Return>(c.node) && !last) {
      fail(q.clauses[i + 1].pos, "InvalidClauseComposition", "RETURN must be the last clause");
    }
    if (subquery && is_updating(c)) {
      fail(c.pos, "InvalidClauseComposition", "an EXISTS subquery cannot update the graph");
    }
    ClauseInfo info;
    clause(c, scope, info, standalone);
    if (last) {
      bool ends_well = std::holds_alternative<Return>(c.node) || is_updating(c) ||
                       std::holds_alternative<ast::Call>(c.node);
      if (!ends_well && !subquery) {
        fail(c.pos, "InvalidClauseComposition",
             "a query must end with RETURN, an updating clause or a procedure call");
      }
      columns = info.columns;
    }
    infos.push_back(std::move(info));
  }
  return columns;
}

void Analyzer::clause_body(const Clause& c, Scope& scope, ClauseInfo& info, bool standalone_query) {
  ExprContext ctx;
  ctx.scope = &scope;
  if (const auto* n = std::get_if<Match>(&c.node)) {
    match(*n, scope);
    return;
  }
  if (const auto* n = std::get_if<Unwind>(&c.node)) {
    StaticType list = expr(*n->list, ctx);
    if (scope.contains(n->variable)) {
      fail(c.pos, "VariableAlreadyBound", "variable '" + n->variable + "' is already bound");
    }
    StaticType element = list.kind == TypeKind::kList ? StaticType{list.element} : StaticType{};
    scope.bind(n->variable, {VariableKind::kValue, element});
    return;
  }
  if (const auto* n = std::get_if<LoadCsv>(&c.node)) {
    expr(*n->source, ctx);
    if (scope.contains(n->variable)) {
      fail(c.pos, "VariableAlreadyBound", "variable '" + n->variable + "' is already bound");
    }
    StaticType row = n->with_headers ? StaticType{TypeKind::kMap}
                                     : StaticType{TypeKind::kList, TypeKind::kString};
    scope.bind(n->variable, {VariableKind::kValue, row});
    return;
  }
  if (const auto* n = std::get_if<With>(&c.node)) {
    projection(n->projection, n->where, true, c.pos, scope, info);
    return;
  }
  if (const auto* n = std::get_if<Return>(&c.node)) {
    projection(n->projection, {}, false, c.pos, scope, info);
    return;
  }
  if (const auto* n = std::get_if<Create>(&c.node)) {
    create(n->pattern, scope, false);
    return;
  }
  if (const auto* n = std::get_if<Merge>(&c.node)) {
    create({n->pattern}, scope, true);
    set_items(n->on_create, scope);
    set_items(n->on_match, scope);
    return;
  }
  if (const auto* n = std::get_if<Set>(&c.node)) {
    set_items(n->items, scope);
    return;
  }
  if (const auto* n = std::get_if<Remove>(&c.node)) {
    for (const auto& item : n->items) {
      expr(*item.target, ctx);
    }
    return;
  }
  if (const auto* n = std::get_if<Delete>(&c.node)) {
    for (const auto& target : n->targets) {
      if (std::holds_alternative<LabelCheck>(target->node)) {
        fail(target->pos, "InvalidDelete", "DELETE removes nodes and relationships, not labels");
      }
      StaticType type = expr(*target, ctx);
      if (type.kind != TypeKind::kAny && type.kind != TypeKind::kNull &&
          type.kind != TypeKind::kNode && type.kind != TypeKind::kRelationship &&
          type.kind != TypeKind::kPath && type.kind != TypeKind::kList) {
        fail(target->pos, "InvalidArgumentType", "DELETE needs a node, a relationship or a path");
      }
    }
    return;
  }
  if (const auto* n = std::get_if<Foreach>(&c.node)) {
    expr(*n->list, ctx);
    Scope inner = scope;
    if (inner.contains(n->variable)) {
      fail(c.pos, "VariableAlreadyBound", "variable '" + n->variable + "' is already bound");
    }
    inner.bind(n->variable, {VariableKind::kValue, {}});
    for (const auto& update : n->updates) {
      if (!is_updating(update)) {
        fail(update.pos, "InvalidClauseComposition", "FOREACH can only contain updating clauses");
      }
      ClauseInfo ignored;
      clause(update, inner, ignored, false);
    }
    return;
  }
  auto call_clause = std::get<ast::Call>(c.node);
  call_clause.standalone = call_clause.standalone && standalone_query;
  call(call_clause, c.pos, scope, info);
}

void Analyzer::clause(const Clause& c, Scope& scope, ClauseInfo& info, bool standalone_query) {
  clause_body(c, scope, info, standalone_query);
  info.updates = is_updating(c);
  updates = updates || info.updates;
  if (!std::holds_alternative<Return>(c.node)) {
    info.scope_after = scope.list();
  }
}

void Analyzer::match(const Match& m, Scope& scope) {
  bind_match_pattern(m.pattern, scope, false);
  predicate(m.where, scope);
}

void Analyzer::set_items(const std::vector<SetItem>& items, const Scope& scope) {
  ExprContext ctx;
  ctx.scope = &scope;
  for (const auto& item : items) {
    expr(*item.target, ctx);
    if (item.value) {
      expr(*item.value, ctx);
    }
  }
}

}  // namespace analyze_detail

AnalyzedStatement analyze(ast::Statement statement, const AnalyzeOptions& options) {
  AnalyzedStatement out;
  out.statement = std::move(statement);
  analyze_detail::Analyzer analyzer(options);
  analyzer.statement(out);
  return out;
}

AnalyzedStatement compile(std::string_view text, const AnalyzeOptions& options) {
  ast::Statement statement = parse(text);
  try {
    return analyze(std::move(statement), options);
  } catch (const QueryError& e) {
    // The analyzer does not hold the text; add the excerpt here.
    throw QueryError(e.category(), e.phase(), e.detail(), e.message(), e.line(), e.column(), text);
  }
}

}  // namespace quiver::query
