// Adjacency: expansion of a node by direction and type, and degrees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "storage/result.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::storage {

class LmdbCursor;

// Yields the neighbours of one node: for each matching (direction, type) adjacency key, its
// (neighbour, relationship) records in ascending neighbour then relationship order, a page at
// a time. Outgoing entries come before incoming ones and types ascend. A self-loop appears once
// per direction. Reads need its transaction active (afterwards they fail with
// InvalidArgument); it may be destroyed after the transaction ends; same thread. Movable, not
// copyable.
class ExpandCursor {
 public:
  // Internal to storage/; use Adjacency::expand.
  ExpandCursor(const Transaction& txn, NodeId node, Direction direction,
               std::optional<RelTypeId> type);
  ExpandCursor(ExpandCursor&&) noexcept;
  ExpandCursor& operator=(ExpandCursor&&) noexcept;
  ~ExpandCursor();

  // Writes up to OUT.size() next neighbours into OUT; returns how many, 0 when done.
  // Errors: Corrupt, Io.
  Result<std::size_t> next_batch(std::span<Neighbour> out);

 private:
  Result<bool> seek_next_key();

  std::unique_ptr<LmdbCursor> cursor_;
  NodeId node_;
  std::optional<RelTypeId> type_;
  std::uint8_t direction_;       // direction being walked now (0 out, 1 in)
  std::uint8_t last_direction_;  // last direction to walk
  bool in_key_ = false;          // positioned inside a matching key's duplicates
  bool done_ = false;
  std::optional<StorageError> open_error_;  // why the cursor could not be opened
  RelTypeId key_type_ = 0;
  std::size_t page_offset_ = 0;
  std::string page_;  // copy of the current page of 16-byte records
};

// Walks every adjacency key, (node, direction, type) in ascending order, with the number of
// relationships under it, without visiting the relationships: whole-graph degree counts in one
// sequential pass. Reads need its transaction active; same thread. Movable, not copyable.
class AdjacencyKeyScan {
 public:
  struct Key {
    NodeId node = 0;
    Direction direction = Direction::Outgoing;
    RelTypeId type = 0;
    std::uint64_t count = 0;  // relationships under the key
  };

  // Internal to storage/; use Adjacency::scan_keys.
  explicit AdjacencyKeyScan(std::unique_ptr<LmdbCursor> cursor);
  AdjacencyKeyScan(AdjacencyKeyScan&&) noexcept;
  AdjacencyKeyScan& operator=(AdjacencyKeyScan&&) noexcept;
  ~AdjacencyKeyScan();

  // Moves to the next key and writes it to OUT; false when none is left. Errors: Corrupt, Io.
  Result<bool> next(Key& out);

  // Relationships under the current key whose other end is NEIGHBOUR (the key's own node:
  // its self-loops of the key's type). Needs a current key. Errors: Corrupt, Io.
  Result<std::uint64_t> count_to(NodeId neighbour);

 private:
  std::unique_ptr<LmdbCursor> cursor_;
  std::string key_;  // the current key's bytes
  bool started_ = false;
};

// Reads the adjacency sub-database. Maintained by RelationshipStore; a view like the stores.
class Adjacency {
 public:
  explicit Adjacency(const Transaction& txn) : txn_(txn) {}

  // A cursor over the neighbours of NODE in DIRECTION (Both for both), only of TYPE when given.
  // A node without relationships (or a missing node) yields nothing.
  Result<ExpandCursor> expand(NodeId node, Direction direction,
                              std::optional<RelTypeId> type = std::nullopt) const;

  // Number of relationships of NODE in DIRECTION (Both counts a self-loop twice), only of TYPE
  // when given. Reads LMDB's duplicate count per adjacency key, so it costs one lookup per
  // type the node has, never a walk over the neighbours.
  Result<std::uint64_t> degree(NodeId node, Direction direction,
                               std::optional<RelTypeId> type = std::nullopt) const;

  // Number of relationships between NODE and NEIGHBOUR in DIRECTION (Outgoing or Incoming) as
  // seen from NODE, only of TYPE when given; NEIGHBOUR == NODE counts self-loops. One
  // positioned read per type key, never a walk over NODE's other neighbours. Errors: Corrupt,
  // Io, InvalidArgument (Both, or an ended transaction).
  Result<std::uint64_t> count_between(NodeId node, Direction direction,
                                      std::optional<RelTypeId> type, NodeId neighbour) const;

  // Every adjacency key of the database, in order, with its count. Errors: Io, InvalidArgument
  // (an ended transaction).
  Result<AdjacencyKeyScan> scan_keys() const;

  // Internal to storage/: record or erase both adjacency entries of a relationship.
  static Status add(Transaction& txn, const RelationshipRecord& rel);
  static Status erase(Transaction& txn, const RelationshipRecord& rel);

 private:
  const Transaction& txn_;
};

// Internal to storage/: the 13-byte adjacency key (node, direction, type).
std::string adjacency_key(NodeId node, Direction direction, RelTypeId type);

}  // namespace quiver::storage
