// Runs compiled match steps depth first, one level per step.

#include "query/execute/pattern_match.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "storage/adjacency.h"
#include "storage/node_store.h"
#include "storage/property_index.h"

namespace quiver::query {

PatternMatcher::PatternMatcher(ExecContext& ctx, std::vector<ast::PatternPart> parts,
                               const ast::Expression* where, const Schema& input)
    : ctx_(ctx),
      parts_(std::move(parts)),
      output_(input),
      input_width_(input.size()),
      where_(where) {
  bound_.assign(input.size(), true);
  compile(where);
  levels_.resize(steps_.size());
  regs_.reset(output_.size());
  for (auto& c : regs_.columns)
    c.resize(1);
  regs_.size = 1;
  eval_ = std::make_unique<Evaluator>(ctx_, output_);
}

PatternMatcher::~PatternMatcher() = default;

void PatternMatcher::start(const std::vector<Value>& input_row) {
  for (size_t c = 0; c < output_.size(); ++c) {
    regs_.columns[c][0] = c < input_row.size() ? input_row[c] : Value();
  }
  used_rels_.clear();
  depth_ = 0;
  if (!steps_.empty())
    prepare(0);
}

bool PatternMatcher::next() {
  size_t n = steps_.size();
  while (depth_ >= 0) {
    ctx_.checkpoint_often();
    size_t d = static_cast<size_t>(depth_);
    if (d == n) {
      --depth_;
      return true;
    }
    if (advance(d)) {
      ++depth_;
      if (static_cast<size_t>(depth_) < n)
        prepare(static_cast<size_t>(depth_));
    } else {
      unbind(d);
      --depth_;
    }
  }
  return false;
}

bool PatternMatcher::rel_used(uint64_t id) const {
  return std::find(used_rels_.begin(), used_rels_.end(), id) != used_rels_.end();
}

bool PatternMatcher::node_matches(uint64_t id, const std::vector<std::string>& labels,
                                  const ast::Expression* props) {
  for (const std::string& label : labels) {
    if (!ctx_.node_has_label(id, label))
      return false;
  }
  if (!props)
    return true;
  Value expected = eval_->eval(*props, current());
  if (expected.is_null())
    return true;
  if (!expected.is_map()) {
    throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                  "a pattern's properties must be a MAP");
  }
  for (const auto& [key, value] : expected.as_map()) {
    if (cypher_equals(ctx_.node_property(id, key), value) != Tri::kTrue)
      return false;
  }
  return true;
}

bool PatternMatcher::rel_matches(const RelRef& rel, const ast::Expression* props) {
  if (!props)
    return true;
  Value expected = eval_->eval(*props, current());
  if (!expected.is_map())
    return expected.is_null();
  for (const auto& [key, value] : expected.as_map()) {
    if (cypher_equals(ctx_.rel_property(rel.id, key), value) != Tri::kTrue)
      return false;
  }
  return true;
}

std::vector<storage::Neighbour> PatternMatcher::neighbours(uint64_t node, const MatchStep& step) {
  std::vector<storage::Neighbour> out;
  storage::Adjacency adjacency(ctx_.txn());
  auto read = [&](std::optional<uint32_t> type) {
    storage::ExpandCursor cursor = unwrap(adjacency.expand(node, step.direction, type));
    storage::Neighbour page[256];
    for (;;) {
      size_t got = unwrap(cursor.next_batch(std::span<storage::Neighbour>(page, 256)));
      if (got == 0)
        break;
      for (size_t i = 0; i < got; ++i) {
        if (!repeats_self_loop(node, step.direction, page[i]) &&
            !ctx_.deleted_rels().count(page[i].relationship))
          out.push_back(page[i]);
      }
    }
  };
  if (step.types.empty()) {
    read(std::nullopt);
  } else {
    for (const std::string& t : step.types) {
      if (auto id = ctx_.type_id(t))
        read(*id);
    }
  }
  ctx_.charge(out.size() * sizeof(storage::Neighbour));
  return out;
}

namespace {

RelRef rel_of(uint64_t from, const storage::Neighbour& n) {
  if (n.direction == storage::Direction::Outgoing)
    return RelRef{n.relationship, n.type, from, n.node};
  return RelRef{n.relationship, n.type, n.node, from};
}

// Whether BOUND, the value of a relationship-list variable bound before the pattern, lists
// exactly the relationships of RELS in walking order (reversed when the pattern was walked right
// to left). A variable-length relationship whose variable is bound follows that list alone.
bool same_relationships(const Value& bound, const std::vector<RelRef>& rels, bool reversed) {
  if (!bound.is_list() || bound.as_list().size() != rels.size())
    return false;
  const ValueList& list = bound.as_list();
  for (size_t i = 0; i < rels.size(); ++i) {
    const Value& want = list[reversed ? rels.size() - 1 - i : i];
    if (!want.is_rel() || want.as_rel().id != rels[i].id)
      return false;
  }
  return true;
}

}  // namespace

void PatternMatcher::prepare(size_t depth) {
  const MatchStep& step = steps_[depth];
  Level& level = levels_[depth];
  level.pos = 0;
  level.tried = false;
  level.used_mark = used_rels_.size();
  level.ids.clear();
  level.neighbours.clear();
  level.paths.clear();
  level.labels_to_check.reset();
  // The candidates of the previous preparation are gone: what they held is free again, so a
  // long search is bounded by what it holds at once, not by all it ever read.
  ctx_.release(level.charged);
  uint64_t held_before = ctx_.memory_used();
  switch (step.kind) {
    case MatchStep::Kind::kScan:
      prepare_scan(step, level);
      break;
    case MatchStep::Kind::kExpand:
      prepare_expand(step, level);
      break;
    case MatchStep::Kind::kVarExpand:
      prepare_var_expand(step, level);
      break;
    case MatchStep::Kind::kShortest:
      prepare_shortest(step, level);
      break;
    default:
      break;
  }
  level.charged = ctx_.memory_used() - held_before;
}

const SeekHint* PatternMatcher::indexed_hint(const MatchStep& step) const {
  storage::PropertyIndex index(ctx_.txn());
  for (bool equality : {true, false}) {
    for (const SeekHint& hint : step.seeks) {
      if ((hint.value != nullptr) != equality)
        continue;
      auto label = ctx_.label_id(hint.label);
      auto key = ctx_.key_id(hint.key);
      if (label && key && unwrap(index.find(*label, *key)))
        return &hint;
    }
  }
  return nullptr;
}

// The index lookup for HINT, or nullopt when no node can satisfy it (a null bound or value, or
// one no property can hold: comparisons with it are never true).
std::optional<storage::IndexScan> PatternMatcher::open_seek(const SeekHint& hint) {
  auto bound = [&](const ast::Expression* e, bool inclusive,
                   std::optional<storage::IndexBound>& out) {
    if (e == nullptr)
      return true;
    Value v = eval_->eval(*e, current());
    if (v.is_null())
      return false;
    try {
      out = storage::IndexBound{to_property(v), inclusive};
    } catch (const QueryError&) {
      return false;
    }
    return true;
  };
  std::optional<storage::IndexBound> lower;
  std::optional<storage::IndexBound> upper;
  if (hint.value != nullptr) {
    if (!bound(hint.value, true, lower))
      return std::nullopt;
    upper = lower;
  } else if (!bound(hint.lower, hint.lower_inclusive, lower) ||
             !bound(hint.upper, hint.upper_inclusive, upper)) {
    return std::nullopt;
  }
  storage::PropertyIndex index(ctx_.txn());
  return unwrap(index.range(*ctx_.label_id(hint.label), *ctx_.key_id(hint.key), lower, upper));
}

void PatternMatcher::prepare_scan(const MatchStep& step, Level& level) {
  storage::NodeStore nodes(ctx_.txn());
  std::optional<storage::IdScan> scan;
  std::optional<storage::IndexScan> seek;
  for (const SeekHint& hint : step.seeks) {
    // Predicates on an unknown label or key can hold for no node, indexed or not.
    if (!ctx_.label_id(hint.label) || !ctx_.key_id(hint.key))
      return;
  }
  if (const SeekHint* hint = indexed_hint(step)) {
    seek = open_seek(*hint);
    if (!seek)
      return;
  }
  if (!seek) {
    if (step.labels.empty()) {
      scan.emplace(unwrap(nodes.scan()));
    } else {
      // The smallest label's members are the fewest candidates to check.
      std::optional<uint32_t> best;
      size_t best_index = 0;
      uint64_t best_count = UINT64_MAX;
      for (size_t i = 0; i < step.labels.size(); ++i) {
        auto id = ctx_.label_id(step.labels[i]);
        if (!id)
          return;
        uint64_t count = unwrap(nodes.count_label(*id));
        if (count < best_count) {
          best_count = count;
          best = id;
          best_index = i;
        }
      }
      scan.emplace(unwrap(nodes.scan_label(*best)));
      if (!ctx_.writable()) {
        level.labels_to_check = step.labels;
        level.labels_to_check->erase(level.labels_to_check->begin() +
                                     static_cast<std::ptrdiff_t>(best_index));
      }
    }
  }
  uint64_t page[1024];
  for (;;) {
    size_t got = seek ? unwrap(seek->next_batch(std::span<uint64_t>(page, 1024)))
                      : unwrap(scan->next_batch(std::span<uint64_t>(page, 1024)));
    if (got == 0)
      break;
    for (size_t i = 0; i < got; ++i) {
      if (!ctx_.deleted_nodes().count(page[i]))
        level.ids.push_back(page[i]);
    }
    ctx_.charge(got * sizeof(uint64_t));
  }
}

void PatternMatcher::prepare_expand(const MatchStep& step, Level& level) {
  const Value& from = regs_.columns[static_cast<size_t>(step.from_slot)][0];
  if (!from.is_node())
    return;
  level.neighbours = neighbours(from.as_node().id, step);
}

bool PatternMatcher::advance(size_t depth) {
  const MatchStep& step = steps_[depth];
  Level& level = levels_[depth];
  auto& regs = regs_.columns;
  used_rels_.resize(level.used_mark);
  switch (step.kind) {
    case MatchStep::Kind::kScan:
      while (level.pos < level.ids.size()) {
        uint64_t id = level.ids[level.pos++];
        regs[static_cast<size_t>(step.node_slot)][0] = Value(NodeRef{id});
        if (node_matches(id, level.labels_to_check ? *level.labels_to_check : step.labels,
                         step.node_props))
          return true;
      }
      return false;
    case MatchStep::Kind::kCheckNode: {
      if (level.tried)
        return false;
      level.tried = true;
      const Value& v = regs[static_cast<size_t>(step.node_slot)][0];
      return v.is_node() && node_matches(v.as_node().id, step.labels, step.node_props);
    }
    case MatchStep::Kind::kExpand: {
      while (level.pos < level.neighbours.size()) {
        uint64_t from = regs[static_cast<size_t>(step.from_slot)][0].as_node().id;
        const storage::Neighbour& nb = level.neighbours[level.pos++];
        if (rel_used(nb.relationship))
          continue;
        RelRef rel = rel_of(from, nb);
        Value& rel_reg = regs[static_cast<size_t>(step.rel_slot)][0];
        if (step.rel_bound) {
          if (!rel_reg.is_rel() || rel_reg.as_rel().id != rel.id)
            continue;
        }
        Value& target = regs[static_cast<size_t>(step.node_slot)][0];
        if (step.node_bound && (!target.is_node() || target.as_node().id != nb.node))
          continue;
        rel_reg = Value(rel);
        if (!rel_matches(rel, step.rel_props))
          continue;
        if (!step.node_bound)
          target = Value(NodeRef{nb.node});
        if (!node_matches(nb.node, step.labels, step.node_props))
          continue;
        used_rels_.push_back(rel.id);
        return true;
      }
      return false;
    }
    case MatchStep::Kind::kVarExpand:
    case MatchStep::Kind::kShortest:
      while (level.pos < level.paths.size()) {
        const PathCandidate& c = level.paths[level.pos++];
        bool clash = false;
        for (const RelRef& r : c.rels)
          clash = clash || rel_used(r.id);
        if (clash)
          continue;
        if (step.kind == MatchStep::Kind::kVarExpand && step.rel_bound &&
            !same_relationships(regs[static_cast<size_t>(step.rel_slot)][0], c.rels, step.reversed))
          continue;
        Value& target = regs[static_cast<size_t>(step.node_slot)][0];
        if (step.kind == MatchStep::Kind::kShortest || step.node_bound) {
          if (!target.is_node() || target.as_node().id != c.end ||
              !node_matches(c.end, step.labels, step.node_props))
            continue;
        } else {
          target = Value(NodeRef{c.end});
          if (!node_matches(c.end, step.labels, step.node_props))
            continue;
        }
        ValueList rels;
        for (const RelRef& r : c.rels)
          rels.push_back(Value(r));
        if (step.reversed)
          std::reverse(rels.begin(), rels.end());
        regs[static_cast<size_t>(step.rel_slot)][0] = Value(std::move(rels));
        for (const RelRef& r : c.rels)
          used_rels_.push_back(r.id);
        return true;
      }
      return false;
    case MatchStep::Kind::kBuildPath:
      if (level.tried)
        return false;
      level.tried = true;
      regs[static_cast<size_t>(step.path_slot)][0] = build_path(step);
      return true;
    case MatchStep::Kind::kFilter:
      if (level.tried)
        return false;
      level.tried = true;
      return eval_->eval_predicate(*step.filter, current()) == Tri::kTrue;
  }
  return false;
}

void PatternMatcher::unbind(size_t depth) {
  used_rels_.resize(levels_[depth].used_mark);
}

Value PatternMatcher::build_path(const MatchStep& step) {
  PathValue path;
  const auto& regs = regs_.columns;
  const Value& first = regs[static_cast<size_t>(step.path_nodes[0])][0];
  if (!first.is_node())
    return Value();
  uint64_t cur = first.as_node().id;
  path.nodes.push_back(cur);
  for (size_t i = 0; i < step.path_rels.size(); ++i) {
    const Value& r = regs[static_cast<size_t>(step.path_rels[i])][0];
    auto walk = [&](const RelRef& rel) {
      cur = rel.start == cur ? rel.end : rel.start;
      path.rels.push_back(rel);
      path.nodes.push_back(cur);
    };
    if (r.is_list()) {
      for (const Value& e : r.as_list())
        walk(e.as_rel());
    } else if (r.is_rel()) {
      walk(r.as_rel());
    } else {
      return Value();
    }
  }
  return Value(std::move(path));
}

}  // namespace quiver::query
