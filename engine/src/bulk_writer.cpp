#include "quiver/bulk_writer.h"

#include "database_impl.h"
#include "storage/catalog.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver {

struct BulkWriter::Queue {
  struct Node {
    std::vector<std::string> labels;
    Map properties;
  };
  struct Relationship {
    std::size_t start;  // index of a queued node, or a database id when `existing`
    std::size_t end;
    std::string type;
    Map properties;
    bool existing = false;
  };
  std::vector<Node> nodes;
  std::vector<Relationship> relationships;
};

namespace {

void require_name(const std::string& name, const char* what) {
  if (name.empty()) {
    throw invalid_argument(std::string("empty ") + what + " name");
  }
}

storage::Result<storage::Properties> intern_properties(storage::Catalog& catalog,
                                                       const Map& properties) {
  storage::Properties out;
  for (const auto& [name, value] : properties) {
    QUIVER_STORAGE_ASSIGN(storage::PropertyKeyId key, catalog.property_key(name));
    out.emplace(key, to_storage(value));
  }
  return out;
}

}  // namespace

BulkWriter::BulkWriter(Database& database)
    : database_(database), queue_(std::make_unique<Queue>()) {}

BulkWriter::~BulkWriter() = default;

PendingNode BulkWriter::add_node(const std::vector<std::string>& labels, const Map& properties) {
  for (const std::string& label : labels) {
    require_name(label, "label");
  }
  for (const auto& entry : properties) {
    require_name(entry.first, "property");
  }
  queue_->nodes.push_back(Queue::Node{labels, properties});
  return PendingNode{queue_->nodes.size() - 1};
}

void BulkWriter::add_relationship(PendingNode start, PendingNode end, const std::string& type,
                                  const Map& properties) {
  require_name(type, "relationship type");
  if (start.index >= queue_->nodes.size() || end.index >= queue_->nodes.size()) {
    throw invalid_argument("a relationship end is not a node of this writer");
  }
  queue_->relationships.push_back(
      Queue::Relationship{start.index, end.index, type, properties, false});
}

void BulkWriter::add_relationship(ExistingNode start, ExistingNode end, const std::string& type,
                                  const Map& properties) {
  require_name(type, "relationship type");
  queue_->relationships.push_back(Queue::Relationship{start.id, end.id, type, properties, true});
}

std::size_t BulkWriter::pending_nodes() const noexcept {
  return queue_->nodes.size();
}

std::size_t BulkWriter::pending_relationships() const noexcept {
  return queue_->relationships.size();
}

BulkResult BulkWriter::commit() {
  BulkResult result;
  auto status = database_.impl().env->write([&](storage::WriteTransaction& txn) -> storage::Status {
    // The body may run again after the map grows: start from a clean result each time.
    result = BulkResult{};
    storage::Catalog catalog(txn);
    storage::NodeStore nodes(txn);
    storage::RelationshipStore rels(txn);
    result.node_ids.reserve(queue_->nodes.size());
    for (const Queue::Node& node : queue_->nodes) {
      std::vector<storage::LabelId> labels;
      for (const std::string& label : node.labels) {
        QUIVER_STORAGE_ASSIGN(storage::LabelId id, catalog.label(label));
        labels.push_back(id);
      }
      QUIVER_STORAGE_ASSIGN(storage::Properties props, intern_properties(catalog, node.properties));
      QUIVER_STORAGE_ASSIGN(storage::NodeId id, nodes.create(labels, props));
      result.node_ids.push_back(id);
    }
    for (const Queue::Relationship& rel : queue_->relationships) {
      QUIVER_STORAGE_ASSIGN(storage::RelTypeId type, catalog.rel_type(rel.type));
      QUIVER_STORAGE_ASSIGN(storage::Properties props, intern_properties(catalog, rel.properties));
      storage::NodeId start = rel.existing ? rel.start : result.node_ids[rel.start];
      storage::NodeId end = rel.existing ? rel.end : result.node_ids[rel.end];
      QUIVER_STORAGE_TRY(rels.create(type, start, end, props));
      ++result.relationships;
    }
    return {};
  });
  throw_if_error(status);
  queue_ = std::make_unique<Queue>();
  return result;
}

}  // namespace quiver
