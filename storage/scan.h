// IdScan: a batched cursor over node or relationship ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "storage/result.h"
#include "storage/transaction.h"

namespace quiver::storage {

class LmdbCursor;

// Yields ids in ascending order from one sub-database range: all nodes, the members of one
// label, all relationships or the relationships of one type. Built by NodeStore and
// RelationshipStore. Reads need its transaction active (afterwards they fail with
// InvalidArgument); it may be destroyed after the transaction ends. Same thread as the
// transaction. Writes in the same transaction between batches are allowed: each batch is copied
// out of the map, and the scan continues from its position. Movable, not copyable.
class IdScan {
 public:
  // What the scan walks; internal to storage/.
  enum class Mode : std::uint8_t { Keys, Duplicates };

  // Internal to storage/: scans keys of DBI (8-byte big-endian ids) or the 8-byte duplicate
  // values stored under KEY in DBI.
  IdScan(const Transaction& txn, unsigned dbi, Mode mode, std::string key);
  IdScan(IdScan&&) noexcept;
  IdScan& operator=(IdScan&&) noexcept;
  ~IdScan();

  // Writes up to OUT.size() next ids into OUT and returns how many; 0 means the scan is done.
  // Errors: Corrupt, Io.
  Result<std::size_t> next_batch(std::span<std::uint64_t> out);

 private:
  std::unique_ptr<LmdbCursor> cursor_;
  Mode mode_;
  std::string key_;
  std::string page_;  // copy of the current page of duplicates (8-byte ids)
  std::size_t page_offset_ = 0;
  bool started_ = false;
  bool done_ = false;
  std::optional<StorageError> open_error_;  // why the cursor could not be opened
};

}  // namespace quiver::storage
