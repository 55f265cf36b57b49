#include "storage/lmdb_util.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include "storage/databases.h"
#include "storage/key_codec.h"

namespace quiver::storage {

namespace {

StorageErrc code_for(int rc) {
  switch (rc) {
    case MDB_NOTFOUND:
      return StorageErrc::NotFound;
    case MDB_MAP_FULL:
      return StorageErrc::MapFull;
    case MDB_VERSION_MISMATCH:
      return StorageErrc::VersionMismatch;
    case MDB_INVALID:
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_BAD_DBI:
      return StorageErrc::Corrupt;
    case MDB_READERS_FULL:
    case MDB_TXN_FULL:
    case EAGAIN:
    case EBUSY:
      return StorageErrc::Locked;
    case EACCES:
    case EPERM:
    case EROFS:
      return StorageErrc::Permission;
    case ENOSPC:
    case EDQUOT:
      return StorageErrc::DiskFull;
    case ENOENT:
      return StorageErrc::NotFound;
    case EINVAL:
    case MDB_BAD_VALSIZE:
      return StorageErrc::InvalidArgument;
    default:
      return StorageErrc::Io;
  }
}

}  // namespace

StorageError lmdb_error(int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) {
    message += " (the map could not be grown; see EnvironmentOptions::max_map_size)";
  }
  return StorageError{code_for(rc), std::move(message)};
}

Result<std::string_view> lmdb_get(const Transaction& txn, MDB_dbi dbi, std::string_view key,
                                  std::string_view what) {
  if (!txn.active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_get(txn.handle(), dbi, &k, &v);
  if (rc != 0) {
    return lmdb_error(rc, what);
  }
  return to_view(v);
}

Status lmdb_put(Transaction& txn, MDB_dbi dbi, std::string_view key, std::string_view value,
                unsigned flags) {
  QUIVER_STORAGE_TRY(txn.require_write());
  txn.note_write();
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  int rc = mdb_put(txn.handle(), dbi, &k, &v, flags);
  if (rc != 0) {
    return lmdb_error(rc, "write");
  }
  return {};
}

Result<bool> lmdb_del(Transaction& txn, MDB_dbi dbi, std::string_view key,
                      const std::string_view* value) {
  QUIVER_STORAGE_TRY(txn.require_write());
  txn.note_write();
  MDB_val k = to_val(key);
  MDB_val v{};
  if (value != nullptr) {
    v = to_val(*value);
  }
  int rc = mdb_del(txn.handle(), dbi, &k, value != nullptr ? &v : nullptr);
  if (rc == MDB_NOTFOUND) {
    return false;
  }
  if (rc != 0) {
    return lmdb_error(rc, "delete");
  }
  return true;
}

Result<std::uint64_t> read_counter(const Transaction& txn, std::string_view key) {
  auto v = lmdb_get(txn, txn.databases().meta, key, "read meta");
  if (!v.ok()) {
    if (v.error().code == StorageErrc::NotFound) {
      return std::uint64_t{0};
    }
    return std::move(v).error();
  }
  if (v->size() != 8) {
    return make_error(StorageErrc::Corrupt, "meta entry '" + std::string(key) + "' is damaged");
  }
  return read_u64_be(v->data());
}

Status write_counter(Transaction& txn, std::string_view key, std::uint64_t value) {
  std::string bytes;
  append_u64_be(bytes, value);
  return lmdb_put(txn, txn.databases().meta, key, bytes);
}

Result<std::uint64_t> lmdb_entries(const Transaction& txn, MDB_dbi dbi) {
  if (!txn.active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  MDB_stat stat{};
  int rc = mdb_stat(txn.handle(), dbi, &stat);
  if (rc != 0) {
    return lmdb_error(rc, "read database statistics");
  }
  return std::uint64_t{stat.ms_entries};
}

Result<std::uint64_t> lmdb_dup_count(const Transaction& txn, MDB_dbi dbi, std::string_view key) {
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn, dbi));
  MDB_val k = to_val(key);
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool found, cursor->get(k, v, MDB_SET));
  if (!found) {
    return std::uint64_t{0};
  }
  size_t count = 0;
  int rc = mdb_cursor_count(cursor->handle(), &count);
  if (rc != 0) {
    return lmdb_error(rc, "count duplicates");
  }
  return std::uint64_t{count};
}

Result<std::unique_ptr<LmdbCursor>> LmdbCursor::open(const Transaction& txn, MDB_dbi dbi) {
  if (!txn.active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(txn.handle(), dbi, &cursor);
  if (rc != 0) {
    return lmdb_error(rc, "open cursor");
  }
  return std::unique_ptr<LmdbCursor>(new LmdbCursor(cursor, txn.liveness(), txn.writable()));
}

LmdbCursor::~LmdbCursor() {
  if (!write_ || *txn_alive_) {
    mdb_cursor_close(cursor_);
  }
}

Result<bool> LmdbCursor::get(MDB_val& key, MDB_val& value, MDB_cursor_op op) {
  if (!*txn_alive_) {
    return make_error(StorageErrc::InvalidArgument, "the transaction of this cursor has ended");
  }
  int rc = mdb_cursor_get(cursor_, &key, &value, op);
  if (rc == MDB_NOTFOUND) {
    return false;
  }
  if (rc != 0) {
    return lmdb_error(rc, "read cursor");
  }
  return true;
}

}  // namespace quiver::storage
