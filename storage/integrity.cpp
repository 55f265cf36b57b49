#include "storage/integrity.h"

#include <algorithm>
#include <functional>

#include "storage/adjacency.h"
#include "storage/databases.h"
#include "storage/environment.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/property_index.h"
#include "storage/records.h"

namespace quiver::storage {

namespace {

using Visitor = std::function<Status(std::string_view key, std::string_view value)>;

// Calls VISIT for every (key, value) of DBI, duplicates included, in order.
Status for_each(const Transaction& txn, MDB_dbi dbi, const Visitor& visit) {
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn, dbi));
  MDB_val k{};
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool more, cursor->get(k, v, MDB_FIRST));
  while (more) {
    QUIVER_STORAGE_TRY(visit(to_view(k), to_view(v)));
    QUIVER_STORAGE_ASSIGN(more, cursor->get(k, v, MDB_NEXT));
  }
  return {};
}

// Whether the dupsort DBI holds exactly the pair (KEY, VALUE).
Result<bool> has_pair(const Transaction& txn, MDB_dbi dbi, std::string_view key,
                      std::string_view value) {
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn, dbi));
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  return cursor->get(k, v, MDB_GET_BOTH);
}

Result<bool> has_key(const Transaction& txn, MDB_dbi dbi, std::string_view key) {
  auto found = lmdb_get(txn, dbi, key, "integrity lookup");
  if (found.ok()) {
    return true;
  }
  if (found.error().code == StorageErrc::NotFound) {
    return false;
  }
  return std::move(found).error();
}

std::string be32(std::uint32_t v) {
  std::string out;
  append_u32_be(out, v);
  return out;
}

class Checker {
 public:
  Checker(const Transaction& txn, IntegrityReport& report)
      : txn_(txn), dbs_(txn.databases()), report_(report) {}

  void problem(std::string text) {
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back(std::move(text));
    }
  }

  Status run();

 private:
  Status check_meta();
  Status check_nodes();
  Status check_labels();
  Status check_relationships();
  Status check_adjacency();
  Status check_types();
  Status check_indexes();

  const Transaction& txn_;
  const Databases& dbs_;
  IntegrityReport& report_;
  std::vector<IndexDefinition> defs_;
};

Status Checker::run() {
  QUIVER_STORAGE_TRY(check_meta());
  QUIVER_STORAGE_TRY(check_nodes());
  QUIVER_STORAGE_TRY(check_labels());
  QUIVER_STORAGE_TRY(check_relationships());
  QUIVER_STORAGE_TRY(check_adjacency());
  QUIVER_STORAGE_TRY(check_types());
  QUIVER_STORAGE_TRY(check_indexes());
  return {};
}

Status Checker::check_meta() {
  QUIVER_STORAGE_ASSIGN(std::uint64_t version, read_counter(txn_, kMetaFormatVersion));
  if (version != kFormatVersion) {
    problem("format version is " + std::to_string(version) + ", expected " +
            std::to_string(kFormatVersion));
  }
  return for_each(
      txn_, dbs_.catalog_names, [&](std::string_view key, std::string_view value) -> Status {
        if (key.empty() || value.size() != 4) {
          problem("catalog name entry is damaged");
          return Status();
        }
        std::string back(key.substr(0, 1));
        back += value;
        QUIVER_STORAGE_ASSIGN(auto name, lmdb_get(txn_, dbs_.catalog_ids, back, "catalog"));
        if (name != key.substr(1)) {
          problem("catalog name '" + std::string(key.substr(1)) +
                  "' maps to an id of another name");
        }
        return Status();
      });
}

Status Checker::check_nodes() {
  QUIVER_STORAGE_ASSIGN(std::uint64_t last, read_counter(txn_, kMetaLastNodeId));
  return for_each(txn_, dbs_.nodes, [&](std::string_view key, std::string_view value) -> Status {
    ++report_.nodes;
    NodeId id = key.size() == 8 ? read_u64_be(key.data()) : 0;
    auto node = decode_node(id, value);
    if (key.size() != 8 || !node.ok()) {
      problem("node record " + std::to_string(id) + " does not decode");
      return Status();
    }
    if (id > last) {
      problem("node " + std::to_string(id) + " is above the last allocated id " +
              std::to_string(last));
    }
    for (LabelId label : node->labels) {
      QUIVER_STORAGE_ASSIGN(bool member, has_pair(txn_, dbs_.labels, be32(label), key));
      if (!member) {
        problem("node " + std::to_string(id) + " has label " + std::to_string(label) +
                " but is missing from its label membership");
      }
    }
    return Status();
  });
}

Status Checker::check_labels() {
  return for_each(txn_, dbs_.labels, [&](std::string_view key, std::string_view value) -> Status {
    ++report_.label_entries;
    LabelId label = key.size() == 4 ? read_u32_be(key.data()) : 0;
    NodeId id = value.size() == 8 ? read_u64_be(value.data()) : 0;
    auto bytes = lmdb_get(txn_, dbs_.nodes, value, "node");
    auto node = bytes.ok() ? decode_node(id, *bytes) : Result<NodeRecord>(bytes.error());
    if (!node.ok() || !std::binary_search(node->labels.begin(), node->labels.end(), label)) {
      problem("label " + std::to_string(label) + " lists node " + std::to_string(id) +
              ", which does not exist or lacks the label");
    }
    return Status();
  });
}

Status Checker::check_relationships() {
  QUIVER_STORAGE_ASSIGN(std::uint64_t last, read_counter(txn_, kMetaLastRelId));
  return for_each(
      txn_, dbs_.relationships, [&](std::string_view key, std::string_view value) -> Status {
        ++report_.relationships;
        RelationshipId id = key.size() == 8 ? read_u64_be(key.data()) : 0;
        auto rel = decode_relationship(id, value);
        if (key.size() != 8 || !rel.ok()) {
          problem("relationship record " + std::to_string(id) + " does not decode");
          return Status();
        }
        std::string rid = id_key(id);
        if (id > last) {
          problem("relationship " + std::to_string(id) + " is above the last allocated id");
        }
        for (NodeId end : {rel->start, rel->end}) {
          QUIVER_STORAGE_ASSIGN(bool exists, has_key(txn_, dbs_.nodes, id_key(end)));
          if (!exists) {
            problem("relationship " + std::to_string(id) + " refers to missing node " +
                    std::to_string(end));
          }
        }
        std::string out_record = id_key(rel->end) + rid;
        std::string in_record = id_key(rel->start) + rid;
        QUIVER_STORAGE_ASSIGN(
            bool has_out,
            has_pair(txn_, dbs_.adjacency,
                     adjacency_key(rel->start, Direction::Outgoing, rel->type), out_record));
        QUIVER_STORAGE_ASSIGN(
            bool has_in,
            has_pair(txn_, dbs_.adjacency, adjacency_key(rel->end, Direction::Incoming, rel->type),
                     in_record));
        QUIVER_STORAGE_ASSIGN(bool typed, has_pair(txn_, dbs_.rel_types, be32(rel->type), rid));
        if (!has_out || !has_in) {
          problem("relationship " + std::to_string(id) + " lacks its " +
                  (has_out ? "incoming" : "outgoing") + " adjacency entry");
        }
        if (!typed) {
          problem("relationship " + std::to_string(id) + " is missing from its type membership");
        }
        return Status();
      });
}

Status Checker::check_adjacency() {
  return for_each(txn_, dbs_.adjacency,
                  [&](std::string_view key, std::string_view value) -> Status {
                    ++report_.adjacency_entries;
                    if (key.size() != 13 || value.size() != 16) {
                      problem("adjacency entry has a damaged key or record");
                      return Status();
                    }
                    NodeId node = read_u64_be(key.data());
                    auto dir = static_cast<std::uint8_t>(key[8]);
                    RelTypeId type = read_u32_be(key.data() + 9);
                    NodeId other = read_u64_be(value.data());
                    RelationshipId id = read_u64_be(value.data() + 8);
                    auto bytes = lmdb_get(txn_, dbs_.relationships, id_key(id), "relationship");
                    auto rel = bytes.ok() ? decode_relationship(id, *bytes)
                                          : Result<RelationshipRecord>(bytes.error());
                    bool matches = rel.ok() && rel->type == type &&
                                   ((dir == 0 && rel->start == node && rel->end == other) ||
                                    (dir == 1 && rel->end == node && rel->start == other));
                    if (!matches) {
                      problem("adjacency of node " + std::to_string(node) + " lists relationship " +
                              std::to_string(id) + ", which does not exist or does not match");
                    }
                    return Status();
                  });
}

Status Checker::check_types() {
  return for_each(txn_, dbs_.rel_types,
                  [&](std::string_view key, std::string_view value) -> Status {
                    ++report_.type_entries;
                    RelTypeId type = key.size() == 4 ? read_u32_be(key.data()) : 0;
                    RelationshipId id = value.size() == 8 ? read_u64_be(value.data()) : 0;
                    auto bytes = lmdb_get(txn_, dbs_.relationships, value, "relationship");
                    auto rel = bytes.ok() ? decode_relationship(id, *bytes)
                                          : Result<RelationshipRecord>(bytes.error());
                    if (!rel.ok() || rel->type != type) {
                      problem("type " + std::to_string(type) + " lists relationship " +
                              std::to_string(id) + ", which does not exist or has another type");
                    }
                    return Status();
                  });
}

Status Checker::check_indexes() {
  PropertyIndex index(const_cast<Transaction&>(txn_));
  QUIVER_STORAGE_ASSIGN(defs_, index.list());
  report_.indexes = defs_.size();

  // Every entry must be exactly the key its node's current value gives.
  QUIVER_STORAGE_TRY(
      for_each(txn_, dbs_.index_entries, [&](std::string_view key, std::string_view) -> Status {
        ++report_.index_entries;
        if (key.size() < 17) {
          problem("index entry is too short");
          return Status();
        }
        LabelId label = read_u32_be(key.data());
        PropertyKeyId prop = read_u32_be(key.data() + 4);
        NodeId id = read_u64_be(key.data() + key.size() - 8);
        auto bytes = lmdb_get(txn_, dbs_.nodes, id_key(id), "node");
        auto node = bytes.ok() ? decode_node(id, *bytes) : Result<NodeRecord>(bytes.error());
        bool matches = false;
        if (node.ok() && std::binary_search(node->labels.begin(), node->labels.end(), label)) {
          auto value = node->properties.find(prop);
          matches = value != node->properties.end() &&
                    PropertyIndex::entry_key(label, prop, value->second, id) == key;
        }
        bool defined = std::any_of(defs_.begin(), defs_.end(), [&](const IndexDefinition& d) {
          return d.label == label && d.key == prop;
        });
        if (!matches || !defined) {
          problem("index entry for node " + std::to_string(id) + " (label " +
                  std::to_string(label) + ", property key " + std::to_string(prop) +
                  ") does not match the node or has no index");
        }
        return Status();
      }));

  // Every indexed node must have its entry.
  for (const IndexDefinition& def : defs_) {
    QUIVER_STORAGE_TRY(
        for_each(txn_, dbs_.labels, [&](std::string_view key, std::string_view value) -> Status {
          if (key.size() != 4 || read_u32_be(key.data()) != def.label || value.size() != 8) {
            return Status();
          }
          NodeId id = read_u64_be(value.data());
          auto bytes = lmdb_get(txn_, dbs_.nodes, value, "node");
          auto node = bytes.ok() ? decode_node(id, *bytes) : Result<NodeRecord>(bytes.error());
          if (!node.ok()) {
            return Status();  // reported by check_labels
          }
          auto found = node->properties.find(def.key);
          if (found == node->properties.end()) {
            return Status();
          }
          QUIVER_STORAGE_ASSIGN(bool present, has_key(txn_, dbs_.index_entries,
                                                      PropertyIndex::entry_key(def.label, def.key,
                                                                               found->second, id)));
          if (!present) {
            problem("node " + std::to_string(id) + " is missing from the index on label " +
                    std::to_string(def.label) + ", property key " + std::to_string(def.key));
          }
          return Status();
        }));
  }
  return {};
}

}  // namespace

Result<IntegrityReport> check_integrity(const Transaction& txn) {
  if (!txn.active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  IntegrityReport report;
  Checker checker(txn, report);
  QUIVER_STORAGE_TRY(checker.run());
  return report;
}

}  // namespace quiver::storage
