// NodeStore: create, read, change and delete nodes, their labels and properties.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "storage/result.h"
#include "storage/scan.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

// Operations on nodes within one transaction. Every write keeps the label membership, the
// property indexes and the counts in step, so readers never see them disagree. A view: cheap
// to build, valid while the transaction is active, used from the transaction's thread.
// Write operations on a read transaction return ReadOnly. Ids that do not name a live node
// give NotFound. Label and property-key ids are not checked against the catalog.
class NodeStore {
 public:
  explicit NodeStore(Transaction& txn) : txn_(txn) {}

  // Creates a node with LABELS (duplicates ignored) and PROPS (null values skipped) and returns
  // its new id. Errors: ConstraintViolation (a unique index), MapFull, Io.
  Result<NodeId> create(std::span<const LabelId> labels, const Properties& props);

  // The node's labels and properties.
  Result<NodeRecord> get(NodeId id) const;

  // Whether a live node has ID.
  Result<bool> exists(NodeId id) const;

  // Sorted labels of the node.
  Result<std::vector<LabelId>> labels(NodeId id) const;

  // Adds LABEL; returns false when the node already had it. Errors: ConstraintViolation.
  Result<bool> add_label(NodeId id, LabelId label);

  // Removes LABEL; returns false when the node did not have it.
  Result<bool> remove_label(NodeId id, LabelId label);

  // Sets property KEY to VALUE; a null VALUE removes the property (as Cypher SET does).
  // Errors: ConstraintViolation (a unique index).
  Status set_property(NodeId id, PropertyKeyId key, const PropertyValue& value);

  // Replaces all properties with PROPS (null values skipped).
  Status set_properties(NodeId id, const Properties& props);

  // Removes property KEY; returns false when it was absent.
  Result<bool> remove_property(NodeId id, PropertyKeyId key);

  // Property KEY of the node; a null value when the node lacks it.
  Result<PropertyValue> property(NodeId id, PropertyKeyId key) const;

  // The node's record as stored, for reading several properties with one lookup. The view
  // points into the map: valid until the transaction writes or ends. Errors: NotFound.
  Result<std::string_view> encoded(NodeId id) const;

  // Property KEY of node ID from ENCODED, a view encoded() returned; null when absent. Errors:
  // Corrupt.
  static Result<PropertyValue> property_in(NodeId id, std::string_view encoded, PropertyKeyId key);

  // All properties of the node.
  Result<Properties> properties(NodeId id) const;

  // Deletes the node. With relationships attached it refuses (ConstraintViolation) unless
  // DETACH, which deletes those relationships first.
  Status remove(NodeId id, bool detach);

  // Every live node id, ascending.
  Result<IdScan> scan() const;

  // Ids of the nodes carrying LABEL, ascending.
  Result<IdScan> scan_label(LabelId label) const;

  // Number of live nodes, without scanning.
  Result<std::uint64_t> count() const;

  // Number of nodes carrying LABEL, without scanning.
  Result<std::uint64_t> count_label(LabelId label) const;

 private:
  Status put_record(const NodeRecord& record);
  Transaction& txn_;
};

}  // namespace quiver::storage
