// Read and write transactions over an Environment (RAII).
#pragma once

#include <cstdint>
#include <memory>

#include "storage/result.h"

struct MDB_txn;

namespace quiver::storage {

class Environment;
struct Databases;

// A transaction: one consistent snapshot of the database. Base of ReadTransaction and
// WriteTransaction; the stores (NodeStore, ...) take a Transaction& and refuse writes with
// ReadOnly when it is a read transaction. Not thread-safe: use from the thread that began it.
// Movable, not copyable; a moved-from transaction is inactive.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Aborts the transaction if still active.
  ~Transaction();

  // True for a write transaction.
  bool writable() const noexcept { return writable_; }

  // True until commit() or abort().
  bool active() const noexcept { return txn_ != nullptr; }

  // The data version this transaction started from: the LMDB id of the last committed write
  // transaction its snapshot includes. Every commit that changes anything raises it by one, so
  // two snapshots with the same version hold the same data (also across processes). A write
  // transaction reports the version it started from; has_writes() says whether it has changed
  // anything since. Precondition active().
  std::uint64_t data_version() const noexcept;

  // True once this transaction has written anything (even when the write is later undone
  // within it). Always false for a read transaction.
  bool has_writes() const noexcept { return wrote_; }

  // Internal to storage/: records that a write went through this transaction.
  void note_write() noexcept { wrote_ = true; }

  // Ends the transaction, discarding any writes. Safe to call when already inactive.
  void abort() noexcept;

  // Internal to storage/: the LMDB handle and the sub-database handles.
  MDB_txn* handle() const noexcept { return txn_; }
  const Databases& databases() const noexcept;
  Environment& environment() const noexcept { return *env_; }

  // Internal to storage/: ReadOnly error unless writable() and active().
  Status require_write() const;

  // Internal to storage/: a flag that stays true while this transaction is active. Cursors keep
  // it because LMDB frees a write transaction's cursors when the transaction ends.
  const std::shared_ptr<bool>& liveness() const noexcept { return alive_; }

 protected:
  friend class Environment;

  // Gives up ownership of the LMDB handle; the transaction becomes inactive.
  MDB_txn* release() noexcept;

  Transaction(Environment* env, MDB_txn* txn, bool writable)
      : env_(env), txn_(txn), writable_(writable), alive_(std::make_shared<bool>(true)) {}

  Environment* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
  bool writable_ = false;
  bool wrote_ = false;
  std::shared_ptr<bool> alive_;
};

// A read-only snapshot. Readers never block the writer or each other. Keep them short: a
// long-lived reader keeps old pages from being reused and the file grows.
class ReadTransaction : public Transaction {
 public:
  // Internal to storage/: Environment::begin_read builds these.
  ReadTransaction(Environment* env, MDB_txn* txn) : Transaction(env, txn, false) {}
};

// The single write transaction. All or nothing: nothing is visible to other transactions until
// commit() succeeds; destruction without commit() aborts.
class WriteTransaction : public Transaction {
 public:
  WriteTransaction(Environment* env, MDB_txn* txn) : Transaction(env, txn, true) {}

  // Makes every write durable (unless the environment is not durable) and visible. The
  // transaction is inactive afterwards, whatever the outcome. Errors: MapFull, DiskFull, Io.
  Status commit();
};

}  // namespace quiver::storage
