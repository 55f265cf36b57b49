// Counting a short chain pattern from adjacency, without producing its matches.

#include <algorithm>
#include <cctype>

#include "query/execute/read_operators.h"
#include "storage/adjacency.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::query {

namespace {

bool is_count_call(const ast::Expression& e, std::string* variable) {
  if (std::holds_alternative<ast::CountStar>(e.node))
    return true;
  const auto* call = std::get_if<ast::FunctionCall>(&e.node);
  if (!call || call->distinct || call->args.size() != 1)
    return false;
  std::string name = call->name;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto* var = std::get_if<ast::Variable>(&call->args.front()->node);
  if (name != "count" || !var)
    return false;
  *variable = var->name;
  return true;
}

}  // namespace

bool count_pattern_applies(const ast::Match& match, const ast::Projection& projection) {
  if (match.optional || match.where || match.pattern.size() != 1)
    return false;
  const ast::PatternPart& part = match.pattern.front();
  if (!part.path_variable.empty() || part.selector != ast::PathSelector::kAll)
    return false;
  const ast::PatternElement& chain = part.element;
  if (chain.relationships.size() > 2)
    return false;

  // Every named element is a distinct variable: a repeated one closes a cycle, which the chain
  // count does not see.
  std::vector<std::string> names;
  for (const ast::NodePattern& node : chain.nodes) {
    if (node.properties)
      return false;
    if (!node.variable.empty())
      names.push_back(node.variable);
  }
  for (const ast::RelationshipPattern& rel : chain.relationships) {
    if (rel.properties || rel.length)
      return false;
    if (!rel.variable.empty())
      names.push_back(rel.variable);
  }
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end())
    return false;

  // RETURN count(*) or count(v) of a pattern variable (never null in a match), alone.
  if (projection.distinct || projection.star || projection.skip || projection.limit ||
      !projection.order_by.empty() || projection.items.size() != 1) {
    return false;
  }
  std::string variable;
  if (!is_count_call(*projection.items.front().expression, &variable))
    return false;
  return variable.empty() || std::binary_search(names.begin(), names.end(), variable);
}

// Which nodes carry every label of one node pattern: a bitmap over node ids when the ids are
// dense enough, else a sorted list. Built once per execution from the label scans.
class CountPatternOp::NodeFilter {
 public:
  NodeFilter(ExecContext& ctx, const std::vector<std::string>& labels) {
    storage::NodeStore nodes(ctx.txn());
    nodes_ = unwrap(nodes.count());
    members_ = nodes_;
    if (labels.empty()) {
      any_ = true;
      return;
    }

    // Labels every node carries filter nothing, and their counts say so without a scan; hops
    // to them are then degree lookups.
    bool everywhere = true;
    for (const std::string& label : labels) {
      auto id = ctx.label_id(label);
      everywhere = everywhere && id && unwrap(nodes.count_label(*id)) == nodes_;
    }
    if (everywhere) {
      any_ = true;
      return;
    }
    for (size_t i = 0; i < labels.size(); ++i) {
      std::vector<uint64_t> members;
      if (auto id = ctx.label_id(labels[i])) {
        storage::IdScan scan = unwrap(nodes.scan_label(*id));
        uint64_t page[1024];
        while (size_t got = unwrap(scan.next_batch(std::span<uint64_t>(page, 1024)))) {
          members.insert(members.end(), page, page + got);
          ctx.charge(got * sizeof(uint64_t));
          ctx.checkpoint();
        }
      }
      std::sort(members.begin(), members.end());
      if (i == 0) {
        ids_ = std::move(members);
        continue;
      }
      std::vector<uint64_t> both;
      std::set_intersection(ids_.begin(), ids_.end(), members.begin(), members.end(),
                            std::back_inserter(both));
      ids_ = std::move(both);
    }

    members_ = ids_.size();

    // A bitmap costs one bit per id up to the largest; take it when that is at most a few
    // words per member.
    if (!ids_.empty() && ids_.back() / 64 < 4 * ids_.size() + 1024) {
      bits_.assign(ids_.back() / 64 + 1, 0);
      ctx.charge(bits_.size() * sizeof(uint64_t));
      for (uint64_t id : ids_)
        bits_[id / 64] |= uint64_t{1} << (id % 64);
      ids_.clear();
      ids_.shrink_to_fit();
    }
  }

  // True when node ID carries every label.
  bool contains(uint64_t id) const {
    if (any_)
      return true;
    if (!bits_.empty())
      return id / 64 < bits_.size() && (bits_[id / 64] >> (id % 64)) & 1;
    return std::binary_search(ids_.begin(), ids_.end(), id);
  }

  bool any() const { return any_; }

  // True when at least an eighth of the nodes pass: a pass over every adjacency key then costs
  // less than a lookup per member.
  bool broad() const { return members_ * 8 >= nodes_; }

 private:
  bool any_ = false;
  uint64_t nodes_ = 0;
  uint64_t members_ = 0;
  std::vector<uint64_t> ids_;
  std::vector<uint64_t> bits_;
};

CountPatternOp::CountPatternOp(ExecContext& ctx, OperatorPtr child,
                               const ast::PatternElement& chain, std::string column)
    : Operator(ctx, Schema({std::move(column)})), ctx_(ctx), chain_(chain) {
  child_ = add_child(std::move(child));
}

CountPatternOp::~CountPatternOp() = default;

std::string CountPatternOp::describe() const {
  std::string text = "CountPattern(";
  for (size_t i = 0; i < chain_.nodes.size(); ++i) {
    if (i > 0) {
      const ast::RelationshipPattern& rel = chain_.relationships[i - 1];
      text += rel.direction == ast::Direction::kRightToLeft ? "<-[" : "-[";
      for (size_t t = 0; t < rel.types.size(); ++t)
        text += (t == 0 ? ":" : "|") + rel.types[t];
      text += rel.direction == ast::Direction::kLeftToRight ? "]->" : "]-";
    }
    text += "(";
    for (const std::string& label : chain_.nodes[i].labels)
      text += ":" + label;
    text += ")";
  }
  return text + ")";
}

std::vector<std::string> CountPatternOp::details() const {
  if (chain_.relationships.size() == 2)
    return {"per middle node: left neighbours x right neighbours, less shared relationships"};
  return {"from label scans and adjacency, no row per match"};
}

CountPatternOp::Hop CountPatternOp::make_hop(const ast::RelationshipPattern& rel,
                                             storage::Direction direction, const NodeFilter* far) {
  Hop hop;
  hop.direction = direction;
  hop.far = far;
  hop.any_type = rel.types.empty();
  for (const std::string& name : rel.types) {
    if (auto id = ctx_.type_id(name))
      hop.types.push_back(*id);
  }
  std::sort(hop.types.begin(), hop.types.end());
  hop.types.erase(std::unique(hop.types.begin(), hop.types.end()), hop.types.end());
  return hop;
}

uint64_t CountPatternOp::count_hop(uint64_t node, const Hop& hop, std::vector<uint64_t>* rels) {
  storage::Adjacency adjacency(ctx_.txn());

  // A directed hop to an unlabelled end is a degree: one lookup per type, no walk.
  if (!rels && hop.far->any() && hop.direction != storage::Direction::Both) {
    if (hop.any_type)
      return unwrap(adjacency.degree(node, hop.direction));
    uint64_t n = 0;
    for (uint32_t type : hop.types)
      n += unwrap(adjacency.degree(node, hop.direction, type));
    return n;
  }

  uint64_t n = 0;
  auto walk = [&](std::optional<uint32_t> type) {
    storage::ExpandCursor cursor = unwrap(adjacency.expand(node, hop.direction, type));
    storage::Neighbour page[256];
    while (size_t got = unwrap(cursor.next_batch(std::span<storage::Neighbour>(page, 256)))) {
      for (size_t i = 0; i < got; ++i) {
        if (repeats_self_loop(node, hop.direction, page[i]) || !hop.far->contains(page[i].node))
          continue;
        ++n;
        if (rels)
          rels->push_back(page[i].relationship);
      }
    }
  };
  if (hop.any_type) {
    walk(std::nullopt);
  } else {
    for (uint32_t type : hop.types)
      walk(type);
  }
  return n;
}

void CountPatternOp::for_each_node(const NodeFilter& filter, const std::vector<std::string>& labels,
                                   const std::function<void(uint64_t)>& visit) {
  storage::NodeStore nodes(ctx_.txn());
  std::optional<storage::IdScan> scan;
  if (labels.empty()) {
    scan.emplace(unwrap(nodes.scan()));
  } else {
    auto id = ctx_.label_id(labels.front());
    if (!id)
      return;
    scan.emplace(unwrap(nodes.scan_label(*id)));
  }
  uint64_t page[1024];
  while (size_t got = unwrap(scan->next_batch(std::span<uint64_t>(page, 1024)))) {
    for (size_t i = 0; i < got; ++i) {
      if (filter.contains(page[i]))
        visit(page[i]);
    }
    ctx_.checkpoint();
  }
}

int64_t CountPatternOp::count_matches() {
  const auto& nodes = chain_.nodes;
  std::vector<std::unique_ptr<NodeFilter>> filters;
  for (const ast::NodePattern& node : nodes)
    filters.push_back(std::make_unique<NodeFilter>(ctx_, node.labels));
  uint64_t total = 0;

  if (nodes.size() == 1) {
    for_each_node(*filters[0], nodes[0].labels, [&](uint64_t) { ++total; });
    return static_cast<int64_t>(total);
  }

  const auto& rels = chain_.relationships;
  if (nodes.size() == 2) {
    // Walk from the labelled end when only the far one has labels: fewer anchors.
    bool from_right = nodes[0].labels.empty() && !nodes[1].labels.empty();
    size_t anchor = from_right ? 1 : 0;
    storage::Direction d = forward(rels[0].direction);
    Hop hop = make_hop(rels[0], from_right ? opposite(d) : d, filters[1 - anchor].get());
    if (hop.matches_nothing())
      return 0;
    // Directed, with no label on either end: the relationship counts LMDB keeps answer.
    if (hop.direction != storage::Direction::Both && hop.far->any() && filters[anchor]->any()) {
      storage::RelationshipStore store(ctx_.txn());
      if (hop.any_type)
        return static_cast<int64_t>(unwrap(store.count()));
      for (uint32_t type : hop.types)
        total += unwrap(store.count_type(type));
      return static_cast<int64_t>(total);
    }
    if (hop.direction != storage::Direction::Both && hop.far->any() && filters[anchor]->broad())
      return count_by_key_scan(*filters[anchor], nullptr, hop, Shared::kNone, std::nullopt);
    for_each_node(*filters[anchor], nodes[anchor].labels,
                  [&](uint64_t id) { total += count_hop(id, hop, nullptr); });
    return static_cast<int64_t>(total);
  }

  // Two relationships: per middle node, the product of the matches on each side, less the pairs
  // in which one relationship would serve both hops (a match uses each relationship once).
  Hop left = make_hop(rels[0], opposite(forward(rels[0].direction)), filters[0].get());
  Hop right = make_hop(rels[1], forward(rels[1].direction), filters[2].get());
  if (left.matches_nothing() || right.matches_nothing())
    return 0;
  std::optional<std::vector<uint32_t>> common = common_types(left, right);
  bool directed =
      left.direction != storage::Direction::Both && right.direction != storage::Direction::Both;
  bool unlabelled_ends = left.far->any() && right.far->any();
  Shared shared_by = Shared::kWalk;
  if (common && common->empty())
    shared_by = Shared::kNone;
  else if (directed && left.direction != right.direction)
    shared_by = Shared::kSelfLoops;
  else if (directed && unlabelled_ends)
    shared_by = Shared::kDegree;

  if (shared_by != Shared::kWalk && directed && unlabelled_ends && filters[1]->broad())
    return count_by_key_scan(*filters[1], &left, right, shared_by, common);

  std::vector<uint64_t> left_rels;
  std::vector<uint64_t> right_rels;
  bool walk = shared_by == Shared::kWalk;
  for_each_node(*filters[1], nodes[1].labels, [&](uint64_t middle) {
    left_rels.clear();
    right_rels.clear();
    uint64_t l = count_hop(middle, left, walk ? &left_rels : nullptr);
    if (l == 0)
      return;
    uint64_t r = count_hop(middle, right, walk ? &right_rels : nullptr);
    if (r == 0)
      return;
    total +=
        l * r - shared_relationships(middle, shared_by, left, right, common, left_rels, right_rels);
  });
  return static_cast<int64_t>(total);
}

int64_t CountPatternOp::count_by_key_scan(const NodeFilter& anchor, const Hop* left,
                                          const Hop& right, Shared shared_by,
                                          const std::optional<std::vector<uint32_t>>& common) {
  auto accepts = [](const Hop& hop, uint32_t type) {
    return hop.any_type || std::binary_search(hop.types.begin(), hop.types.end(), type);
  };
  auto in_common = [&](uint32_t type) {
    return !common || std::binary_search(common->begin(), common->end(), type);
  };

  storage::AdjacencyKeyScan scan = unwrap(storage::Adjacency(ctx_.txn()).scan_keys());
  storage::AdjacencyKeyScan::Key key;
  uint64_t total = 0;
  uint64_t node = 0;
  bool have_node = false;
  uint64_t l = 0;
  uint64_t r = 0;
  uint64_t shared = 0;
  auto flush = [&]() {
    if (have_node && anchor.contains(node))
      total += left ? l * r - shared : r;
    l = r = shared = 0;
  };
  uint64_t keys = 0;
  while (unwrap(scan.next(key))) {
    if ((++keys & 1023) == 0)
      ctx_.checkpoint();
    if (!have_node || key.node != node) {
      flush();
      node = key.node;
      have_node = true;
    }
    if (key.direction == right.direction && accepts(right, key.type))
      r += key.count;
    if (!left)
      continue;
    if (key.direction == left->direction && accepts(*left, key.type))
      l += key.count;
    if (!in_common(key.type))
      continue;
    if (shared_by == Shared::kDegree && key.direction == left->direction)
      shared += key.count;
    else if (shared_by == Shared::kSelfLoops && key.direction == storage::Direction::Outgoing)
      shared += unwrap(scan.count_to(key.node));
  }
  flush();
  return static_cast<int64_t>(total);
}

std::optional<std::vector<uint32_t>> CountPatternOp::common_types(const Hop& a, const Hop& b) {
  if (a.any_type && b.any_type)
    return std::nullopt;
  if (a.any_type)
    return b.types;
  if (b.any_type)
    return a.types;
  std::vector<uint32_t> both;
  std::set_intersection(a.types.begin(), a.types.end(), b.types.begin(), b.types.end(),
                        std::back_inserter(both));
  return both;
}

uint64_t CountPatternOp::shared_relationships(uint64_t middle, Shared how, const Hop& left,
                                              const Hop& right,
                                              const std::optional<std::vector<uint32_t>>& common,
                                              std::vector<uint64_t>& left_rels,
                                              const std::vector<uint64_t>& right_rels) {
  storage::Adjacency adjacency(ctx_.txn());
  auto per_type = [&](const std::function<uint64_t(std::optional<uint32_t>)>& count) {
    if (!common)
      return count(std::nullopt);
    uint64_t n = 0;
    for (uint32_t type : *common)
      n += count(type);
    return n;
  };
  switch (how) {
    case Shared::kNone:
      return 0;
    case Shared::kSelfLoops:
      // One hop leaves the middle node and the other enters it: only a self-loop can be both,
      // and its far end is the middle node itself.
      if (!left.far->contains(middle) || !right.far->contains(middle))
        return 0;
      return per_type([&](std::optional<uint32_t> type) {
        return unwrap(adjacency.count_between(middle, storage::Direction::Outgoing, type, middle));
      });
    case Shared::kDegree:
      // Both hops take the same direction to any node: every relationship of a common type
      // serves both.
      return per_type([&](std::optional<uint32_t> type) {
        return unwrap(type ? adjacency.degree(middle, left.direction, *type)
                           : adjacency.degree(middle, left.direction));
      });
    case Shared::kWalk:
      break;
  }
  std::sort(left_rels.begin(), left_rels.end());
  uint64_t n = 0;
  for (uint64_t rel : right_rels)
    n += std::binary_search(left_rels.begin(), left_rels.end(), rel) ? 1 : 0;
  return n;
}

bool CountPatternOp::next(Batch& out) {
  if (done_)
    return false;
  done_ = true;

  // The pattern binds nothing from its input, so every input row sees the same matches.
  int64_t rows = 0;
  Batch in;
  while (child_->pull(in))
    rows += static_cast<int64_t>(in.size);
  int64_t count = rows == 0 ? 0 : count_matches() * rows;
  out.columns[0].push_back(Value(count));
  out.size = 1;
  return true;
}

}  // namespace quiver::query
