// Internal to storage/: byte layout of node and relationship records and their keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

// The labels of the encoded node record BYTES, read without decoding its properties. Errors:
// Corrupt, naming the node.
Result<std::vector<LabelId>> node_labels_of(NodeId id, std::string_view bytes);

// The property KEY of the encoded node or relationship record BYTES (null when absent), read
// without decoding the rest of the record. Errors: Corrupt, naming the entity.
Result<PropertyValue> node_property_of(NodeId id, std::string_view bytes, PropertyKeyId key);
Result<PropertyValue> relationship_property_of(RelationshipId id, std::string_view bytes,
                                               PropertyKeyId key);

// Removes null values, which are never stored (setting a property to null removes it).
Properties without_nulls(const Properties& props);

}  // namespace quiver::storage
