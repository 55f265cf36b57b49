#pragma once

// Procedures callable with CALL: a registry of named procedures with declared signatures, the
// built-in db.* and dbms.* procedures, and the operator that calls them.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/analyze/analyzer.h"
#include "query/execute/evaluator.h"
#include "query/execute/operator.h"

namespace quiver::query {

// One procedure. `run` receives the evaluated arguments (one per signature input, in order) and
// returns its rows, one value per signature output. It may throw QueryError (ProcedureError,
// ArgumentError...). `writes` marks procedures that need a write transaction; `changes_state`
// those that fit, replace, save or drop what the database keeps beside the graph (models, kept
// projections) or write files, which a restricted caller (a reader of a server) may not run.
struct Procedure {
  ProcedureSignature signature;
  std::string description;
  bool writes = false;
  std::function<std::vector<std::vector<Value>>(ExecContext&, const std::vector<Value>&)> run;
  bool changes_state = false;
};

// Procedures by full dotted name (case-insensitive). Filled at start-up, then read: concurrent
// find() calls are safe once no thread adds any more.
class ProcedureRegistry {
 public:
  // Adds or replaces PROC.
  void add(Procedure proc);

  // The procedure called NAME, or nullptr.
  const Procedure* find(std::string_view name) const;

  // Every procedure, ordered by name.
  std::vector<const Procedure*> list() const;

 private:
  std::map<std::string, std::shared_ptr<const Procedure>> procedures_;
};

// Adds db.labels, db.relationshipTypes, db.propertyKeys, db.indexes and dbms.procedures (the
// last one lists REGISTRY itself, which must outlive its use).
void add_builtin_procedures(ProcedureRegistry& registry);

// CALL proc(args) [YIELD ...]: for each input row, calls the procedure and appends one row per
// result row with the yielded fields.
class CallOp : public Operator {
 public:
  // YIELDED holds, for each output column appended, the index of the procedure output field.
  CallOp(ExecContext& ctx, OperatorPtr child, const Procedure& proc,
         std::vector<const ast::Expression*> args, std::vector<size_t> yielded,
         std::vector<std::string> names);
  std::string describe() const override { return "ProcedureCall(" + proc_.signature.name + ")"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  const Procedure& proc_;
  std::vector<const ast::Expression*> args_;
  std::vector<size_t> yielded_;
  Evaluator eval_;
  Batch input_;
  size_t input_row_ = 0;
  std::vector<std::vector<Value>> results_;
  size_t result_row_ = 0;
};

}  // namespace quiver::query
