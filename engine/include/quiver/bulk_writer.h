// quiver::BulkWriter: builds many nodes and relationships and commits them at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quiver/database.h"
#include "quiver/value.h"

namespace quiver {

// A node added to a BulkWriter and not yet committed; valid only with the writer that made it.
struct PendingNode {
  std::size_t index = 0;
};

// What a commit created.
// A node already in the database, by id, as an end of a queued relationship.
struct ExistingNode {
  std::uint64_t id = 0;
};

struct BulkResult {
  std::vector<std::uint64_t> node_ids;  // database id of each PendingNode, by index
  std::uint64_t relationships = 0;
};

// Collects nodes and relationships in memory, then writes them all in one write transaction:
// either everything becomes visible or nothing does. Not thread-safe: one thread per writer.
// The Database must outlive the writer.
class BulkWriter {
 public:
  explicit BulkWriter(Database& database);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // Queues a node with LABELS and PROPERTIES (null values are dropped). Throws Error
  // (InvalidArgument) for an empty name.
  PendingNode add_node(const std::vector<std::string>& labels, const Map& properties = {});

  // Queues a relationship of TYPE from START to END, both made by this writer. Throws Error
  // (InvalidArgument) for a node of another writer or an empty type.
  void add_relationship(PendingNode start, PendingNode end, const std::string& type,
                        const Map& properties = {});

  // Number of queued nodes and relationships.
  // Queues a relationship of TYPE between two nodes already committed (ids as returned by an
  // earlier commit, or by id() in a query). Throws Error (InvalidArgument) for an empty type;
  // commit() fails with EntityNotFound-style DatabaseError (not_found) when an id has no node.
  void add_relationship(ExistingNode start, ExistingNode end, const std::string& type,
                        const Map& properties = {});

  std::size_t pending_nodes() const noexcept;
  std::size_t pending_relationships() const noexcept;

  // Writes everything queued in one transaction and empties the queue. Throws Error (ReadOnly,
  // Full, ConstraintViolation, Io); after a throw nothing was written and the queue is kept.
  BulkResult commit();

 private:
  struct Queue;
  Database& database_;
  std::unique_ptr<Queue> queue_;
};

}  // namespace quiver
