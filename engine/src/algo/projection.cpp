#include "engine/src/algo/projection.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

#include "query/errors.h"
#include "query/execute/context.h"
#include "storage/catalog.h"

namespace quiver::algo {

namespace {

using query::ErrorCategory;

storage::GraphSnapshotSpec spec_for(storage::Transaction& txn, const ProjectionConfig& config) {
  storage::GraphSnapshotSpec spec;
  for (const std::string& label : config.node_labels) {
    spec.labels.push_back(
        require_name(txn, storage::NameKind::Label, label, "UnknownLabel", "label"));
  }
  for (const std::string& type : config.relationship_types) {
    spec.types.push_back(require_name(txn, storage::NameKind::RelType, type,
                                      "UnknownRelationshipType", "relationship type"));
  }
  switch (config.orientation) {
    case Orientation::kNatural:
      spec.direction = storage::Direction::Outgoing;
      break;
    case Orientation::kReverse:
      spec.direction = storage::Direction::Incoming;
      break;
    case Orientation::kUndirected:
      spec.direction = storage::Direction::Both;
      break;
  }
  if (!config.weight_property.empty()) {
    // A key nobody ever set leaves every relationship at the default weight.
    auto key = storage::Catalog(txn).lookup(storage::NameKind::PropertyKey, config.weight_property);
    if (!key.ok() && key.error().code != storage::StorageErrc::NotFound) {
      throw query::StorageFailure(std::move(key).error());
    }
    spec.weight_key = key.ok() ? *key : std::numeric_limits<storage::PropertyKeyId>::max();
  }
  spec.default_weight = config.default_weight;
  spec.relationships = config.relationships;
  return spec;
}

}  // namespace

std::uint32_t require_name(storage::Transaction& txn, storage::NameKind kind,
                           const std::string& name, const char* detail, const char* what) {
  auto id = storage::Catalog(txn).lookup(kind, name);
  if (!id.ok()) {
    if (id.error().code == storage::StorageErrc::NotFound) {
      query::throw_runtime(ErrorCategory::kProcedureError, detail,
                           std::string("there is no ") + what + " '" + name + "' in the database");
    }
    throw query::StorageFailure(std::move(id).error());
  }
  return *id;
}

const char* orientation_name(Orientation orientation) {
  switch (orientation) {
    case Orientation::kNatural:
      return "NATURAL";
    case Orientation::kReverse:
      return "REVERSE";
    case Orientation::kUndirected:
      return "UNDIRECTED";
  }
  return "NATURAL";
}

GraphProjection GraphProjection::build(storage::Transaction& txn, const ProjectionConfig& config) {
  auto start = std::chrono::steady_clock::now();
  storage::GraphSnapshotSpec spec = spec_for(txn, config);

  auto snapshot = storage::read_graph_snapshot(txn, spec);
  if (!snapshot.ok()) {
    if (snapshot.error().code == storage::StorageErrc::InvalidArgument) {
      query::throw_runtime(ErrorCategory::kProcedureError, "InvalidConfiguration",
                           snapshot.error().message);
    }
    throw query::StorageFailure(std::move(snapshot).error());
  }
  storage::GraphSnapshot& s = *snapshot;

  auto graph =
      gpu::CsrGraph::create(std::move(s.offsets), std::move(s.targets), std::move(s.weights));
  if (!graph.ok()) {
    // The snapshot reader keeps every CSR rule, so this is a bug, not a user error.
    query::throw_runtime(ErrorCategory::kProcedureError, "Internal", graph.error().message);
  }
  GraphProjection out(config, std::move(graph).value(), std::move(s.node_ids),
                      std::move(s.label_slot));
  out.relationship_count_ = s.relationship_count;
  out.data_version_ = txn.data_version();
  out.project_millis_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::uint64_t GraphProjection::estimate_bytes(std::uint64_t nodes, std::uint64_t edges,
                                              bool weighted) {
  // Per node: id, role, offset; per edge: target and weight.
  return nodes * (8 + 1 + 8) + 8 + edges * (4 + (weighted ? 4 : 0));
}

std::uint64_t GraphProjection::bytes() const {
  return estimate_bytes(node_count(), graph_.edge_count(), graph_.weighted());
}

std::optional<gpu::NodeIndex> GraphProjection::index_of(std::uint64_t id) const {
  auto it = std::lower_bound(node_ids_.begin(), node_ids_.end(), id);
  if (it == node_ids_.end() || *it != id) {
    return std::nullopt;
  }
  return static_cast<gpu::NodeIndex>(it - node_ids_.begin());
}

std::vector<gpu::NodeIndex> GraphProjection::nodes_in_slot(std::uint8_t slot) const {
  std::vector<gpu::NodeIndex> out;
  for (std::size_t i = 0; i < label_slot_.size(); ++i) {
    if (label_slot_[i] == slot) {
      out.push_back(static_cast<gpu::NodeIndex>(i));
    }
  }
  return out;
}

ProjectionPtr ProjectionCatalog::add(const std::string& name, ProjectionPtr kept) {
  std::lock_guard lock(mutex_);
  if (!graphs_.emplace(name, kept).second) {
    query::throw_runtime(ErrorCategory::kProcedureError, "GraphExists",
                         "a graph named '" + name + "' is already projected");
  }
  return kept;
}

ProjectionPtr ProjectionCatalog::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = graphs_.find(name);
  return it == graphs_.end() ? nullptr : it->second;
}

ProjectionPtr ProjectionCatalog::current(const std::string& name, storage::Transaction& txn) {
  ProjectionPtr kept = find(name);
  if (kept == nullptr) {
    query::throw_runtime(ErrorCategory::kProcedureError, "GraphNotFound",
                         "there is no projected graph named '" + name + "'");
  }
  if (kept->data_version() == txn.data_version() && !txn.has_writes()) {
    return kept;
  }

  // Built outside the lock: a projection may take seconds, and readers of other names must not
  // wait for it.
  auto fresh = std::make_shared<const GraphProjection>(GraphProjection::build(txn, kept->config()));
  if (!txn.has_writes() && fresh->data_version() > kept->data_version()) {
    std::lock_guard lock(mutex_);
    auto it = graphs_.find(name);
    // Replace only what this call found, and never with an older snapshot (a reader that began
    // before the kept build): a drop or a newer build in between wins.
    if (it != graphs_.end() && it->second == kept) {
      it->second = fresh;
    }
  }
  return fresh;
}

ProjectionPtr ProjectionCatalog::drop(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = graphs_.find(name);
  if (it == graphs_.end()) {
    return nullptr;
  }
  ProjectionPtr out = std::move(it->second);
  graphs_.erase(it);
  return out;
}

std::vector<std::pair<std::string, ProjectionPtr>> ProjectionCatalog::list() const {
  std::lock_guard lock(mutex_);
  return {graphs_.begin(), graphs_.end()};
}

}  // namespace quiver::algo
