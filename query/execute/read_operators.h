#pragma once

// Reading operators: pattern matching, filtering, projection, aggregation, ordering, paging,
// UNWIND and UNION.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "query/execute/evaluator.h"
#include "query/execute/operator.h"
#include "query/execute/pattern_match.h"
#include "query/functions/aggregates.h"
#include "query/parse/ast.h"

namespace quiver::query {

// MATCH / OPTIONAL MATCH: for each input row, every match of the pattern (with WHERE); an
// optional match with none emits the row once with nulls for the new variables.
class MatchOp : public Operator {
 public:
  MatchOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::PatternPart>& parts,
          const ast::Expression* where, bool optional);
  std::string describe() const override { return optional_ ? "OptionalMatch" : "Match"; }
  std::vector<std::string> details() const override { return matcher_->describe(); }

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  std::unique_ptr<PatternMatcher> matcher_;
  bool optional_;
  Batch input_;
  size_t input_row_ = 0;
  bool row_active_ = false;
  bool row_matched_ = false;
  bool child_done_ = false;
};

// WHERE after WITH, and filters the planner adds: keeps rows whose predicate is true.
class FilterOp : public Operator {
 public:
  FilterOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& predicate);
  std::string describe() const override { return "Filter"; }

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  const ast::Expression& predicate_;
  Evaluator eval_;
  std::vector<Value> mask_;
};

// UNWIND list AS variable: one row per element (none for an empty list or null; a non-list
// value gives one row).
class UnwindOp : public Operator {
 public:
  UnwindOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& list, std::string variable);
  std::string describe() const override { return "Unwind(" + schema_.names().back() + ")"; }

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  const ast::Expression& list_;
  Evaluator eval_;
  Batch input_;
  std::vector<Value> lists_;
  size_t row_ = 0;
  size_t element_ = 0;
};

// Appends one computed column per expression (the input columns stay, so ORDER BY can still
// see them).
class ProjectOp : public Operator {
 public:
  ProjectOp(ExecContext& ctx, OperatorPtr child, std::vector<const ast::Expression*> exprs,
            std::vector<std::string> names);
  std::string describe() const override;

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  std::vector<const ast::Expression*> exprs_;
  Evaluator eval_;
};

// Keeps the listed input columns, in order, under new names.
class SelectOp : public Operator {
 public:
  SelectOp(OperatorPtr child, std::vector<int> columns, std::vector<std::string> names);
  std::string describe() const override { return "Select"; }

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  std::vector<int> columns_;
};

// SKIP and LIMIT (either may be absent). Their expressions are constant: evaluated once.
class SkipLimitOp : public Operator {
 public:
  SkipLimitOp(ExecContext& ctx, OperatorPtr child, const ast::Expression* skip,
              const ast::Expression* limit);
  std::string describe() const override;

 protected:
  bool next(Batch& out) override;

 private:
  Operator* child_;
  int64_t skip_ = 0;
  int64_t limit_ = -1;
  int64_t seen_ = 0;
  int64_t emitted_ = 0;
  bool drain_ = false;  // in a write statement, run the input to the end for its side effects
};

// Evaluates a SKIP/LIMIT expression: a non-negative INTEGER, else an ArgumentError/TypeError.
int64_t paging_count(ExecContext& ctx, const ast::Expression& expr, const char* what);

// DISTINCT over the first KEY_WIDTH columns.
class DistinctOp : public Operator {
 public:
  DistinctOp(ExecContext& ctx, OperatorPtr child, size_t key_width);
  std::string describe() const override { return "Distinct"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  Operator* child_;
  size_t key_width_;
  std::unordered_set<std::vector<Value>, RowHash, RowEquivalent> seen_;
};

// ORDER BY: sorts all input rows by the keys (global sort order); with a row limit it keeps only
// the best LIMIT rows (top-k) instead of sorting everything.
class SortOp : public Operator {
 public:
  SortOp(ExecContext& ctx, OperatorPtr child, std::vector<const ast::Expression*> keys,
         std::vector<bool> descending, std::optional<int64_t> top_k);
  std::string describe() const override;

 protected:
  bool next(Batch& out) override;

 private:
  void sort_all();

  ExecContext& ctx_;
  Operator* child_;
  std::vector<const ast::Expression*> keys_;
  std::vector<bool> descending_;
  std::optional<int64_t> top_k_;
  Evaluator eval_;
  std::vector<std::vector<Value>> rows_;
  size_t emitted_ = 0;
  bool sorted_ = false;
};

// One aggregate call of a projection.
struct AggregateCall {
  const ast::Expression* call = nullptr;  // the FunctionCall or CountStar node
  std::string function;                   // lower-case name, "count(*)" for count(*)
  bool distinct = false;
  const ast::Expression* argument = nullptr;
  const ast::Expression* extra = nullptr;  // percentile argument
};

// Hash aggregation: groups rows by the key expressions and evaluates the projection items
// (which may combine aggregates and keys) once per group. Without keys there is exactly one
// group, even over no rows.
class AggregateOp : public Operator {
 public:
  AggregateOp(ExecContext& ctx, OperatorPtr child, std::vector<const ast::Expression*> keys,
              std::vector<const ast::Expression*> items, std::vector<bool> item_is_aggregate,
              std::vector<AggregateCall> calls, std::vector<std::string> names);
  ~AggregateOp() override;
  std::string describe() const override { return "HashAggregate"; }

 protected:
  bool next(Batch& out) override;

 private:
  struct Group;
  void consume();

  ExecContext& ctx_;
  Operator* child_;
  std::vector<const ast::Expression*> keys_;
  std::vector<const ast::Expression*> items_;
  std::vector<bool> item_is_aggregate_;
  std::vector<AggregateCall> calls_;
  Evaluator eval_;
  std::vector<std::unique_ptr<Group>> groups_;
  size_t emitted_ = 0;
  bool consumed_ = false;
};

// UNION / UNION ALL of plans with the same columns.
class UnionOp : public Operator {
 public:
  UnionOp(ExecContext& ctx, std::vector<OperatorPtr> parts, bool distinct);
  std::string describe() const override { return distinct_ ? "Union" : "UnionAll"; }

 protected:
  bool next(Batch& out) override;

 private:
  ExecContext& ctx_;
  std::vector<Operator*> parts_;
  size_t current_ = 0;
  bool distinct_;
  std::unordered_set<std::vector<Value>, RowHash, RowEquivalent> seen_;
};

// Whether `MATCH <match> RETURN <projection>` only counts the matches of a chain that
// CountPatternOp can count from adjacency: one non-optional pattern part without a path
// variable or WHERE, at most two single-hop relationships, no property maps, no variable named
// twice, and a projection that is count(*) or count(v) of a pattern variable alone (no
// DISTINCT, ORDER BY, SKIP or LIMIT).
bool count_pattern_applies(const ast::Match& match, const ast::Projection& projection);

// Counts the matches of CHAIN, a pattern for which count_pattern_applies() holds, and emits one
// row with the count in COLUMN, as `MATCH chain RETURN count(*)` would, without producing a row
// per match: label members are read into a bitmap, a directed hop to an unlabelled node is a
// degree lookup, and a chain of two relationships is counted per middle node as the product of
// its two sides less the pairs that would use one relationship twice. Every input row of CHILD
// sees the same matches (the chain binds nothing from the input). CHAIN must outlive the
// operator. Throws StorageFailure, MemoryLimitExceeded or StatementInterrupted.
class CountPatternOp : public Operator {
 public:
  CountPatternOp(ExecContext& ctx, OperatorPtr child, const ast::PatternElement& chain,
                 std::string column);
  ~CountPatternOp() override;
  std::string describe() const override;
  std::vector<std::string> details() const override;

 protected:
  bool next(Batch& out) override;

 private:
  class NodeFilter;

  // One relationship of the chain seen from the node it is counted from.
  struct Hop {
    storage::Direction direction = storage::Direction::Both;
    bool any_type = true;
    std::vector<uint32_t> types;      // ids of the named types that exist, sorted, unique
    const NodeFilter* far = nullptr;  // the labels the node at the other end must carry

    // True when the pattern names types and none of them exists: nothing can match.
    bool matches_nothing() const { return !any_type && types.empty(); }
  };

  // How the pairs of matches that would use one relationship for both hops are counted.
  enum class Shared {
    kNone,       // the hops have no type in common
    kSelfLoops,  // one hop leaves the middle node, the other enters it
    kDegree,     // both take one direction to unlabelled ends
    kWalk,       // otherwise: the relationships of both sides are compared
  };

  // The type ids both hops accept; nullopt when both accept any type.
  static std::optional<std::vector<uint32_t>> common_types(const Hop& a, const Hop& b);
  uint64_t shared_relationships(uint64_t middle, Shared how, const Hop& left, const Hop& right,
                                const std::optional<std::vector<uint32_t>>& common,
                                std::vector<uint64_t>& left_rels,
                                const std::vector<uint64_t>& right_rels);
  // Counts from one pass over every adjacency key: hops in one direction each to unlabelled
  // ends, ANCHOR the node they share (LEFT is null for a single hop).
  int64_t count_by_key_scan(const NodeFilter& anchor, const Hop* left, const Hop& right,
                            Shared shared_by, const std::optional<std::vector<uint32_t>>& common);
  Hop make_hop(const ast::RelationshipPattern& rel, storage::Direction direction,
               const NodeFilter* far);
  // Matches of HOP from NODE; with RELS, also appends the relationship of each.
  uint64_t count_hop(uint64_t node, const Hop& hop, std::vector<uint64_t>* rels);
  void for_each_node(const NodeFilter& filter, const std::vector<std::string>& labels,
                     const std::function<void(uint64_t)>& visit);
  int64_t count_matches();

  ExecContext& ctx_;
  Operator* child_;
  const ast::PatternElement& chain_;
  bool done_ = false;
};

// Finds the aggregate calls inside EXPR (not inside nested subqueries).
void find_aggregates(const ast::Expression& expr, std::vector<AggregateCall>& out);

}  // namespace quiver::query
