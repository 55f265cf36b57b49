#pragma once

// Side effects the way the TCK defines them (tck/README.adoc, "Observability of side effects"):
// the difference between what a later query can observe before and after the query under test.
// Nodes and relationships count by identity, labels as the set of distinct labels present, and
// properties as (entity, key, value) triples, so that changing a value is one removal plus one
// addition.

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "quiver/database.h"

namespace quiver::tck {

// What the graph holds at one moment, reduced to what the side-effect counts compare.
struct GraphState {
  std::set<int64_t> nodes;
  std::set<int64_t> relationships;
  std::set<std::string> labels;
  std::multiset<std::string> properties;  // one "entity|key|value" text per property
};

// Reads the whole graph through SESSION with two MATCH queries. Throws quiver::Error when they
// fail.
GraphState capture_graph(Session& session);

// The counts "+nodes", "-nodes", "+relationships", "-relationships", "+labels", "-labels",
// "+properties", "-properties" from BEFORE to AFTER; every key is present, zero included.
std::map<std::string, int64_t> side_effects(const GraphState& before, const GraphState& after);

}  // namespace quiver::tck
