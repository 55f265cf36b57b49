#pragma once

// Physical operators: each pulls batches from its children and produces batches for its parent.
// A plan is a tree of operators owned by its root; it runs on one thread, inside one
// ExecContext, and is used once.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "query/execute/batch.h"
#include "query/execute/context.h"

namespace quiver::query {

class Operator {
 public:
  // An operator whose every pull first passes a checkpoint of CTX (ExecContext::checkpoint:
  // interruption, progress). CTX must outlive the operator.
  Operator(ExecContext& ctx, Schema schema) : schema_(std::move(schema)), interrupt_(&ctx) {}

  // An operator that does too little work of its own to need checkpoints.
  explicit Operator(Schema schema) : schema_(std::move(schema)) {}
  virtual ~Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;

  // Fills OUT (reset to the schema's width) with the next non-empty batch and returns true, or
  // returns false when the operator is exhausted. Times the call and counts rows for PROFILE.
  // Throws QueryError, StorageFailure, MemoryLimitExceeded or StatementInterrupted.
  bool pull(Batch& out);

  // Columns of the batches this operator produces.
  const Schema& schema() const { return schema_; }

  // One-line description for EXPLAIN, e.g. "Filter(n.age > 30)".
  virtual std::string describe() const = 0;

  // Extra lines (sub-steps) shown under this operator by EXPLAIN.
  virtual std::vector<std::string> details() const { return {}; }

  // Children, for plan printing.
  std::vector<const Operator*> children() const;

  // Rows produced and time spent in pull(), children included.
  int64_t rows() const { return rows_; }
  std::chrono::nanoseconds inclusive_time() const { return time_; }

 protected:
  virtual bool next(Batch& out) = 0;

  // Adds CHILD as an input; returns a pointer that stays valid for the operator's life.
  Operator* add_child(std::unique_ptr<Operator> child) {
    children_.push_back(std::move(child));
    return children_.back().get();
  }

  Schema schema_;

 private:
  std::vector<std::unique_ptr<Operator>> children_;
  ExecContext* interrupt_ = nullptr;
  int64_t rows_ = 0;
  std::chrono::nanoseconds time_{0};
};

using OperatorPtr = std::unique_ptr<Operator>;

// Produces the rows given to reset() once (one empty row by default): the start of every plan
// and the per-row input of nested plans (FOREACH).
class ArgumentOp : public Operator {
 public:
  explicit ArgumentOp(Schema schema) : Operator(std::move(schema)) {}

  // The rows the next pulls produce; the operator becomes fresh again.
  void reset(std::vector<std::vector<Value>> rows) {
    rows_to_emit_ = std::move(rows);
    done_ = false;
  }

  std::string describe() const override { return "Argument"; }

 protected:
  bool next(Batch& out) override;

 private:
  std::vector<std::vector<Value>> rows_to_emit_{std::vector<Value>{}};
  bool done_ = false;
};

// Reads every row of CHILD into memory, charging the context. For eager operators.
std::vector<std::vector<Value>> drain(Operator& child, ExecContext& ctx);

}  // namespace quiver::query
