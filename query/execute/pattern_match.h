#pragma once

// PatternMatcher: finds every match of a MATCH pattern (several parts, cycles, variable-length
// and shortest paths) for one input row. The pattern is compiled into a chain of steps (scan or
// index seek, expand, variable-length expand, shortest path, path building, filter) that runs
// depth first; relationships are unique per match, as Cypher requires. Used by the Match
// operator and by pattern predicates, EXISTS and pattern comprehensions.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/execute/batch.h"
#include "query/execute/context.h"
#include "query/execute/evaluator.h"
#include "query/parse/ast.h"
#include "storage/property_index.h"
#include "storage/types.h"

namespace quiver::query {

// A predicate on an indexed property that can start a pattern: an equality node.key = value,
// or a range lower < node.key < upper (either bound may be absent, each inclusive or not). The
// nodes an index lookup yields are a superset of those the predicate admits: the pattern's
// property map and WHERE are still checked on each. Expressions are evaluated against the bound
// row.
struct SeekHint {
  std::string label;
  std::string key;
  const ast::Expression* value = nullptr;  // equality; nullptr for a range
  const ast::Expression* lower = nullptr;
  const ast::Expression* upper = nullptr;
  bool lower_inclusive = false;
  bool upper_inclusive = false;
};

// One step of a compiled pattern.
struct MatchStep {
  enum class Kind { kScan, kCheckNode, kExpand, kVarExpand, kShortest, kBuildPath, kFilter };
  Kind kind = Kind::kScan;

  // Node produced or checked (scan, check, target of an expansion).
  int node_slot = -1;
  std::vector<std::string> labels;
  const ast::Expression* node_props = nullptr;
  bool node_bound = false;  // expansion target already bound: compare instead of bind
  std::vector<SeekHint> seeks;

  // Expansion.
  int from_slot = -1;
  int rel_slot = -1;
  bool rel_bound = false;
  std::vector<std::string> types;
  storage::Direction direction = storage::Direction::Both;
  const ast::Expression* rel_props = nullptr;
  int64_t min_hops = 1;
  int64_t max_hops = 1;
  bool reversed = false;      // walked right to left: relationship lists are reversed on binding
  bool all_shortest = false;  // kShortest: every shortest path, not one

  // kBuildPath: node slots and relationship slots of the pattern, left to right.
  int path_slot = -1;
  std::vector<int> path_nodes;
  std::vector<int> path_rels;
  std::vector<bool> path_rel_is_list;

  const ast::Expression* filter = nullptr;  // kFilter
};

// The direction a relationship pattern D points in, walked from its left node: Outgoing for
// -->, Incoming for <--, Both for --.
storage::Direction forward(ast::Direction d);

// Outgoing for Incoming and the reverse; Both stays Both.
storage::Direction opposite(storage::Direction d);

// Whether N, read from the adjacency of NODE walked in direction WALKED, is the second sighting
// of a self-loop: walking both directions finds a self-loop twice, and Cypher matches it once.
inline bool repeats_self_loop(uint64_t node, storage::Direction walked,
                              const storage::Neighbour& n) {
  return walked == storage::Direction::Both && n.direction == storage::Direction::Incoming &&
         n.node == node;
}

// A compiled pattern plus its execution state. Not thread-safe; keeps pointers into the AST
// given at construction (the parts are copied, WHERE is not: it must outlive the matcher).
class PatternMatcher {
 public:
  // Compiles PARTS against INPUT: variables named in INPUT are bound by the caller's row.
  PatternMatcher(ExecContext& ctx, std::vector<ast::PatternPart> parts,
                 const ast::Expression* where, const Schema& input);
  ~PatternMatcher();

  // INPUT followed by the pattern's new variables (anonymous ones get hidden names).
  const Schema& output_schema() const { return output_; }

  // Number of columns of the input schema.
  size_t input_width() const { return input_width_; }

  // Starts matching for INPUT_ROW (one value per input column).
  void start(const std::vector<Value>& input_row);

  // Advances to the next match; false when there is none left. The match is then current().
  bool next();

  // The current match: one row of output_schema().
  RowRef current() const { return RowRef{&regs_, 0}; }

  // The evaluator over output_schema(), for expressions on matches.
  Evaluator& evaluator() { return *eval_; }

  // One line per step, for EXPLAIN.
  std::vector<std::string> describe() const;

  // True when a variable name is hidden (anonymous pattern element).
  static bool is_hidden(const std::string& name) { return !name.empty() && name[0] == ' '; }

 private:
  struct PathCandidate {
    std::vector<RelRef> rels;
    uint64_t end = 0;
  };

  // Candidates of one step for the current bindings of the steps before it.
  struct Level {
    std::vector<uint64_t> ids;
    std::vector<storage::Neighbour> neighbours;
    std::vector<PathCandidate> paths;
    size_t pos = 0;
    bool tried = false;
    size_t used_mark = 0;
    uint64_t charged = 0;  // bytes the candidates above hold against the memory bound
    // kScan over a label's members in a read-only transaction: the step's labels but that one,
    // which every candidate carries (no write can take it away while the statement runs).
    std::optional<std::vector<std::string>> labels_to_check;
  };

  void compile(const ast::Expression* where);
  void compile_part(const ast::PatternPart& part);
  int slot_for(const std::string& name, bool* was_bound);
  void add_seek_hints(MatchStep& step, const ast::NodePattern& node, const ast::Expression* where);
  // True when LABEL.KEY has a property index in the current transaction.
  bool has_index(const std::string& label, const std::string& key);

  void prepare(size_t depth);
  bool advance(size_t depth);
  void unbind(size_t depth);

  // The seek hint of STEP that the scan uses: the first equality, else the first range, whose
  // (label, key) has an index in this transaction; nullptr when none has, and the scan reads
  // the smallest label instead.
  const SeekHint* indexed_hint(const MatchStep& step) const;

  void prepare_scan(const MatchStep& step, Level& level);
  std::optional<storage::IndexScan> open_seek(const SeekHint& hint);
  void prepare_expand(const MatchStep& step, Level& level);
  void prepare_var_expand(const MatchStep& step, Level& level);
  void prepare_shortest(const MatchStep& step, Level& level);
  bool node_matches(uint64_t id, const std::vector<std::string>& labels,
                    const ast::Expression* props);
  bool rel_matches(const RelRef& rel, const ast::Expression* props);
  bool rel_used(uint64_t id) const;
  std::vector<storage::Neighbour> neighbours(uint64_t node, const MatchStep& step);
  Value build_path(const MatchStep& step);

  ExecContext& ctx_;
  std::vector<ast::PatternPart> parts_;
  Schema output_;
  size_t input_width_ = 0;
  std::vector<bool> bound_;  // per slot, while compiling
  int anonymous_ = 0;
  const ast::Expression* where_ = nullptr;
  std::vector<MatchStep> steps_;
  std::vector<Level> levels_;
  std::vector<uint64_t> used_rels_;
  Batch regs_;
  std::unique_ptr<Evaluator> eval_;
  int depth_ = -1;
};

}  // namespace quiver::query
