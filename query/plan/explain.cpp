#include <cstdio>

#include "query/plan/planner.h"

namespace quiver::query {

void flatten_plan(const Operator& root, int depth,
                  std::vector<std::pair<const Operator*, int>>& out) {
  out.emplace_back(&root, depth);
  for (const Operator* child : root.children())
    flatten_plan(*child, depth + 1, out);
}

std::string plan_text(const Operator& root, bool profile) {
  std::vector<std::pair<const Operator*, int>> ops;
  flatten_plan(root, 0, ops);
  std::string out;
  for (const auto& [op, depth] : ops) {
    std::string indent(static_cast<size_t>(depth) * 2, ' ');
    out += indent + "+" + op->describe();
    if (profile) {
      // Time shown excludes the children, so the column adds up to the statement's time.
      auto self = op->inclusive_time();
      for (const Operator* child : op->children())
        self -= child->inclusive_time();
      char buf[96];
      std::snprintf(buf, sizeof buf, "  rows=%lld time=%.3fms", static_cast<long long>(op->rows()),
                    static_cast<double>(self.count()) / 1e6);
      out += buf;
    }
    out += "\n";
    for (const std::string& d : op->details())
      out += indent + "  | " + d + "\n";
  }
  return out;
}

}  // namespace quiver::query
