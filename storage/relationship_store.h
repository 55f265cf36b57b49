// RelationshipStore: create, read, change and delete relationships.
#pragma once

#include <cstdint>

#include "storage/result.h"
#include "storage/scan.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

// Operations on relationships within one transaction. Creating or deleting a relationship also
// updates the adjacency of both end nodes and the per-type membership. A view with the same
// rules as NodeStore: valid while the transaction is active, ReadOnly on a read transaction,
// NotFound for ids that name no live relationship.
class RelationshipStore {
 public:
  explicit RelationshipStore(Transaction& txn) : txn_(txn) {}

  // Creates a relationship of TYPE from START to END (both must be live nodes: NotFound
  // otherwise; START == END is a self-loop) with PROPS (null values skipped). Returns its id.
  Result<RelationshipId> create(RelTypeId type, NodeId start, NodeId end, const Properties& props);

  // Type, end points and properties.
  Result<RelationshipRecord> get(RelationshipId id) const;

  // Whether a live relationship has ID.
  Result<bool> exists(RelationshipId id) const;

  // Sets property KEY; a null VALUE removes it.
  Status set_property(RelationshipId id, PropertyKeyId key, const PropertyValue& value);

  // Replaces all properties with PROPS.
  Status set_properties(RelationshipId id, const Properties& props);

  // Removes property KEY; returns false when it was absent.
  Result<bool> remove_property(RelationshipId id, PropertyKeyId key);

  // Property KEY; a null value when absent.
  Result<PropertyValue> property(RelationshipId id, PropertyKeyId key) const;

  // All properties.
  Result<Properties> properties(RelationshipId id) const;

  // Deletes the relationship and its adjacency entries.
  Status remove(RelationshipId id);

  // Every live relationship id, ascending.
  Result<IdScan> scan() const;

  // Ids of the relationships of TYPE, ascending.
  Result<IdScan> scan_type(RelTypeId type) const;

  // Number of live relationships, without scanning.
  Result<std::uint64_t> count() const;

  // Number of relationships of TYPE, without scanning.
  Result<std::uint64_t> count_type(RelTypeId type) const;

 private:
  Result<RelationshipRecord> load(RelationshipId id) const;
  Status store(const RelationshipRecord& record);
  Transaction& txn_;
};

}  // namespace quiver::storage
