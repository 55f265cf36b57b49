#pragma once

// Expression evaluation with Cypher semantics: three-valued logic, null propagation, integer
// overflow as an error, comparability and equality across kinds. An Evaluator is bound to one
// input schema; operators call eval_batch() once per batch and eval() per row where a row at a
// time is inherent (pattern checks, comprehensions).

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "query/execute/batch.h"
#include "query/execute/context.h"
#include "query/execute/value.h"
#include "query/parse/ast.h"

namespace quiver::query {

class PatternMatcher;
struct FunctionInfo;

// Aggregate results of the current group, by the aggregate call's expression node.
using AggregateValues = std::unordered_map<const ast::Expression*, Value>;

// Evaluates expressions over rows of one schema. Owns caches keyed by expression node, so the
// expressions must outlive it. Not thread-safe; one per operator.
class Evaluator {
 public:
  Evaluator(ExecContext& ctx, Schema schema);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The value of EXPR for ROW. Throws QueryError for runtime errors (TypeError, ArgumentError,
  // ArithmeticError, EntityNotFound, ParameterMissing...) and StorageFailure.
  Value eval(const ast::Expression& expr, RowRef row);

  // The values of EXPR for every row of BATCH, written to OUT (resized to batch.size).
  void eval_batch(const ast::Expression& expr, const Batch& batch, std::vector<Value>& out);

  // EXPR as a predicate: true, false or null. A non-boolean value is a TypeError.
  Tri eval_predicate(const ast::Expression& expr, RowRef row);

  // Makes aggregate calls evaluate to the given values (the aggregation operator's output).
  void set_aggregates(const AggregateValues* values) { aggregates_ = values; }

  const Schema& schema() const { return schema_; }
  ExecContext& context() { return ctx_; }

 private:
  struct Local {
    const std::string* name;
    Value value;
  };

  Value eval_variable(const std::string& name, RowRef row);
  Value eval_property(const ast::PropertyAccess& p, RowRef row);
  Value eval_subscript(const ast::Subscript& s, RowRef row);
  Value eval_slice(const ast::Slice& s, RowRef row);
  Value eval_unary(const ast::Unary& u, RowRef row);
  Value eval_binary(const ast::Binary& b, RowRef row);
  Value eval_label_check(const ast::LabelCheck& l, RowRef row);
  Value eval_function(const ast::Expression& expr, const ast::FunctionCall& f, RowRef row);
  Value eval_case(const ast::CaseExpr& c, RowRef row);
  Value eval_list_comprehension(const ast::ListComprehension& c, RowRef row);
  Value eval_quantifier(const ast::Quantifier& q, RowRef row);
  Value eval_reduce(const ast::Reduce& r, RowRef row);
  Value eval_map_projection(const ast::MapProjection& m, RowRef row);
  Value eval_pattern_comprehension(const ast::Expression& e, const ast::PatternComprehension& p,
                                   RowRef row);
  Value eval_exists(const ast::Expression& e, RowRef row);

  // The current row plus the locals as one row of a wider schema, for subquery matchers.
  std::vector<Value> subquery_input(RowRef row) const;
  Schema subquery_schema() const;
  PatternMatcher& matcher_for(const ast::Expression& e, const std::vector<ast::PatternPart>& parts,
                              const ast::Expression* where);

  ExecContext& ctx_;
  Schema schema_;
  std::vector<Local> locals_;
  const AggregateValues* aggregates_ = nullptr;
  std::unordered_map<const void*, const FunctionInfo*> functions_;
  std::unordered_map<const void*, std::unique_ptr<PatternMatcher>> matchers_;
};

// Operator semantics shared with other operators (SET +=, aggregation, functions).
Value add_values(const Value& a, const Value& b);
Value arithmetic(ast::BinaryOp op, const Value& a, const Value& b);

// The property value of a node, relationship or map; null for null. TypeError otherwise.
Value property_of(ExecContext& ctx, const Value& subject, const std::string& key);

// The truth value of V as a predicate (null stays null); TypeError for non-booleans.
Tri truth(const Value& v);

}  // namespace quiver::query
