// Variable-length expansion and shortest paths.

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "query/execute/pattern_match.h"

namespace quiver::query {

namespace {

RelRef rel_of(uint64_t from, const storage::Neighbour& n) {
  if (n.direction == storage::Direction::Outgoing)
    return RelRef{n.relationship, n.type, from, n.node};
  return RelRef{n.relationship, n.type, n.node, from};
}

}  // namespace

void PatternMatcher::prepare_var_expand(const MatchStep& step, Level& level) {
  const Value& from = regs_.columns[static_cast<size_t>(step.from_slot)][0];
  if (!from.is_node())
    return;
  uint64_t origin = from.as_node().id;

  // Depth-first over trails (no relationship twice), emitting every trail whose length lies
  // within the bounds. The stack holds the neighbours of each node on the current trail.
  std::vector<RelRef> trail;
  struct Frame {
    std::vector<storage::Neighbour> next;
    size_t pos = 0;
    uint64_t node = 0;
  };
  std::vector<Frame> stack;
  if (step.min_hops == 0)
    level.paths.push_back(PathCandidate{{}, origin});
  if (step.max_hops == 0)
    return;
  stack.push_back(Frame{neighbours(origin, step), 0, origin});
  while (!stack.empty()) {
    ctx_.checkpoint_often();
    Frame& top = stack.back();
    if (top.pos == top.next.size()) {
      stack.pop_back();
      if (!trail.empty())
        trail.pop_back();
      continue;
    }
    const storage::Neighbour nb = top.next[top.pos++];
    bool repeated = rel_used(nb.relationship);
    for (const RelRef& r : trail)
      repeated = repeated || r.id == nb.relationship;
    if (repeated)
      continue;
    RelRef rel = rel_of(top.node, nb);
    if (!rel_matches(rel, step.rel_props))
      continue;
    trail.push_back(rel);
    int64_t length = static_cast<int64_t>(trail.size());
    if (length >= step.min_hops) {
      level.paths.push_back(PathCandidate{trail, nb.node});
      ctx_.charge(sizeof(PathCandidate) + trail.size() * sizeof(RelRef));
    }
    if (length < step.max_hops) {
      stack.push_back(Frame{neighbours(nb.node, step), 0, nb.node});
    } else {
      trail.pop_back();
    }
  }
}

void PatternMatcher::prepare_shortest(const MatchStep& step, Level& level) {
  const Value& from = regs_.columns[static_cast<size_t>(step.from_slot)][0];
  const Value& to = regs_.columns[static_cast<size_t>(step.node_slot)][0];
  if (!from.is_node() || !to.is_node())
    return;
  uint64_t source = from.as_node().id;
  uint64_t target = to.as_node().id;
  if (source == target) {
    if (step.min_hops == 0)
      level.paths.push_back(PathCandidate{{}, target});
    return;
  }

  // Breadth first; every node remembers the relationships that reached it first (all of them
  // at the same depth, for allShortestPaths).
  std::unordered_map<uint64_t, std::vector<RelRef>> parents;
  std::unordered_map<uint64_t, int64_t> depth;
  depth[source] = 0;
  std::vector<uint64_t> frontier{source};
  bool found = false;
  for (int64_t d = 1; d <= step.max_hops && !frontier.empty() && !found; ++d) {
    std::vector<uint64_t> next;
    for (uint64_t node : frontier) {
      ctx_.checkpoint_often();
      for (const storage::Neighbour& nb : neighbours(node, step)) {
        RelRef rel = rel_of(node, nb);
        if (rel_used(rel.id) || !rel_matches(rel, step.rel_props))
          continue;
        auto seen = depth.find(nb.node);
        if (seen == depth.end()) {
          depth[nb.node] = d;
          parents[nb.node].push_back(rel);
          next.push_back(nb.node);
        } else if (seen->second == d && step.all_shortest) {
          parents[nb.node].push_back(rel);
        }
        if (nb.node == target)
          found = true;
      }
    }
    ctx_.charge(next.size() * 64);
    frontier = std::move(next);
  }
  if (!found)
    return;

  // Walks the parent links back from the target; one path, or all of them.
  std::vector<RelRef> reversed_path;
  auto emit = [&](auto&& self, uint64_t node) -> void {
    if (node == source) {
      PathCandidate c;
      c.rels.assign(reversed_path.rbegin(), reversed_path.rend());
      c.end = target;
      if (static_cast<int64_t>(c.rels.size()) >= step.min_hops)
        level.paths.push_back(std::move(c));
      return;
    }
    for (const RelRef& rel : parents[node]) {
      uint64_t prev = rel.start == node ? rel.end : rel.start;
      if (rel.start == rel.end)
        continue;
      reversed_path.push_back(rel);
      self(self, prev);
      reversed_path.pop_back();
      if (!step.all_shortest && !level.paths.empty())
        return;
    }
  };
  emit(emit, target);
}

std::vector<std::string> PatternMatcher::describe() const {
  std::vector<std::string> out;
  auto name = [&](int slot) {
    if (slot < 0)
      return std::string("?");
    const std::string& n = output_.names()[static_cast<size_t>(slot)];
    return is_hidden(n) ? std::string("") : n;
  };
  auto rel_text = [&](const MatchStep& s) {
    std::string types;
    for (const std::string& t : s.types)
      types += (types.empty() ? ":" : "|") + t;
    std::string left = s.direction == storage::Direction::Incoming ? "<-" : "-";
    std::string right = s.direction == storage::Direction::Outgoing ? "->" : "-";
    return "(" + name(s.from_slot) + ")" + left + "[" + name(s.rel_slot) + types + "]" + right +
           "(" + name(s.node_slot) + ")";
  };
  for (const MatchStep& s : steps_) {
    switch (s.kind) {
      case MatchStep::Kind::kScan: {
        std::string labels;
        for (const std::string& l : s.labels)
          labels += ":" + l;
        // Names the access prepare_scan will choose in this transaction.
        if (const SeekHint* hint = indexed_hint(s)) {
          out.push_back(std::string(hint->value ? "NodeIndexSeek(" : "NodeIndexRangeSeek(") +
                        name(s.node_slot) + ":" + hint->label + " {" + hint->key + "})");
          break;
        }
        std::string what = labels.empty() ? "AllNodesScan" : "NodeByLabelScan";
        out.push_back(what + "(" + name(s.node_slot) + labels + ")");
        break;
      }
      case MatchStep::Kind::kCheckNode:
        out.push_back("CheckNode(" + name(s.node_slot) + ")");
        break;
      case MatchStep::Kind::kExpand:
        out.push_back("Expand" + rel_text(s));
        break;
      case MatchStep::Kind::kVarExpand:
        out.push_back("VarLengthExpand" + rel_text(s) + " *" + std::to_string(s.min_hops) + ".." +
                      (s.max_hops == INT64_MAX ? std::string() : std::to_string(s.max_hops)));
        break;
      case MatchStep::Kind::kShortest:
        out.push_back(std::string(s.all_shortest ? "AllShortestPaths" : "ShortestPath") +
                      rel_text(s));
        break;
      case MatchStep::Kind::kBuildPath:
        out.push_back("BuildPath(" + name(s.path_slot) + ")");
        break;
      case MatchStep::Kind::kFilter:
        out.push_back("Filter");
        break;
    }
  }
  return out;
}

}  // namespace quiver::query
