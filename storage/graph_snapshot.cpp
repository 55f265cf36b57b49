#include "storage/graph_snapshot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "storage/adjacency.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::storage {

namespace {

constexpr std::size_t kBatch = 1024;
constexpr std::uint64_t kMaxSnapshotNodes = 0xFFFFFFFEull;

// Every id a scan yields, appended to OUT.
Status drain(IdScan& scan, std::vector<NodeId>& out) {
  std::array<std::uint64_t, kBatch> batch{};
  for (;;) {
    QUIVER_STORAGE_ASSIGN(std::size_t n, scan.next_batch(batch));
    if (n == 0) {
      return {};
    }
    out.insert(out.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(n));
  }
}

// The selected nodes in ascending id order, with the slot of the first spec label each carries.
Status read_nodes(Transaction& txn, const GraphSnapshotSpec& spec, GraphSnapshot& out) {
  NodeStore nodes(txn);
  if (spec.labels.empty()) {
    QUIVER_STORAGE_ASSIGN(IdScan scan, nodes.scan());
    QUIVER_STORAGE_TRY(drain(scan, out.node_ids));
    out.label_slot.assign(out.node_ids.size(), 0);
    return {};
  }

  // Each label scan ascends; tagging ids with their slot and sorting merges them, and the
  // stable order keeps the lowest slot first among a node's copies.
  std::vector<std::pair<NodeId, std::uint8_t>> tagged;
  for (std::size_t slot = 0; slot < spec.labels.size(); ++slot) {
    std::vector<NodeId> members;
    QUIVER_STORAGE_ASSIGN(IdScan scan, nodes.scan_label(spec.labels[slot]));
    QUIVER_STORAGE_TRY(drain(scan, members));
    for (NodeId id : members) {
      tagged.emplace_back(id, static_cast<std::uint8_t>(slot));
    }
  }
  std::stable_sort(tagged.begin(), tagged.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, slot] : tagged) {
    if (out.node_ids.empty() || out.node_ids.back() != id) {
      out.node_ids.push_back(id);
      out.label_slot.push_back(slot);
    }
  }
  return {};
}

// The weight of relationship REL under SPEC.
Result<float> weight_of(Transaction& txn, const GraphSnapshotSpec& spec, RelationshipId rel) {
  QUIVER_STORAGE_ASSIGN(PropertyValue value,
                        RelationshipStore(txn).property(rel, *spec.weight_key));
  double weight = spec.default_weight;
  if (value.is_int()) {
    weight = static_cast<double>(value.as_int());
  } else if (value.is_double()) {
    weight = value.as_double();
  } else if (!value.is_null()) {
    return make_error(StorageErrc::InvalidArgument,
                      "relationship " + std::to_string(rel) + " has a weight that is not a number");
  }
  if (!std::isfinite(weight)) {
    return make_error(StorageErrc::InvalidArgument,
                      "relationship " + std::to_string(rel) + " has a weight that is not finite");
  }
  return static_cast<float>(weight);
}

// Appends the row of node index V: its relationships in the directions SPEC asks for.
Status read_row(Transaction& txn, const GraphSnapshotSpec& spec, std::uint32_t v,
                GraphSnapshot& out) {
  Adjacency adjacency(txn);
  NodeId node = out.node_ids[v];
  std::array<Neighbour, kBatch / 4> batch{};
  std::vector<std::optional<RelTypeId>> types;
  if (spec.types.empty()) {
    types.emplace_back(std::nullopt);
  } else {
    types.assign(spec.types.begin(), spec.types.end());
  }

  for (const std::optional<RelTypeId>& type : types) {
    QUIVER_STORAGE_ASSIGN(ExpandCursor cursor, adjacency.expand(node, spec.direction, type));
    for (;;) {
      QUIVER_STORAGE_ASSIGN(std::size_t n, cursor.next_batch(batch));
      if (n == 0) {
        break;
      }
      for (std::size_t i = 0; i < n; ++i) {
        const Neighbour& nb = batch[i];
        // Read both ways, a self-loop shows up once per direction; it is one edge.
        if (spec.direction == Direction::Both && nb.direction == Direction::Incoming &&
            nb.node == node) {
          continue;
        }
        std::optional<std::uint32_t> target = snapshot_index(out, nb.node);
        if (!target) {
          continue;
        }
        out.targets.push_back(*target);
        if (spec.weight_key) {
          QUIVER_STORAGE_ASSIGN(float w, weight_of(txn, spec, nb.relationship));
          out.weights.push_back(w);
        }
        // Read both ways every relationship between selected nodes is met twice (once at each
        // end, a self-loop once in all); count it at its start node only.
        if (spec.direction != Direction::Both || nb.direction == Direction::Outgoing) {
          ++out.relationship_count;
        }
      }
    }
  }
  out.offsets.push_back(out.targets.size());
  return {};
}

}  // namespace

Result<GraphSnapshot> read_graph_snapshot(Transaction& txn, const GraphSnapshotSpec& spec) {
  if (spec.labels.size() > std::numeric_limits<std::uint8_t>::max()) {
    return make_error(StorageErrc::InvalidArgument, "a snapshot takes at most 255 labels");
  }

  GraphSnapshot out;
  QUIVER_STORAGE_TRY(read_nodes(txn, spec, out));
  if (out.node_ids.size() > kMaxSnapshotNodes) {
    return make_error(StorageErrc::InvalidArgument,
                      "a snapshot holds at most " + std::to_string(kMaxSnapshotNodes) + " nodes");
  }

  out.offsets.reserve(out.node_ids.size() + 1);
  out.offsets.push_back(0);
  for (std::size_t v = 0; v < out.node_ids.size(); ++v) {
    if (spec.relationships) {
      QUIVER_STORAGE_TRY(read_row(txn, spec, static_cast<std::uint32_t>(v), out));
    } else {
      out.offsets.push_back(0);
    }
  }
  return out;
}

std::optional<std::uint32_t> snapshot_index(const GraphSnapshot& snapshot, NodeId id) {
  auto it = std::lower_bound(snapshot.node_ids.begin(), snapshot.node_ids.end(), id);
  if (it == snapshot.node_ids.end() || *it != id) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(it - snapshot.node_ids.begin());
}

}  // namespace quiver::storage
