#include "storage/transaction.h"

#include <lmdb.h>

#include "storage/environment.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

Transaction::Transaction(Transaction&& other) noexcept
    : env_(other.env_),
      txn_(other.txn_),
      writable_(other.writable_),
      wrote_(other.wrote_),
      alive_(std::move(other.alive_)) {
  other.txn_ = nullptr;
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    abort();
    env_ = other.env_;
    txn_ = other.txn_;
    writable_ = other.writable_;
    wrote_ = other.wrote_;
    alive_ = std::move(other.alive_);
    other.txn_ = nullptr;
  }
  return *this;
}

Transaction::~Transaction() {
  abort();
}

void Transaction::abort() noexcept {
  if (txn_ != nullptr) {
    mdb_txn_abort(release());
  }
}

MDB_txn* Transaction::release() noexcept {
  MDB_txn* txn = txn_;
  txn_ = nullptr;
  if (txn != nullptr) {
    *alive_ = false;
    env_->transaction_ended();
  }
  return txn;
}

std::uint64_t Transaction::data_version() const noexcept {
  // LMDB numbers a write transaction one past the snapshot it starts from.
  std::uint64_t id = mdb_txn_id(txn_);
  return writable_ && id > 0 ? id - 1 : id;
}

const Databases& Transaction::databases() const noexcept {
  return env_->databases();
}

Status Transaction::require_write() const {
  if (!active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  if (!writable_) {
    return make_error(StorageErrc::ReadOnly, "a write needs a write transaction");
  }
  return {};
}

Status WriteTransaction::commit() {
  if (!active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  int rc = mdb_txn_commit(release());
  if (rc != 0) {
    return lmdb_error(rc, "commit");
  }
  return {};
}

}  // namespace quiver::storage
