#include "tck/tck_side_effects.h"

#include <algorithm>
#include <iterator>

#include "tck/tck_values.h"

namespace quiver::tck {

namespace {

std::string property_text(char entity, int64_t id, const std::string& key, const Value& value) {
  return std::string(1, entity) + std::to_string(id) + "|" + key + "|" +
         render_value(value, [](const Value& v) { return v.to_string(); });
}

// Elements of A not in B, counting duplicates (multiset difference).
template <typename Set>
int64_t missing_from(const Set& a, const Set& b) {
  std::vector<typename Set::value_type> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return static_cast<int64_t>(out.size());
}

}  // namespace

GraphState capture_graph(Session& session) {
  GraphState state;

  for (const Record& row : session.run("MATCH (n) RETURN n")) {
    const Node& n = row[0].as_node();
    state.nodes.insert(n.id);
    state.labels.insert(n.labels.begin(), n.labels.end());
    for (const auto& [key, value] : n.properties) {
      state.properties.insert(property_text('n', n.id, key, value));
    }
  }

  for (const Record& row : session.run("MATCH ()-[r]->() RETURN r")) {
    const Relationship& r = row[0].as_relationship();
    state.relationships.insert(r.id);
    for (const auto& [key, value] : r.properties) {
      state.properties.insert(property_text('r', r.id, key, value));
    }
  }
  return state;
}

std::map<std::string, int64_t> side_effects(const GraphState& before, const GraphState& after) {
  return {
      {"+nodes", missing_from(after.nodes, before.nodes)},
      {"-nodes", missing_from(before.nodes, after.nodes)},
      {"+relationships", missing_from(after.relationships, before.relationships)},
      {"-relationships", missing_from(before.relationships, after.relationships)},
      {"+labels", missing_from(after.labels, before.labels)},
      {"-labels", missing_from(before.labels, after.labels)},
      {"+properties", missing_from(after.properties, before.properties)},
      {"-properties", missing_from(before.properties, after.properties)},
  };
}

}  // namespace quiver::tck
