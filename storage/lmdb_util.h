// Internal to storage/: thin helpers over the LMDB C API.
#pragma once

#include <lmdb.h>

#include <memory>
#include <string>
#include <string_view>

#include "storage/result.h"
#include "storage/transaction.h"

namespace quiver::storage {

// Maps an LMDB or errno return code RC to a StorageError whose message names WHAT failed.
StorageError lmdb_error(int rc, std::string_view what);

// Views bytes as an MDB_val (LMDB never writes through the pointer for keys and put data).
inline MDB_val to_val(std::string_view s) noexcept {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}
inline std::string_view to_view(const MDB_val& v) noexcept {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// Reads KEY from DBI. Returns NotFound (with message WHAT) when absent. The view points into
// the map and stays valid until the transaction writes or ends.
Result<std::string_view> lmdb_get(const Transaction& txn, MDB_dbi dbi, std::string_view key,
                                  std::string_view what);

// Writes KEY -> VALUE into DBI with FLAGS. Precondition: a write transaction.
Status lmdb_put(Transaction& txn, MDB_dbi dbi, std::string_view key, std::string_view value,
                unsigned flags = 0);

// Deletes KEY (and, when VALUE is given for a dupsort database, only that duplicate). Returns
// false when nothing matched.
Result<bool> lmdb_del(Transaction& txn, MDB_dbi dbi, std::string_view key,
                      const std::string_view* value = nullptr);

// Reads / writes an 8-byte big-endian counter under KEY in the meta database (absent = 0).
Result<std::uint64_t> read_counter(const Transaction& txn, std::string_view key);
Status write_counter(Transaction& txn, std::string_view key, std::uint64_t value);

// Number of entries in DBI (counts every duplicate), without scanning.
Result<std::uint64_t> lmdb_entries(const Transaction& txn, MDB_dbi dbi);

// Number of duplicates stored under KEY in dupsort DBI (0 when absent), without scanning.
Result<std::uint64_t> lmdb_dup_count(const Transaction& txn, MDB_dbi dbi, std::string_view key);

// An open LMDB cursor, closed on destruction. Used from the transaction's thread only. May
// outlive its transaction: LMDB frees a write transaction's cursors itself, so the destructor
// then leaves it alone.
class LmdbCursor {
 public:
  static Result<std::unique_ptr<LmdbCursor>> open(const Transaction& txn, MDB_dbi dbi);
  ~LmdbCursor();
  LmdbCursor(const LmdbCursor&) = delete;
  LmdbCursor& operator=(const LmdbCursor&) = delete;

  // mdb_cursor_get with OP; returns false at MDB_NOTFOUND.
  Result<bool> get(MDB_val& key, MDB_val& value, MDB_cursor_op op);

  MDB_cursor* handle() const noexcept { return cursor_; }

 private:
  LmdbCursor(MDB_cursor* cursor, std::shared_ptr<bool> txn_alive, bool write)
      : cursor_(cursor), txn_alive_(std::move(txn_alive)), write_(write) {}
  MDB_cursor* cursor_;
  std::shared_ptr<bool> txn_alive_;
  bool write_;
};

}  // namespace quiver::storage
