// Internal to engine/: a graph projection (the CSR graph the gpu kernels read, plus the mapping
// between its dense node indexes and database node ids) and the catalogue of projections kept in
// memory by name. Engine code that runs algorithms (the algo.* procedures, recommenders) builds
// on these two types.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "gpu/csr.h"
#include "storage/catalog.h"
#include "storage/graph_snapshot.h"
#include "storage/transaction.h"

namespace quiver::algo {

// The catalog id of NAME (a label, type or key, as KIND says). Throws query::QueryError
// (ProcedureError DETAIL, "there is no WHAT 'NAME' in the database") when the database never
// used the name, query::StorageFailure for storage failures.
std::uint32_t require_name(storage::Transaction& txn, storage::NameKind kind,
                           const std::string& name, const char* detail, const char* what);

// Which way a projection reads each relationship.
enum class Orientation {
  kNatural,     // start -> end
  kReverse,     // end -> start
  kUndirected,  // both ways; a self-loop once
};

// "NATURAL", "REVERSE" or "UNDIRECTED".
const char* orientation_name(Orientation orientation);

// What a projection selects. Plain data; names are compared as stored (case-sensitive).
struct ProjectionConfig {
  // Nodes with at least one of these labels; empty selects every node. The position of a label
  // in this list is the role of the nodes carrying it (see GraphProjection::label_slot).
  std::vector<std::string> node_labels;
  // Relationships of these types between selected nodes; empty selects every type.
  std::vector<std::string> relationship_types;
  Orientation orientation = Orientation::kNatural;
  // False projects the nodes alone (no edges), for algorithms over node properties.
  bool relationships = true;
  // Relationship property read as edge weight; empty gives an unweighted graph.
  std::string weight_property;
  // Weight of a relationship without the weight property.
  double default_weight = 1.0;
};

// An immutable projection of one snapshot. Thread-safe for concurrent readers; shared between
// statements through std::shared_ptr<const GraphProjection>.
class GraphProjection {
 public:
  // Projects what CONFIG selects from TXN's snapshot. Throws query::QueryError (ProcedureError)
  // for a label or relationship type the database has never used (UnknownLabel,
  // UnknownRelationshipType), a non-numeric weight (InvalidConfiguration), and
  // query::StorageFailure for storage failures. Same thread as TXN.
  static GraphProjection build(storage::Transaction& txn, const ProjectionConfig& config);

  // Bytes a projection of NODES nodes and EDGES edges holds (the estimate used before building).
  static std::uint64_t estimate_bytes(std::uint64_t nodes, std::uint64_t edges, bool weighted);

  // What the projection was built from.
  const ProjectionConfig& config() const { return config_; }
  // The CSR graph the gpu kernels take; node index i is node_id(i).
  const gpu::CsrGraph& graph() const { return graph_; }
  // Number of projected nodes.
  std::uint64_t node_count() const { return graph_.node_count(); }
  // Relationships projected, each once (an undirected graph has twice as many edges).
  std::uint64_t relationship_count() const { return relationship_count_; }

  // Database node id of dense index INDEX; precondition index < node_count().
  std::uint64_t node_id(gpu::NodeIndex index) const { return node_ids_[index]; }
  // All node ids, by dense index (ascending).
  std::span<const std::uint64_t> node_ids() const { return node_ids_; }
  // Dense index of database node ID, or nullopt when the projection does not hold it.
  std::optional<gpu::NodeIndex> index_of(std::uint64_t id) const;

  // Position in config().node_labels of the first label node INDEX carries (0 when the config
  // names no labels); precondition index < node_count().
  std::uint8_t label_slot(gpu::NodeIndex index) const { return label_slot_[index]; }
  // Dense indexes of the nodes whose label_slot is SLOT, ascending.
  std::vector<gpu::NodeIndex> nodes_in_slot(std::uint8_t slot) const;

  // Data version of the snapshot it was built from (storage::Transaction::data_version).
  std::uint64_t data_version() const { return data_version_; }
  // Wall time the build took, in milliseconds.
  double project_millis() const { return project_millis_; }
  // Bytes the projection holds in memory.
  std::uint64_t bytes() const;

 private:
  GraphProjection(ProjectionConfig config, gpu::CsrGraph graph, std::vector<std::uint64_t> ids,
                  std::vector<std::uint8_t> slots)
      : config_(std::move(config)),
        graph_(std::move(graph)),
        node_ids_(std::move(ids)),
        label_slot_(std::move(slots)) {}

  ProjectionConfig config_;
  gpu::CsrGraph graph_;
  std::vector<std::uint64_t> node_ids_;
  std::vector<std::uint8_t> label_slot_;
  std::uint64_t relationship_count_ = 0;
  std::uint64_t data_version_ = 0;
  double project_millis_ = 0.0;
};

using ProjectionPtr = std::shared_ptr<const GraphProjection>;

// Projections kept in memory by name for the life of a Database. A kept projection is reused
// while the database's data version equals the one it was built from; after any committed
// change it is rebuilt from its config on next use. Thread-safe: every member may be called
// from any thread.
class ProjectionCatalog {
 public:
  // Keeps PROJECTION under NAME. Throws query::QueryError (ProcedureError/GraphExists) when the
  // name is taken.
  ProjectionPtr add(const std::string& name, ProjectionPtr projection);

  // The projection kept under NAME, as kept (possibly out of date), or nullptr.
  ProjectionPtr find(const std::string& name) const;

  // The projection NAME as TXN sees the data: the kept one when its data version is TXN's and
  // TXN has not written, otherwise a fresh build from the same config (kept in its place unless
  // TXN has uncommitted writes). Throws query::QueryError (ProcedureError/GraphNotFound) for an
  // unknown name, and whatever GraphProjection::build throws.
  ProjectionPtr current(const std::string& name, storage::Transaction& txn);

  // Removes and returns the projection NAME; nullptr when there is none.
  ProjectionPtr drop(const std::string& name);

  // Every kept projection, ordered by name.
  std::vector<std::pair<std::string, ProjectionPtr>> list() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ProjectionPtr> graphs_;
};

}  // namespace quiver::algo
