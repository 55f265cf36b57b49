#pragma once

// The planner: turns an analysed statement into a tree of physical operators for one execution.
// Planning is cheap (no statistics are consulted; index and label choices that depend on the
// data are made by the operators when they run), so the plan cache keeps the analysed statement
// and each execution builds its operators afresh.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "query/analyze/analyzer.h"
#include "query/execute/operator.h"
#include "query/execute/procedures.h"

namespace quiver::query {

// Operators for one execution of a query plus the expressions the planner synthesised (they
// must live as long as the operators that point at them).
struct PhysicalPlan {
  std::unique_ptr<std::deque<ast::Expression>> synthetic;
  OperatorPtr root;
  std::vector<std::string> columns;
};

// Builds the operators for QUERY. CTX is the execution the operators will run in; PROCEDURES
// resolves CALL. Throws QueryError (compile time: ProcedureError/ProcedureNotFound,
// SemanticError for constructs the executor does not support) and runtime errors raised while
// evaluating constant SKIP/LIMIT values.
PhysicalPlan build_plan(const ast::Query& query, ExecContext& ctx,
                        const ProcedureRegistry& procedures);

// The operator tree as indented text, one operator per line (with its detail lines); with
// PROFILE set, each line also shows rows and time.
std::string plan_text(const Operator& root, bool profile);

// Operators of the tree in plan order (pre-order) with their depth, for PROFILE summaries.
void flatten_plan(const Operator& root, int depth,
                  std::vector<std::pair<const Operator*, int>>& out);

// A canonical text of EXPR for matching ORDER BY expressions to projection items; empty when
// EXPR has a form that is never matched that way.
std::string expression_key(const ast::Expression& expr);

// Runs a schema command (CREATE/DROP INDEX or CONSTRAINT, SHOW INDEXES/CONSTRAINTS) and returns
// its result rows (SHOW only) with COLUMNS set. Throws QueryError/StorageFailure.
std::vector<std::vector<Value>> run_schema_command(const ast::Statement& statement,
                                                   ExecContext& ctx,
                                                   std::vector<std::string>& columns);

}  // namespace quiver::query
