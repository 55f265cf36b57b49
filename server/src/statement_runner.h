#pragma once

// The engine side of one connection: its Session, its explicit transaction, the result being
// pulled and the authenticated user's role. Not thread-safe, and bound to one thread: an
// explicit transaction must be used and ended on the thread that began it, so a connection
// calls every member from its own engine thread (EngineExecutor).

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "quiver.pb.h"
#include "quiver/database.h"
#include "server/src/user_store.h"

namespace quiver::server {

class StatementRunner {
 public:
  // DB and USERS must outlive the runner.
  StatementRunner(Database& db, UserStore& users, uint32_t max_batch);
  ~StatementRunner();  // rolls back an open transaction

  StatementRunner(const StatementRunner&) = delete;
  StatementRunner& operator=(const StatementRunner&) = delete;

  // Sets who runs the statements that follow.
  void set_role(Role role) noexcept { role_ = role; }

  // Runs QUERY in the open transaction or, without one, auto-committed; keeps its result for
  // pull() and returns its columns. A statement still running at TIMEOUT (0: none) is stopped
  // and rolled back (TimeoutError/QueryTimeout); one running when cancel() is called, or started
  // after it and before reset(), is stopped likewise (TransactionError/Cancelled). Throws
  // quiver::Error: the engine's errors, SecurityError/Forbidden for a write by a reader or a
  // user command by a non-admin. Precondition: !has_result().
  const std::vector<std::string>& run(const std::string& query, const Params& params,
                                      std::chrono::milliseconds timeout);

  // True while a result has records or its summary left to send.
  bool has_result() const noexcept { return result_.has_value(); }

  // Moves up to N (capped at the batch size) records into BATCH, stopping early past about a
  // megabyte. Returns true when records remain. Precondition: has_result().
  bool pull(uint32_t n, wire::RecordBatch* batch);

  // Writes the result's summary and drops the result. Precondition: has_result().
  void finish(wire::Summary* summary);

  // Explicit transactions. Throw quiver::Error: TransactionError (TransactionAlreadyOpen,
  // NoTransaction, TransactionClosed when a failed statement already rolled it back,
  // TransactionIdleTimeout when expire_idle_transaction() did), the
  // engine's commit errors, SecurityError/Forbidden for a write transaction by a reader.
  void begin(bool read_only);
  void commit();
  void rollback() noexcept;

  // Drops the result, rolls back the transaction and clears a cancel() request. Never fails.
  void reset() noexcept;

  // Stops the statement running now, or the next one to start before reset(). The one member
  // any thread may call.
  void cancel() noexcept { cancel_.store(true); }

  // True between a successful begin() and commit(), rollback() or reset().
  bool in_transaction() const noexcept { return transaction_.has_value(); }

  // True while the explicit transaction can still run statements: begun, and neither rolled
  // back by a failed statement nor expired.
  bool transaction_active() const noexcept {
    return transaction_.has_value() && transaction_->open() && !idle_expired_;
  }

  // Rolls back the explicit transaction because the client sent nothing for IDLE, releasing
  // what it holds (the write lock of a write transaction). The transaction stays on the
  // connection, closed: run() and commit() in it fail with TransactionError/
  // TransactionIdleTimeout until commit(), rollback() or reset() ends it. No-op without an
  // active transaction.
  void expire_idle_transaction(std::chrono::milliseconds idle) noexcept;

 private:
  Result run_auto_commit(const std::string& query, const Params& params,
                         std::chrono::steady_clock::time_point deadline);
  Result run_in_transaction(const std::string& query, const Params& params,
                            std::chrono::steady_clock::time_point deadline);
  RunOptions options_until(std::chrono::steady_clock::time_point deadline) const;
  Error idle_timeout() const;

  Database& db_;
  Session session_;
  UserStore& users_;
  uint32_t max_batch_;
  Role role_ = Role::kReader;
  std::optional<Transaction> transaction_;
  std::optional<Result> result_;
  bool idle_expired_ = false;                // transaction_ was rolled back for idleness
  std::chrono::milliseconds idle_limit_{0};  // the idle time that expired it, for the error
  size_t next_row_ = 0;
  std::atomic<bool> cancel_{false};
};

}  // namespace quiver::server
