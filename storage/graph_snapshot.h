// GraphSnapshot: the graph of one transaction's snapshot, or the part of it chosen by labels and
// relationship types, read into compressed sparse row arrays for the algorithms.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "storage/result.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

// What a snapshot holds. Plain data.
struct GraphSnapshotSpec {
  // Nodes carrying at least one of these labels; empty selects every node.
  std::vector<LabelId> labels;
  // Relationships of these types (both end nodes selected); empty selects every type.
  std::vector<RelTypeId> types;
  // Which way each relationship is read: Outgoing keeps start -> end, Incoming reverses it,
  // Both stores it in the rows of both end nodes (a self-loop once).
  Direction direction = Direction::Outgoing;
  // False reads the nodes alone (every row empty), for algorithms over node properties.
  bool relationships = true;
  // Relationship property read as the edge weight; none gives an unweighted snapshot.
  std::optional<PropertyKeyId> weight_key;
  // Weight of a relationship that lacks the weight property.
  double default_weight = 1.0;
};

// A snapshot in CSR form, the layout of docs/gpu-buffers.md. Node index i (dense, from 0) is
// database node node_ids[i]; node_ids ascends. The out-edges of index v are
// targets[offsets[v] .. offsets[v + 1]), weights (when weighted) at the same positions. Owns its
// arrays; a plain value.
struct GraphSnapshot {
  std::vector<NodeId> node_ids;
  // For each node, the position in GraphSnapshotSpec::labels of the first label it carries
  // (0 when the spec named no labels): how a caller tells node roles (say users from items)
  // apart.
  std::vector<std::uint8_t> label_slot;
  std::vector<std::uint64_t> offsets;
  std::vector<std::uint32_t> targets;
  std::vector<float> weights;
  // Relationships read (each counted once, also when stored in two rows).
  std::uint64_t relationship_count = 0;
};

// Reads the snapshot SPEC chooses from TXN: label scans pick the nodes, one adjacency range scan
// per node (and type) their relationships. Labels and types that no node or relationship
// carries select nothing. Errors: InvalidArgument (more than 255 labels, more nodes than a
// 32-bit index holds, a weight that is not a number), Corrupt, Io. Same thread as TXN.
Result<GraphSnapshot> read_graph_snapshot(Transaction& txn, const GraphSnapshotSpec& spec);

// The dense index of node ID in SNAPSHOT, or nullopt when the snapshot does not hold it.
// Thread-safe on a snapshot no thread changes.
std::optional<std::uint32_t> snapshot_index(const GraphSnapshot& snapshot, NodeId id);

}  // namespace quiver::storage
