#include "storage/records.h"

#include "storage/key_codec.h"
#include "storage/value_codec.h"

namespace quiver::storage {

std::string id_key(std::uint64_t id) {
  std::string key;
  append_u64_be(key, id);
  return key;
}

std::string encode_node(const NodeRecord& node) {
  std::string out;
  append_varint(out, node.labels.size());
  for (LabelId label : node.labels) {
    append_varint(out, label);
  }
  encode_properties(node.properties, out);
  return out;
}

namespace {

// Reads the label count and ids at the start of BYTES and removes them from it.
Result<std::vector<LabelId>> take_labels(NodeId id, std::string_view& bytes) {
  std::uint64_t count = 0;
  if (!read_varint(bytes, count) || count > bytes.size()) {
    return make_error(StorageErrc::Corrupt, "node " + std::to_string(id) + ": damaged labels");
  }
  std::vector<LabelId> labels;
  labels.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t label = 0;
    if (!read_varint(bytes, label) || label > 0xffffffffu) {
      return make_error(StorageErrc::Corrupt, "node " + std::to_string(id) + ": damaged label");
    }
    labels.push_back(static_cast<LabelId>(label));
  }
  return labels;
}

// The value under KEY in the encoded properties at the start of BYTES, null when absent.
Result<PropertyValue> property_in(std::string_view bytes, PropertyKeyId key,
                                  const std::string& entity) {
  Result<PropertyValue> found = find_property(bytes, key);
  if (found.ok()) {
    return found;
  }
  if (found.error().code == StorageErrc::NotFound) {
    return PropertyValue();
  }
  return make_error(StorageErrc::Corrupt, entity + ": damaged properties");
}

}  // namespace

Result<NodeRecord> decode_node(NodeId id, std::string_view bytes) {
  NodeRecord node;
  node.id = id;
  QUIVER_STORAGE_ASSIGN(node.labels, take_labels(id, bytes));
  auto props = decode_properties(bytes);
  if (!props.ok() || !bytes.empty()) {
    return make_error(StorageErrc::Corrupt, "node " + std::to_string(id) + ": damaged properties");
  }
  node.properties = std::move(props).value();
  return node;
}

std::string encode_relationship(const RelationshipRecord& rel) {
  std::string out;
  append_varint(out, rel.type);
  append_u64_be(out, rel.start);
  append_u64_be(out, rel.end);
  encode_properties(rel.properties, out);
  return out;
}

Result<RelationshipRecord> decode_relationship(RelationshipId id, std::string_view bytes) {
  RelationshipRecord rel;
  rel.id = id;
  std::uint64_t type = 0;
  if (!read_varint(bytes, type) || type > 0xffffffffu || bytes.size() < 16) {
    return make_error(StorageErrc::Corrupt, "relationship " + std::to_string(id) + ": damaged");
  }
  rel.type = static_cast<RelTypeId>(type);
  rel.start = read_u64_be(bytes.data());
  rel.end = read_u64_be(bytes.data() + 8);
  bytes.remove_prefix(16);
  auto props = decode_properties(bytes);
  if (!props.ok() || !bytes.empty()) {
    return make_error(StorageErrc::Corrupt,
                      "relationship " + std::to_string(id) + ": damaged properties");
  }
  rel.properties = std::move(props).value();
  return rel;
}

Result<std::vector<LabelId>> node_labels_of(NodeId id, std::string_view bytes) {
  return take_labels(id, bytes);
}

Result<PropertyValue> node_property_of(NodeId id, std::string_view bytes, PropertyKeyId key) {
  QUIVER_STORAGE_TRY(take_labels(id, bytes));
  return property_in(bytes, key, "node " + std::to_string(id));
}

Result<PropertyValue> relationship_property_of(RelationshipId id, std::string_view bytes,
                                               PropertyKeyId key) {
  std::uint64_t type = 0;
  if (!read_varint(bytes, type) || bytes.size() < 16) {
    return make_error(StorageErrc::Corrupt, "relationship " + std::to_string(id) + ": damaged");
  }
  bytes.remove_prefix(16);
  return property_in(bytes, key, "relationship " + std::to_string(id));
}

Properties without_nulls(const Properties& props) {
  Properties out;
  for (const auto& [key, value] : props) {
    if (!value.is_null()) {
      out.emplace(key, value);
    }
  }
  return out;
}

}  // namespace quiver::storage
