#pragma once

// Semantic analysis: checks a parsed statement against the language rules (scoping, variable
// kinds, aggregation, clause composition, literal arguments) and records what the planner needs
// to know about every clause.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "query/parse/ast.h"

namespace quiver::query {

// What a variable holds, as far as the text tells.
enum class VariableKind {
  kNode,
  kRelationship,
  kRelationshipList,  // bound by a variable-length relationship pattern
  kPath,
  kValue,  // anything else (UNWIND, WITH ... AS, YIELD, list comprehension variables)
};

struct ScopedVariable {
  std::string name;
  VariableKind kind = VariableKind::kValue;
};

// What the analyzer found out about one top-level clause of a single query.
struct ClauseInfo {
  // Variables visible to the next clause, in order of first binding. For RETURN: its columns.
  std::vector<ScopedVariable> scope_after;

  // WITH and RETURN only: one flag per projection item (after `*` expansion), true when the item
  // contains an aggregate function; the others are the grouping keys.
  std::vector<bool> item_is_aggregate;

  // WITH and RETURN only: the output column names in order (`*` expanded, sorted by name).
  std::vector<std::string> columns;

  // True when the clause writes (CREATE, MERGE, SET, REMOVE, DELETE, FOREACH).
  bool updates = false;
};

// A procedure's declared interface, enough to check a CALL. Types use the TCK spelling
// ("INTEGER?", "STRING?", "NUMBER?", "FLOAT?", "BOOLEAN?", "ANY?", ...).
// An input marked optional may be left out of a call when every input after it is left out
// too; the procedure then receives null for it.
struct ProcedureField {
  std::string name;
  std::string type;
  bool optional = false;
};

// `writes` marks a procedure that changes the database: a statement calling it is an updating
// statement and runs in a write transaction.
struct ProcedureSignature {
  std::string name;
  std::vector<ProcedureField> inputs;
  std::vector<ProcedureField> outputs;
  bool writes = false;
};

// The fewest arguments a call of SIGNATURE may pass: the inputs before the trailing optional
// ones.
size_t required_inputs(const ProcedureSignature& signature);

// Context the analyzer may consult. Every member is optional: without a procedure lookup CALL
// is checked only syntactically; without parameter names parameters are not checked.
struct AnalyzeOptions {
  // Returns the signature of a procedure by its full dotted name, or nullptr when unknown.
  std::function<const ProcedureSignature*(std::string_view)> find_procedure;

  // Names of the parameters the caller supplies (for MissingParameter on implicit CALL args).
  std::optional<std::unordered_set<std::string>> parameter_names;
};

// The result of analysis: the statement and, for each single query (UNION part) of a Query, one
// ClauseInfo per clause. Schema commands have no parts.
struct AnalyzedStatement {
  ast::Statement statement;
  std::vector<std::vector<ClauseInfo>> parts;

  // Result column names of the statement (empty for updating queries without RETURN).
  std::vector<std::string> columns;

  // Parameter names referenced anywhere in the statement, without the dollar sign.
  std::vector<std::string> parameters;

  // True when any clause writes.
  bool updates = false;
};

// Checks `statement` and returns it annotated. Throws QueryError (compile time; category
// SyntaxError, SemanticError, ParameterMissing or ProcedureError, with the TCK detail and the
// offending position). Thread-safe: calls share no state; `options` callbacks must be callable
// from the calling thread.
AnalyzedStatement analyze(ast::Statement statement, const AnalyzeOptions& options = {});

// parse() then analyze(): the full front end. Same errors as both.
AnalyzedStatement compile(std::string_view text, const AnalyzeOptions& options = {});

}  // namespace quiver::query
