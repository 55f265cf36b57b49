// PropertyIndex: indexes on (label, property key) with equality and range lookups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "storage/result.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

class LmdbCursor;

// One index: nodes with LABEL, keyed by the value of property KEY. A unique index refuses
// (ConstraintViolation) any write that would give two nodes with LABEL equal KEY values;
// equality is that of the key encoding, so 1 and 1.0 count as equal.
struct IndexDefinition {
  LabelId label = 0;
  PropertyKeyId key = 0;
  bool unique = false;
};

// One end of a range lookup.
struct IndexBound {
  PropertyValue value;
  bool inclusive = true;
};

// Yields the node ids of one index lookup in key order (value order, then node id).
// Reads need its transaction active (afterwards InvalidArgument); it may be destroyed after
// the transaction ends; same thread.
// Movable, not copyable.
class IndexScan {
 public:
  // Internal to storage/; use PropertyIndex::equal or ::range.
  IndexScan(const Transaction& txn, IndexDefinition def, std::string lower, bool lower_inclusive,
            std::string upper, bool upper_inclusive);
  IndexScan(IndexScan&&) noexcept;
  IndexScan& operator=(IndexScan&&) noexcept;
  ~IndexScan();

  // Writes up to OUT.size() next node ids into OUT; returns how many, 0 when done.
  Result<std::size_t> next_batch(std::span<NodeId> out);

 private:
  Result<int> classify(std::string_view value_part, NodeId node);

  const Transaction* txn_;
  std::unique_ptr<LmdbCursor> cursor_;
  IndexDefinition def_;
  std::string lower_;
  std::string upper_;
  bool lower_inclusive_;
  bool upper_inclusive_;
  bool started_ = false;
  bool done_ = false;
  std::optional<StorageError> open_error_;  // why the cursor could not be opened
};

// Creates, drops, lists and queries property indexes. A view over a transaction like the
// stores. Indexes are maintained by NodeStore on every write.
class PropertyIndex {
 public:
  explicit PropertyIndex(Transaction& txn) : txn_(txn) {}

  // Creates the index and fills it from the nodes that have LABEL and KEY. Errors:
  // InvalidArgument (it already exists), ConstraintViolation (UNIQUE and two nodes share a
  // value; nothing is created), ReadOnly, MapFull.
  Status create(LabelId label, PropertyKeyId key, bool unique);

  // Drops the index and its entries. Errors: NotFound.
  Status drop(LabelId label, PropertyKeyId key);

  // All index definitions, ordered by (label, key).
  Result<std::vector<IndexDefinition>> list() const;

  // The definition of the index on (LABEL, KEY), if there is one.
  Result<std::optional<IndexDefinition>> find(LabelId label, PropertyKeyId key) const;

  // Nodes whose KEY equals VALUE in the index on (LABEL, KEY). Errors: NotFound (no such
  // index), InvalidArgument (a null VALUE).
  Result<IndexScan> equal(LabelId label, PropertyKeyId key, const PropertyValue& value) const;

  // Nodes whose KEY lies between LOWER and UPPER (either may be absent, not both). The range
  // stays within the kind of the bounds given: a numeric bound never matches strings.
  // Errors: NotFound (no such index), InvalidArgument (no bound, null bound).
  Result<IndexScan> range(LabelId label, PropertyKeyId key, const std::optional<IndexBound>& lower,
                          const std::optional<IndexBound>& upper) const;

  // Internal to storage/: keep every index touching NODE in step when its labels or
  // properties change from BEFORE to AFTER (either may be empty for create/delete).
  static Status update_node(Transaction& txn, NodeId node, const NodeRecord* before,
                            const NodeRecord* after);

  // Internal to storage/: the index-entry key for (LABEL, KEY, VALUE, NODE). The value part is
  // the key encoding cut to kMaxValueBytes (LMDB keys hold at most 511 bytes); TRUNCATED tells
  // whether it was cut. Lookups check cut entries against the node's stored value.
  static constexpr std::size_t kMaxValueBytes = 400;
  static std::string entry_key(LabelId label, PropertyKeyId key, const PropertyValue& value,
                               NodeId node, bool* truncated = nullptr);

 private:
  Transaction& txn_;
};

}  // namespace quiver::storage
