// Compiles a pattern into match steps: where to start each part, which way to expand.

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>

#include "query/execute/pattern_match.h"
#include "query/parse/ast_walk.h"
#include "storage/property_index.h"

namespace quiver::query {

storage::Direction forward(ast::Direction d) {
  switch (d) {
    case ast::Direction::kLeftToRight:
      return storage::Direction::Outgoing;
    case ast::Direction::kRightToLeft:
      return storage::Direction::Incoming;
    case ast::Direction::kBoth:
      return storage::Direction::Both;
  }
  return storage::Direction::Both;
}

storage::Direction opposite(storage::Direction d) {
  if (d == storage::Direction::Outgoing)
    return storage::Direction::Incoming;
  if (d == storage::Direction::Incoming)
    return storage::Direction::Outgoing;
  return d;
}

namespace {

storage::Direction backward(ast::Direction d) {
  return opposite(forward(d));
}

// Conjuncts of a WHERE, for finding seekable equalities.
void conjuncts(const ast::Expression* e, std::vector<const ast::Expression*>& out) {
  if (!e)
    return;
  if (const auto* b = std::get_if<ast::Binary>(&e->node); b && b->op == ast::BinaryOp::kAnd) {
    conjuncts(b->lhs.get(), out);
    conjuncts(b->rhs.get(), out);
    return;
  }
  out.push_back(e);
}

bool is_constant(const ast::Expression& e);

// A constant, or a map literal of constants (as temporal constructors take them).
bool is_constant_argument(const ast::Expression& e) {
  if (const auto* map = std::get_if<ast::MapLiteral>(&e.node)) {
    return std::all_of(map->entries.begin(), map->entries.end(),
                       [](const auto& entry) { return is_constant(*entry.second); });
  }
  return is_constant(e);
}

// A temporal constructor (date('2020-01-05'), duration({days: 2})...) of constant arguments: its
// value is fixed for the statement, so it can bound an index seek like a literal.
bool is_constant_temporal(const ast::FunctionCall& call) {
  static const char* const kConstructors[] = {"date",          "localtime", "time",
                                              "localdatetime", "datetime",  "duration"};
  std::string name = call.name;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool constructor = std::any_of(std::begin(kConstructors), std::end(kConstructors),
                                 [&name](const char* n) { return name == n; });
  return constructor && !call.distinct && !call.args.empty() &&
         std::all_of(call.args.begin(), call.args.end(),
                     [](const ast::ExprPtr& arg) { return is_constant_argument(*arg); });
}

bool is_constant(const ast::Expression& e) {
  if (const auto* call = std::get_if<ast::FunctionCall>(&e.node))
    return is_constant_temporal(*call);
  return std::holds_alternative<ast::Parameter>(e.node) ||
         std::holds_alternative<ast::IntegerLiteral>(e.node) ||
         std::holds_alternative<ast::FloatLiteral>(e.node) ||
         std::holds_alternative<ast::StringLiteral>(e.node) ||
         std::holds_alternative<ast::BoolLiteral>(e.node);
}

// TYPES without repeats: `[:T|:T]` expands each relationship once.
std::vector<std::string> distinct_types(const std::vector<std::string>& types) {
  std::vector<std::string> out;
  for (const std::string& t : types) {
    if (std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(t);
  }
  return out;
}

// Adds the bound that `key OP value` (or `value OP key` when FLIPPED) sets to the range hint
// on KEY of STEP, creating the hint; a bound already set stays (the predicate is still checked).
void add_range_hint(MatchStep& step, const std::string& label, const std::string& key,
                    ast::BinaryOp op, bool flipped, const ast::Expression& value) {
  bool below;  // the property lies below VALUE
  bool inclusive;
  switch (op) {
    case ast::BinaryOp::kLess:
      below = true, inclusive = false;
      break;
    case ast::BinaryOp::kLessEqual:
      below = true, inclusive = true;
      break;
    case ast::BinaryOp::kGreater:
      below = false, inclusive = false;
      break;
    case ast::BinaryOp::kGreaterEqual:
      below = false, inclusive = true;
      break;
    default:
      return;
  }
  if (flipped)
    below = !below;
  SeekHint* hint = nullptr;
  for (SeekHint& h : step.seeks) {
    if (h.value == nullptr && h.key == key)
      hint = &h;
  }
  if (hint == nullptr) {
    step.seeks.push_back(SeekHint{label, key, nullptr});
    hint = &step.seeks.back();
  }
  if (below && hint->upper == nullptr) {
    hint->upper = &value;
    hint->upper_inclusive = inclusive;
  } else if (!below && hint->lower == nullptr) {
    hint->lower = &value;
    hint->lower_inclusive = inclusive;
  }
}

}  // namespace

bool PatternMatcher::has_index(const std::string& label, const std::string& key) {
  auto label_id = ctx_.label_id(label);
  auto key_id = ctx_.key_id(key);
  if (!label_id || !key_id)
    return false;
  return unwrap(storage::PropertyIndex(ctx_.txn()).find(*label_id, *key_id)).has_value();
}

int PatternMatcher::slot_for(const std::string& name, bool* was_bound) {
  if (name.empty()) {
    *was_bound = false;
    int slot = static_cast<int>(output_.add("  anon" + std::to_string(anonymous_++)));
    bound_.push_back(false);
    return slot;
  }
  int slot = output_.find(name);
  if (slot < 0) {
    slot = static_cast<int>(output_.add(name));
    bound_.push_back(false);
  }
  *was_bound = bound_[static_cast<size_t>(slot)];
  return slot;
}

void PatternMatcher::add_seek_hints(MatchStep& step, const ast::NodePattern& node,
                                    const ast::Expression* where) {
  if (node.labels.empty())
    return;

  // A seek value must be known before the node is: a constant, or a variable (or a property of
  // one) that an earlier step or the input row binds.
  auto bound_variable = [this](const ast::Expression& e) {
    const auto* v = std::get_if<ast::Variable>(&e.node);
    if (v == nullptr)
      return false;
    int slot = output_.find(v->name);
    return slot >= 0 && bound_[static_cast<size_t>(slot)];
  };
  // Also an expression built from such values by property access, subscripts, arithmetic and
  // list or map literals (row[0], i.iid * 7 % 20): it has one value per input row, so seeking
  // with it finds what filtering the label scan would. Function calls other than constant ones
  // are left to the filter, since one such as rand() may differ per candidate.
  std::function<bool(const ast::Expression&)> known_before = [&](const ast::Expression& e) -> bool {
    if (is_constant(e) || bound_variable(e))
      return true;
    const bool composite = std::holds_alternative<ast::PropertyAccess>(e.node) ||
                           std::holds_alternative<ast::Subscript>(e.node) ||
                           std::holds_alternative<ast::Binary>(e.node) ||
                           std::holds_alternative<ast::Unary>(e.node) ||
                           std::holds_alternative<ast::ListLiteral>(e.node) ||
                           std::holds_alternative<ast::MapLiteral>(e.node);
    if (!composite)
      return false;
    bool all = true;
    bool any = false;
    ast::for_each_operand(e, [&](const ast::Expression& operand) {
      any = true;
      all = all && known_before(operand);
    });
    return all && any;
  };

  if (node.properties) {
    if (const auto* map = std::get_if<ast::MapLiteral>(&node.properties->node)) {
      for (const auto& [key, value] : map->entries) {
        if (known_before(*value))
          step.seeks.push_back(SeekHint{node.labels[0], key, value.get()});
      }
    }
  }
  if (node.variable.empty())
    return;  // WHERE cannot name an anonymous node
  std::vector<const ast::Expression*> terms;
  conjuncts(where, terms);
  for (const ast::Expression* term : terms) {
    const auto* cmp = std::get_if<ast::Binary>(&term->node);
    if (!cmp)
      continue;
    for (int side = 0; side < 2; ++side) {
      const ast::Expression& prop = side == 0 ? *cmp->lhs : *cmp->rhs;
      const ast::Expression& value = side == 0 ? *cmp->rhs : *cmp->lhs;
      const auto* access = std::get_if<ast::PropertyAccess>(&prop.node);
      if (!access || !known_before(value))
        continue;
      const auto* var = std::get_if<ast::Variable>(&access->subject->node);
      if (!var || var->name != node.variable)
        continue;
      if (cmp->op == ast::BinaryOp::kEqual) {
        step.seeks.push_back(SeekHint{node.labels[0], access->key, &value});
      } else {
        add_range_hint(step, node.labels[0], access->key, cmp->op, side == 1, value);
      }
    }
  }
}

void PatternMatcher::compile(const ast::Expression* where) {
  for (const ast::PatternPart& part : parts_)
    compile_part(part);
  if (where) {
    MatchStep filter;
    filter.kind = MatchStep::Kind::kFilter;
    filter.filter = where;
    steps_.push_back(filter);
  }
}

void PatternMatcher::compile_part(const ast::PatternPart& part) {
  const ast::PatternElement& element = part.element;
  size_t n = element.nodes.size();
  std::vector<int> node_slots(n, -1);
  std::vector<int> rel_slots(element.relationships.size(), -1);

  // Binds (or checks) node I as the start of a walk.
  auto place_node = [&](size_t i) {
    const ast::NodePattern& np = element.nodes[i];
    bool was_bound = false;
    int slot = slot_for(np.variable, &was_bound);
    MatchStep step;
    step.kind = was_bound ? MatchStep::Kind::kCheckNode : MatchStep::Kind::kScan;
    step.node_slot = slot;
    step.labels = np.labels;
    step.node_props = np.properties ? np.properties.get() : nullptr;
    if (!was_bound)
      add_seek_hints(step, np, where_);
    steps_.push_back(std::move(step));
    bound_[static_cast<size_t>(slot)] = true;
    node_slots[i] = slot;
  };

  // Expands relationship R from node FROM to node TO (indices into the element).
  auto expand = [&](size_t r, size_t from, size_t to, bool reversed) {
    const ast::RelationshipPattern& rp = element.relationships[r];
    const ast::NodePattern& np = element.nodes[to];
    MatchStep step;
    bool rel_bound = false;
    step.rel_slot = slot_for(rp.variable, &rel_bound);
    step.rel_bound = rel_bound;
    step.from_slot = node_slots[from];
    bool target_bound = false;
    step.node_slot = slot_for(np.variable, &target_bound);
    step.node_bound = target_bound;
    step.labels = np.labels;
    step.node_props = np.properties ? np.properties.get() : nullptr;
    step.types = distinct_types(rp.types);
    step.direction = reversed ? backward(rp.direction) : forward(rp.direction);
    step.rel_props = rp.properties ? rp.properties.get() : nullptr;
    step.reversed = reversed;
    if (rp.length) {
      step.kind = MatchStep::Kind::kVarExpand;
      step.min_hops = rp.length->min.value_or(1);
      step.max_hops = rp.length->max.value_or(INT64_MAX);
    } else {
      step.kind = MatchStep::Kind::kExpand;
    }
    bound_[static_cast<size_t>(step.rel_slot)] = true;
    bound_[static_cast<size_t>(step.node_slot)] = true;
    node_slots[to] = step.node_slot;
    rel_slots[r] = step.rel_slot;
    steps_.push_back(std::move(step));
  };

  if (part.selector != ast::PathSelector::kAll && n == 2) {
    place_node(0);
    place_node(1);
    const ast::RelationshipPattern& rp = element.relationships[0];
    MatchStep step;
    step.kind = MatchStep::Kind::kShortest;
    step.from_slot = node_slots[0];
    step.node_slot = node_slots[1];
    bool rel_bound = false;
    step.rel_slot = slot_for(rp.variable, &rel_bound);
    step.types = distinct_types(rp.types);
    step.direction = forward(rp.direction);
    step.rel_props = rp.properties ? rp.properties.get() : nullptr;
    step.min_hops = rp.length ? rp.length->min.value_or(1) : 1;
    step.max_hops = rp.length ? rp.length->max.value_or(INT64_MAX) : 1;
    step.all_shortest = part.selector == ast::PathSelector::kAllShortest;
    bound_[static_cast<size_t>(step.rel_slot)] = true;
    rel_slots[0] = step.rel_slot;
    steps_.push_back(std::move(step));
  } else {
    // Start at a node bound already, else at the node the most can be known about.
    size_t start = n;
    for (size_t i = 0; i < n && start == n; ++i) {
      const std::string& v = element.nodes[i].variable;
      int slot = v.empty() ? -1 : output_.find(v);
      if (slot >= 0 && bound_[static_cast<size_t>(slot)])
        start = i;
    }
    if (start == n) {
      int best = -1;
      for (size_t i = 0; i < n; ++i) {
        MatchStep probe;
        add_seek_hints(probe, element.nodes[i], where_);
        // An indexed seek beats everything; an unindexed equality only narrows a label scan.
        bool indexed = false;
        for (const SeekHint& hint : probe.seeks)
          indexed = indexed || has_index(hint.label, hint.key);
        int score = (indexed ? 8 : 0) + (probe.seeks.empty() ? 0 : 4) +
                    (element.nodes[i].labels.empty() ? 0 : 2) +
                    (element.nodes[i].properties ? 1 : 0);
        if (score > best) {
          best = score;
          start = i;
        }
      }
    }
    place_node(start);
    for (size_t r = start; r + 1 < n; ++r)
      expand(r, r, r + 1, false);
    for (size_t r = start; r-- > 0;)
      expand(r, r + 1, r, true);
  }

  if (!part.path_variable.empty()) {
    MatchStep step;
    step.kind = MatchStep::Kind::kBuildPath;
    bool was_bound = false;
    step.path_slot = slot_for(part.path_variable, &was_bound);
    step.path_nodes = node_slots;
    step.path_rels = rel_slots;
    for (const auto& rp : element.relationships) {
      step.path_rel_is_list.push_back(rp.length.has_value() ||
                                      part.selector != ast::PathSelector::kAll);
    }
    bound_[static_cast<size_t>(step.path_slot)] = true;
    steps_.push_back(std::move(step));
  }
}

}  // namespace quiver::query
