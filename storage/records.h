// Internal to storage/: byte layout of node and relationship records and their keys.
#pragma once

#include <string>
#include <string_view>

#include "storage/result.h"
#include "storage/types.h"

namespace quiver::storage {

// 8-byte big-endian key of a node or relationship id.
std::string id_key(std::uint64_t id);

// Node record value: varint label count, the label ids as ascending varints, the properties.
std::string encode_node(const NodeRecord& node);
Result<NodeRecord> decode_node(NodeId id, std::string_view bytes);

// Relationship record value: varint type id, 8-byte start and end ids, the properties.
std::string encode_relationship(const RelationshipRecord& rel);
Result<RelationshipRecord> decode_relationship(RelationshipId id, std::string_view bytes);

// Removes null values, which are never stored (setting a property to null removes it).
Properties without_nulls(const Properties& props);

}  // namespace quiver::storage
