// Identifiers and small records shared by the storage stores.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "storage/value.h"

namespace quiver::storage {

// Node ids and relationship ids are allocated from separate durable counters starting at 1;
// an id is never reused, even after the node or relationship is deleted.
using NodeId = std::uint64_t;
using RelationshipId = std::uint64_t;

// Catalog ids for names; each kind has its own id space starting at 1.
using LabelId = std::uint32_t;
using RelTypeId = std::uint32_t;
using PropertyKeyId = std::uint32_t;

// Properties of one node or relationship, keyed by interned property-key id.
using Properties = std::map<PropertyKeyId, PropertyValue>;

// Direction of an expansion, seen from the node expanded.
enum class Direction : std::uint8_t {
  Outgoing = 0,  // relationships that start at the node
  Incoming = 1,  // relationships that end at the node
  Both = 2,      // both of the above (a self-loop appears twice); not valid for storage keys
};

// A node as stored: its labels (sorted, no duplicates) and its properties.
struct NodeRecord {
  NodeId id = 0;
  std::vector<LabelId> labels;
  Properties properties;
};

// A relationship as stored.
struct RelationshipRecord {
  RelationshipId id = 0;
  RelTypeId type = 0;
  NodeId start = 0;
  NodeId end = 0;
  Properties properties;
};

// One step of an expansion: the relationship, the node at its other end, its type and the
// direction it was found in.
struct Neighbour {
  RelationshipId relationship = 0;
  NodeId node = 0;
  RelTypeId type = 0;
  Direction direction = Direction::Outgoing;
};

}  // namespace quiver::storage
