#pragma once

// The analyzer's working state, shared by its clause, pattern and expression parts. Internal to
// the analyze stage.

#include <set>
#include <string>
#include <vector>

#include "query/analyze/analyzer.h"
#include "query/analyze/scope.h"
#include "query/errors.h"

namespace quiver::query::analyze_detail {

// Where an expression sits, which decides what it may contain.
struct ExprContext {
  const Scope* scope = nullptr;

  // Aggregate functions are allowed here (projection items, ORDER BY of an aggregating
  // projection), and we are not yet inside one.
  bool aggregates_allowed = false;
  bool inside_aggregate = false;

  // A pattern predicate is allowed here: a WHERE condition or an operand of NOT/AND/OR/XOR in one.
  bool predicate_position = false;

  // ORDER BY after DISTINCT or aggregation: expressions written exactly like a projection item
  // stand for that item's column (their variables need not be in scope).
  const std::vector<std::string>* projected_texts = nullptr;

  // Out: set when an aggregate function was found.
  bool* found_aggregate = nullptr;
};

class Analyzer {
 public:
  explicit Analyzer(const AnalyzeOptions& options) : options_(options) {}

  void statement(AnalyzedStatement& out);

  // Clauses (analyzer.cpp, analyzer_clauses.cpp).
  std::vector<std::string> query(const ast::Query& query,
                                 std::vector<std::vector<ClauseInfo>>* parts, const Scope* outer,
                                 bool subquery);
  std::vector<std::string> single_query(const ast::SingleQuery& query,
                                        std::vector<ClauseInfo>& infos, Scope scope, bool subquery);
  void clause(const ast::Clause& clause, Scope& scope, ClauseInfo& info, bool standalone_query);
  void clause_body(const ast::Clause& clause, Scope& scope, ClauseInfo& info,
                   bool standalone_query);

  void match(const ast::Match& m, Scope& scope);
  void create(const std::vector<ast::PatternPart>& pattern, Scope& scope, bool merge);
  void projection(const ast::Projection& p, const ast::ExprPtr& where, bool is_with, Scope& scope,
                  ClauseInfo& info);
  void call(const ast::Call& c, ast::SourcePos at, Scope& scope, ClauseInfo& info);
  void set_items(const std::vector<ast::SetItem>& items, const Scope& scope);

  // Patterns (analyzer_patterns.cpp). Binds the variables of a MATCH-like pattern into `scope`.
  void bind_match_pattern(const std::vector<ast::PatternPart>& parts, Scope& scope,
                          bool parameters_allowed);
  void check_pattern_predicate(const ast::PatternElement& element, const Scope& scope);

  // Expressions (analyzer_expressions.cpp).
  StaticType expr(const ast::Expression& e, const ExprContext& ctx);
  StaticType expr(const ast::ExprPtr& e, const ExprContext& ctx) { return expr(*e, ctx); }
  void predicate(const ast::ExprPtr& e, const Scope& scope);
  void check_ambiguous_aggregation(const ast::Expression& e,
                                   const std::vector<const ast::Expression*>& keys,
                                   const std::set<std::string>& key_variables, bool order_by);
  void skip_or_limit(const ast::ExprPtr& e);

  [[noreturn]] void fail(ast::SourcePos at, const std::string& detail, const std::string& message,
                         ErrorCategory category = ErrorCategory::kSyntaxError) const;

  std::set<std::string> parameters;
  bool updates = false;

 private:
  StaticType function_call(const ast::FunctionCall& f, const ast::Expression& e,
                           const ExprContext& ctx);
  StaticType special_expr(const ast::Expression& e, const ExprContext& ctx);

  const AnalyzeOptions& options_;
};

// True when the expression contains an aggregate function call outside nested subqueries.
bool contains_aggregate(const ast::Expression& e);

// Canonical text of an expression, used to compare expressions regardless of spacing.
std::string canonical(const ast::Expression& e);

}  // namespace quiver::query::analyze_detail
