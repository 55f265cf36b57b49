#include "storage/node_store.h"

#include <algorithm>

#include "storage/adjacency.h"
#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/property_index.h"
#include "storage/records.h"
#include "storage/relationship_store.h"

namespace quiver::storage {

namespace {

std::string label_key(LabelId label) {
  std::string key;
  append_u32_be(key, label);
  return key;
}

Result<NodeRecord> load_node(const Transaction& txn, NodeId id) {
  auto bytes =
      lmdb_get(txn, txn.databases().nodes, id_key(id), "no node with id " + std::to_string(id));
  if (!bytes.ok()) {
    return std::move(bytes).error();
  }
  return decode_node(id, *bytes);
}

Status add_membership(Transaction& txn, LabelId label, NodeId id) {
  return lmdb_put(txn, txn.databases().labels, label_key(label), id_key(id));
}

Status remove_membership(Transaction& txn, LabelId label, NodeId id) {
  std::string value = id_key(id);
  std::string_view view = value;
  QUIVER_STORAGE_TRY(lmdb_del(txn, txn.databases().labels, label_key(label), &view));
  return {};
}

}  // namespace

Status NodeStore::put_record(const NodeRecord& record) {
  return lmdb_put(txn_, txn_.databases().nodes, id_key(record.id), encode_node(record));
}

Result<NodeId> NodeStore::create(std::span<const LabelId> labels, const Properties& props) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(std::uint64_t last, read_counter(txn_, kMetaLastNodeId));
  NodeRecord record;
  record.id = last + 1;
  record.labels.assign(labels.begin(), labels.end());
  std::sort(record.labels.begin(), record.labels.end());
  record.labels.erase(std::unique(record.labels.begin(), record.labels.end()), record.labels.end());
  record.properties = without_nulls(props);

  // Indexes first: a unique-constraint violation must leave nothing written.
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, record.id, nullptr, &record));
  QUIVER_STORAGE_TRY(write_counter(txn_, kMetaLastNodeId, record.id));
  QUIVER_STORAGE_TRY(put_record(record));
  for (LabelId label : record.labels) {
    QUIVER_STORAGE_TRY(add_membership(txn_, label, record.id));
  }
  return record.id;
}

Result<NodeRecord> NodeStore::get(NodeId id) const {
  return load_node(txn_, id);
}

Result<bool> NodeStore::exists(NodeId id) const {
  auto bytes = lmdb_get(txn_, txn_.databases().nodes, id_key(id), "node lookup");
  if (bytes.ok()) {
    return true;
  }
  if (bytes.error().code == StorageErrc::NotFound) {
    return false;
  }
  return std::move(bytes).error();
}

Result<std::vector<LabelId>> NodeStore::labels(NodeId id) const {
  QUIVER_STORAGE_ASSIGN(std::string_view bytes, lmdb_get(txn_, txn_.databases().nodes, id_key(id),
                                                         "no node with id " + std::to_string(id)));
  return node_labels_of(id, bytes);
}

Result<bool> NodeStore::add_label(NodeId id, LabelId label) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  auto at = std::lower_bound(before.labels.begin(), before.labels.end(), label);
  if (at != before.labels.end() && *at == label) {
    return false;
  }
  NodeRecord after = before;
  after.labels.insert(after.labels.begin() + (at - before.labels.begin()), label);
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, id, &before, &after));
  QUIVER_STORAGE_TRY(put_record(after));
  QUIVER_STORAGE_TRY(add_membership(txn_, label, id));
  return true;
}

Result<bool> NodeStore::remove_label(NodeId id, LabelId label) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  auto at = std::lower_bound(before.labels.begin(), before.labels.end(), label);
  if (at == before.labels.end() || *at != label) {
    return false;
  }
  NodeRecord after = before;
  after.labels.erase(after.labels.begin() + (at - before.labels.begin()));
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, id, &before, &after));
  QUIVER_STORAGE_TRY(put_record(after));
  QUIVER_STORAGE_TRY(remove_membership(txn_, label, id));
  return true;
}

Status NodeStore::set_property(NodeId id, PropertyKeyId key, const PropertyValue& value) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  NodeRecord after = before;
  if (value.is_null()) {
    if (after.properties.erase(key) == 0) {
      return {};
    }
  } else {
    after.properties.insert_or_assign(key, value);
  }
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, id, &before, &after));
  return put_record(after);
}

Status NodeStore::set_properties(NodeId id, const Properties& props) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  NodeRecord after = before;
  after.properties = without_nulls(props);
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, id, &before, &after));
  return put_record(after);
}

Result<bool> NodeStore::remove_property(NodeId id, PropertyKeyId key) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  if (before.properties.count(key) == 0) {
    return false;
  }
  QUIVER_STORAGE_TRY(set_property(id, key, PropertyValue()));
  return true;
}

Result<std::string_view> NodeStore::encoded(NodeId id) const {
  return lmdb_get(txn_, txn_.databases().nodes, id_key(id),
                  "no node with id " + std::to_string(id));
}

Result<PropertyValue> NodeStore::property_in(NodeId id, std::string_view encoded,
                                             PropertyKeyId key) {
  return node_property_of(id, encoded, key);
}

Result<PropertyValue> NodeStore::property(NodeId id, PropertyKeyId key) const {
  QUIVER_STORAGE_ASSIGN(std::string_view bytes, lmdb_get(txn_, txn_.databases().nodes, id_key(id),
                                                         "no node with id " + std::to_string(id)));
  return node_property_of(id, bytes, key);
}

Result<Properties> NodeStore::properties(NodeId id) const {
  QUIVER_STORAGE_ASSIGN(NodeRecord record, load_node(txn_, id));
  return std::move(record.properties);
}

Status NodeStore::remove(NodeId id, bool detach) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(NodeRecord before, load_node(txn_, id));
  Adjacency adjacency(txn_);
  QUIVER_STORAGE_ASSIGN(std::uint64_t degree, adjacency.degree(id, Direction::Both));
  if (degree != 0 && !detach) {
    return make_error(StorageErrc::ConstraintViolation,
                      "node " + std::to_string(id) + " still has " + std::to_string(degree) +
                          " relationship(s); delete them first or detach");
  }
  if (degree != 0) {
    // Collect first: deleting while the expansion cursor walks the same keys would skip some.
    std::vector<RelationshipId> rels;
    QUIVER_STORAGE_ASSIGN(ExpandCursor cursor, adjacency.expand(id, Direction::Both));
    Neighbour batch[256];
    for (;;) {
      QUIVER_STORAGE_ASSIGN(std::size_t n, cursor.next_batch(batch));
      if (n == 0) {
        break;
      }
      for (std::size_t i = 0; i < n; ++i) {
        rels.push_back(batch[i].relationship);
      }
    }
    std::sort(rels.begin(), rels.end());
    rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
    RelationshipStore relationships(txn_);
    for (RelationshipId rel : rels) {
      QUIVER_STORAGE_TRY(relationships.remove(rel));
    }
  }
  QUIVER_STORAGE_TRY(PropertyIndex::update_node(txn_, id, &before, nullptr));
  for (LabelId label : before.labels) {
    QUIVER_STORAGE_TRY(remove_membership(txn_, label, id));
  }
  QUIVER_STORAGE_TRY(lmdb_del(txn_, txn_.databases().nodes, id_key(id)));
  return {};
}

Result<IdScan> NodeStore::scan() const {
  return IdScan(txn_, txn_.databases().nodes, IdScan::Mode::Keys, {});
}

Result<IdScan> NodeStore::scan_label(LabelId label) const {
  return IdScan(txn_, txn_.databases().labels, IdScan::Mode::Duplicates, label_key(label));
}

Result<std::uint64_t> NodeStore::count() const {
  return lmdb_entries(txn_, txn_.databases().nodes);
}

Result<std::uint64_t> NodeStore::count_label(LabelId label) const {
  return lmdb_dup_count(txn_, txn_.databases().labels, label_key(label));
}

}  // namespace quiver::storage
