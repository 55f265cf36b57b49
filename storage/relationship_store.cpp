#include "storage/relationship_store.h"

#include "storage/adjacency.h"
#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/records.h"

namespace quiver::storage {

namespace {

std::string type_key(RelTypeId type) {
  std::string key;
  append_u32_be(key, type);
  return key;
}

Status require_node(const Transaction& txn, NodeId id, const char* role) {
  auto found = lmdb_get(txn, txn.databases().nodes, id_key(id),
                        std::string(role) + " node " + std::to_string(id) + " does not exist");
  if (!found.ok()) {
    return std::move(found).error();
  }
  return {};
}

}  // namespace

Result<RelationshipRecord> RelationshipStore::load(RelationshipId id) const {
  auto bytes = lmdb_get(txn_, txn_.databases().relationships, id_key(id),
                        "no relationship with id " + std::to_string(id));
  if (!bytes.ok()) {
    return std::move(bytes).error();
  }
  return decode_relationship(id, *bytes);
}

Status RelationshipStore::store(const RelationshipRecord& record) {
  return lmdb_put(txn_, txn_.databases().relationships, id_key(record.id),
                  encode_relationship(record));
}

Result<RelationshipId> RelationshipStore::create(RelTypeId type, NodeId start, NodeId end,
                                                 const Properties& props) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  if (type == 0) {
    return make_error(StorageErrc::InvalidArgument, "relationship type id 0 is not valid");
  }
  QUIVER_STORAGE_TRY(require_node(txn_, start, "start"));
  QUIVER_STORAGE_TRY(require_node(txn_, end, "end"));
  QUIVER_STORAGE_ASSIGN(std::uint64_t last, read_counter(txn_, kMetaLastRelId));
  RelationshipRecord record{last + 1, type, start, end, without_nulls(props)};
  QUIVER_STORAGE_TRY(write_counter(txn_, kMetaLastRelId, record.id));
  QUIVER_STORAGE_TRY(store(record));
  QUIVER_STORAGE_TRY(Adjacency::add(txn_, record));
  QUIVER_STORAGE_TRY(lmdb_put(txn_, txn_.databases().rel_types, type_key(type), id_key(record.id)));
  return record.id;
}

Result<RelationshipRecord> RelationshipStore::get(RelationshipId id) const {
  return load(id);
}

Result<bool> RelationshipStore::exists(RelationshipId id) const {
  auto bytes = lmdb_get(txn_, txn_.databases().relationships, id_key(id), "relationship lookup");
  if (bytes.ok()) {
    return true;
  }
  if (bytes.error().code == StorageErrc::NotFound) {
    return false;
  }
  return std::move(bytes).error();
}

Status RelationshipStore::set_property(RelationshipId id, PropertyKeyId key,
                                       const PropertyValue& value) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(RelationshipRecord record, load(id));
  if (value.is_null()) {
    record.properties.erase(key);
  } else {
    record.properties.insert_or_assign(key, value);
  }
  return store(record);
}

Status RelationshipStore::set_properties(RelationshipId id, const Properties& props) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(RelationshipRecord record, load(id));
  record.properties = without_nulls(props);
  return store(record);
}

Result<bool> RelationshipStore::remove_property(RelationshipId id, PropertyKeyId key) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(RelationshipRecord record, load(id));
  if (record.properties.erase(key) == 0) {
    return false;
  }
  QUIVER_STORAGE_TRY(store(record));
  return true;
}

Result<PropertyValue> RelationshipStore::property(RelationshipId id, PropertyKeyId key) const {
  QUIVER_STORAGE_ASSIGN(std::string_view bytes,
                        lmdb_get(txn_, txn_.databases().relationships, id_key(id),
                                 "no relationship with id " + std::to_string(id)));
  return relationship_property_of(id, bytes, key);
}

Result<Properties> RelationshipStore::properties(RelationshipId id) const {
  QUIVER_STORAGE_ASSIGN(RelationshipRecord record, load(id));
  return std::move(record.properties);
}

Status RelationshipStore::remove(RelationshipId id) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(RelationshipRecord record, load(id));
  QUIVER_STORAGE_TRY(Adjacency::erase(txn_, record));
  std::string member = id_key(id);
  std::string_view member_view = member;
  QUIVER_STORAGE_TRY(
      lmdb_del(txn_, txn_.databases().rel_types, type_key(record.type), &member_view));
  QUIVER_STORAGE_TRY(lmdb_del(txn_, txn_.databases().relationships, id_key(id)));
  return {};
}

Result<IdScan> RelationshipStore::scan() const {
  return IdScan(txn_, txn_.databases().relationships, IdScan::Mode::Keys, {});
}

Result<IdScan> RelationshipStore::scan_type(RelTypeId type) const {
  return IdScan(txn_, txn_.databases().rel_types, IdScan::Mode::Duplicates, type_key(type));
}

Result<std::uint64_t> RelationshipStore::count() const {
  return lmdb_entries(txn_, txn_.databases().relationships);
}

Result<std::uint64_t> RelationshipStore::count_type(RelTypeId type) const {
  return lmdb_dup_count(txn_, txn_.databases().rel_types, type_key(type));
}

}  // namespace quiver::storage
