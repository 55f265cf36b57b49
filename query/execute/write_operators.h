#pragma once

// Updating operators: CREATE, MERGE, SET, REMOVE, DELETE and FOREACH. Each reads its whole input
// before writing (eager), so the reads of a clause never see that clause's own writes, and the
// clauses after it see all of them, as Cypher defines.

#include <memory>
#include <string>
#include <vector>

#include "query/execute/evaluator.h"
#include "query/execute/operator.h"
#include "query/execute/pattern_match.h"
#include "query/parse/ast.h"

namespace quiver::query {

// Creates the unbound nodes and the relationships of pattern parts for one row at a time.
class PatternCreator {
 public:
  // INPUT is the schema of incoming rows; the parts' new variables are appended to it.
  PatternCreator(ExecContext& ctx, const std::vector<ast::PatternPart>& parts, const Schema& input);

  const Schema& output_schema() const { return output_; }

  // Creates the pattern for ROW (input columns), returning the row extended by the new variables.
  std::vector<Value> create(const std::vector<Value>& row);

 private:
  ExecContext& ctx_;
  const std::vector<ast::PatternPart>& parts_;
  Schema output_;
  std::vector<std::vector<int>> node_slots_;  // per part, per node
  std::vector<std::vector<int>> rel_slots_;   // per part, per relationship
  std::vector<int> path_slots_;
  std::unique_ptr<Evaluator> eval_;
};

class CreateOp : public Operator {
 public:
  CreateOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::PatternPart>& parts);
  std::string describe() const override { return "Create"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  PatternCreator creator_;
  std::vector<std::vector<Value>> rows_;
  size_t emitted_ = 0;
  bool done_ = false;
};

// Applies SET items to one row (shared by SET, MERGE's ON CREATE/ON MATCH).
void apply_set_items(ExecContext& ctx, Evaluator& eval, const std::vector<ast::SetItem>& items,
                     RowRef row);

class SetOp : public Operator {
 public:
  SetOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::SetItem>& items);
  std::string describe() const override { return "SetProperties"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  const std::vector<ast::SetItem>& items_;
  Evaluator eval_;
  std::vector<Batch> rows_;
  size_t emitted_ = 0;
  bool done_ = false;
};

class RemoveOp : public Operator {
 public:
  RemoveOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::RemoveItem>& items);
  std::string describe() const override { return "Remove"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  const std::vector<ast::RemoveItem>& items_;
  Evaluator eval_;
  std::vector<Batch> rows_;
  size_t emitted_ = 0;
  bool done_ = false;
};

class DeleteOp : public Operator {
 public:
  DeleteOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::ExprPtr>& targets,
           bool detach);
  std::string describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  const std::vector<ast::ExprPtr>& targets_;
  bool detach_;
  Evaluator eval_;
  std::vector<Batch> rows_;
  size_t emitted_ = 0;
  bool done_ = false;
};

class MergeOp : public Operator {
 public:
  MergeOp(ExecContext& ctx, OperatorPtr child, const ast::Merge& merge);
  std::string describe() const override { return "Merge"; }
  std::vector<std::string> details() const override { return matcher_->describe(); }

 protected:
  bool next(Batch& out) override;

 private:
  // Throws SemanticError/MergeReadOwnWrites when a property of the pattern is null for ROW (an
  // input row): what MERGE would create could never match the pattern.
  void refuse_null_properties(const std::vector<Value>& row);

  ExecContext& ctx_;
  Operator* child_;
  const ast::Merge& merge_;
  std::vector<ast::PatternPart> parts_;
  std::unique_ptr<PatternMatcher> matcher_;
  std::unique_ptr<PatternCreator> creator_;
  std::unique_ptr<Evaluator> eval_;
  std::unique_ptr<Evaluator> input_eval_;  // over the input rows
  std::vector<std::vector<Value>> rows_;
  size_t emitted_ = 0;
  bool done_ = false;
};

// FOREACH (variable IN list | updates): runs BODY once per element of the list for every input
// row; BODY starts at ARGUMENT, which receives the row extended by the variable.
class ForeachOp : public Operator {
 public:
  ForeachOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& list, ArgumentOp* argument,
            OperatorPtr body);
  std::string describe() const override { return "Foreach"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  const ast::Expression& list_;
  ArgumentOp* argument_;
  Operator* body_;
  Evaluator eval_;
  std::vector<Batch> batches_;
  size_t emitted_ = 0;
  bool done_ = false;
};

}  // namespace quiver::query
