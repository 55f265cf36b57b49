#include "storage/property_index.h"

#include <algorithm>

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/node_store.h"
#include "storage/records.h"

namespace quiver::storage {

namespace {

constexpr std::uint8_t kUniqueFlag = 0x01;

std::string def_key(LabelId label, PropertyKeyId key) {
  std::string out;
  append_u32_be(out, label);
  append_u32_be(out, key);
  return out;
}

// The value of KEY in RECORD when RECORD carries LABEL, else nullptr.
const PropertyValue* indexed_value(const NodeRecord* record, const IndexDefinition& def) {
  if (record == nullptr ||
      !std::binary_search(record->labels.begin(), record->labels.end(), def.label)) {
    return nullptr;
  }
  auto found = record->properties.find(def.key);
  return found == record->properties.end() ? nullptr : &found->second;
}

// Fails with ConstraintViolation when a node other than NODE already has VALUE in unique DEF.
Status check_unique(Transaction& txn, const IndexDefinition& def, const PropertyValue& value,
                    NodeId node) {
  PropertyIndex index(txn);
  QUIVER_STORAGE_ASSIGN(IndexScan scan, index.equal(def.label, def.key, value));
  NodeId batch[2];
  for (;;) {
    QUIVER_STORAGE_ASSIGN(std::size_t n, scan.next_batch(batch));
    if (n == 0) {
      return {};
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (batch[i] != node) {
        return make_error(StorageErrc::ConstraintViolation,
                          "node " + std::to_string(batch[i]) + " already has value " +
                              to_debug_string(value) + " under a uniqueness constraint (label " +
                              std::to_string(def.label) + ", property key " +
                              std::to_string(def.key) + ")");
      }
    }
  }
}

}  // namespace

std::string PropertyIndex::entry_key(LabelId label, PropertyKeyId key, const PropertyValue& value,
                                     NodeId node, bool* truncated) {
  std::string out = def_key(label, key);
  std::string encoded = encode_key(value);
  bool cut = encoded.size() > kMaxValueBytes;
  if (cut) {
    encoded.resize(kMaxValueBytes);
  }
  if (truncated != nullptr) {
    *truncated = cut;
  }
  out += encoded;
  append_u64_be(out, node);
  return out;
}

Result<std::vector<IndexDefinition>> PropertyIndex::list() const {
  std::vector<IndexDefinition> out;
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().index_defs));
  MDB_val k{};
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool more, cursor->get(k, v, MDB_FIRST));
  while (more) {
    if (k.mv_size != 8 || v.mv_size != 1) {
      return make_error(StorageErrc::Corrupt, "damaged index definition");
    }
    const char* key = static_cast<const char*>(k.mv_data);
    bool unique = (static_cast<const std::uint8_t*>(v.mv_data)[0] & kUniqueFlag) != 0;
    out.push_back(IndexDefinition{read_u32_be(key), read_u32_be(key + 4), unique});
    QUIVER_STORAGE_ASSIGN(more, cursor->get(k, v, MDB_NEXT));
  }
  return out;
}

Result<std::optional<IndexDefinition>> PropertyIndex::find(LabelId label, PropertyKeyId key) const {
  auto found = lmdb_get(txn_, txn_.databases().index_defs, def_key(label, key), "index lookup");
  if (!found.ok()) {
    if (found.error().code == StorageErrc::NotFound) {
      return std::optional<IndexDefinition>();
    }
    return std::move(found).error();
  }
  bool unique = !found->empty() && (static_cast<std::uint8_t>((*found)[0]) & kUniqueFlag) != 0;
  return std::optional<IndexDefinition>(IndexDefinition{label, key, unique});
}

Status PropertyIndex::create(LabelId label, PropertyKeyId key, bool unique) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(auto existing, find(label, key));
  if (existing) {
    return make_error(StorageErrc::InvalidArgument, "an index on label " + std::to_string(label) +
                                                        ", property key " + std::to_string(key) +
                                                        " already exists");
  }
  std::string flags(1, static_cast<char>(unique ? kUniqueFlag : 0));
  QUIVER_STORAGE_TRY(lmdb_put(txn_, txn_.databases().index_defs, def_key(label, key), flags));

  // Fill from the label's members; update_node checks uniqueness as each entry goes in, and the
  // caller's transaction is discarded on a violation, so nothing half-built survives.
  NodeStore nodes(txn_);
  IndexDefinition def{label, key, unique};
  QUIVER_STORAGE_ASSIGN(IdScan scan, nodes.scan_label(label));
  std::uint64_t batch[256];
  for (;;) {
    QUIVER_STORAGE_ASSIGN(std::size_t n, scan.next_batch(batch));
    if (n == 0) {
      return {};
    }
    for (std::size_t i = 0; i < n; ++i) {
      QUIVER_STORAGE_ASSIGN(NodeRecord record, nodes.get(batch[i]));
      const PropertyValue* value = indexed_value(&record, def);
      if (value == nullptr) {
        continue;
      }
      if (unique) {
        QUIVER_STORAGE_TRY(check_unique(txn_, def, *value, record.id));
      }
      QUIVER_STORAGE_TRY(lmdb_put(txn_, txn_.databases().index_entries,
                                  entry_key(label, key, *value, record.id), {}));
    }
  }
}

Status PropertyIndex::drop(LabelId label, PropertyKeyId key) {
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(bool removed,
                        lmdb_del(txn_, txn_.databases().index_defs, def_key(label, key)));
  if (!removed) {
    return make_error(StorageErrc::NotFound, "no index on label " + std::to_string(label) +
                                                 ", property key " + std::to_string(key));
  }
  std::string prefix = def_key(label, key);
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().index_entries));
  MDB_val k = to_val(prefix);
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool more, cursor->get(k, v, MDB_SET_RANGE));
  while (more && to_view(k).substr(0, 8) == prefix) {
    int rc = mdb_cursor_del(cursor->handle(), 0);
    if (rc != 0) {
      return lmdb_error(rc, "drop index entries");
    }
    k = to_val(prefix);
    QUIVER_STORAGE_ASSIGN(more, cursor->get(k, v, MDB_SET_RANGE));
  }
  return {};
}

Status PropertyIndex::update_node(Transaction& txn, NodeId node, const NodeRecord* before,
                                  const NodeRecord* after) {
  PropertyIndex index(txn);
  QUIVER_STORAGE_ASSIGN(std::vector<IndexDefinition> defs, index.list());
  struct Change {
    const IndexDefinition* def;
    const PropertyValue* old_value;
    const PropertyValue* new_value;
  };
  std::vector<Change> changes;
  for (const IndexDefinition& def : defs) {
    const PropertyValue* old_value = indexed_value(before, def);
    const PropertyValue* new_value = indexed_value(after, def);
    if (old_value == nullptr && new_value == nullptr) {
      continue;
    }
    if (old_value != nullptr && new_value != nullptr && *old_value == *new_value) {
      continue;
    }
    changes.push_back(Change{&def, old_value, new_value});
  }

  // Every constraint is checked before anything is written, so a refused write leaves the
  // transaction as it was and the caller may carry on with it.
  for (const Change& change : changes) {
    if (change.def->unique && change.new_value != nullptr) {
      QUIVER_STORAGE_TRY(check_unique(txn, *change.def, *change.new_value, node));
    }
  }
  MDB_dbi dbi = txn.databases().index_entries;
  for (const Change& change : changes) {
    const IndexDefinition& def = *change.def;
    if (change.old_value != nullptr) {
      QUIVER_STORAGE_TRY(
          lmdb_del(txn, dbi, entry_key(def.label, def.key, *change.old_value, node)));
    }
    if (change.new_value != nullptr) {
      QUIVER_STORAGE_TRY(
          lmdb_put(txn, dbi, entry_key(def.label, def.key, *change.new_value, node), {}));
    }
  }
  return {};
}

}  // namespace quiver::storage
