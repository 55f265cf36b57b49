// Statements of one connection: auto-commit with a read-first attempt, explicit transactions,
// role checks, timeouts and batched results.
#include "server/src/statement_runner.h"

#include <algorithm>

#include "server/src/admin_commands.h"
#include "server/wire/codec.h"

namespace quiver::server {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kBatchBytes = 1u << 20;

Error forbidden(const std::string& message) {
  return Error("SecurityError", "Forbidden", "compile time", message);
}

Error timed_out() {
  return Error("TimeoutError", "QueryTimeout", "runtime",
               "the statement ran past its time limit and was rolled back");
}

bool is_read_only_refusal(const Error& e) {
  return e.category() == "TransactionError" && e.detail() == "ReadOnlyTransaction";
}

void check_deadline(Clock::time_point deadline) {
  if (Clock::now() > deadline) {
    throw timed_out();
  }
}

}  // namespace

StatementRunner::StatementRunner(Database& db, UserStore& users, uint32_t max_batch)
    : db_(db), session_(db.session()), users_(users), max_batch_(max_batch) {}

StatementRunner::~StatementRunner() {
  reset();
}

const std::vector<std::string>& StatementRunner::run(const std::string& query, const Params& params,
                                                     std::chrono::milliseconds timeout) {
  Clock::time_point deadline =
      timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();

  if (std::optional<AdminCommand> command = parse_admin_command(query, params)) {
    if (role_ != Role::kAdmin) {
      throw forbidden("managing users needs the admin role");
    }
    if (transaction_) {
      throw Error("TransactionError", "ForbiddenInTransaction", "compile time",
                  "user commands run outside explicit transactions");
    }
    result_ = execute_admin_command(*command, users_);
  } else if (transaction_) {
    if (idle_expired_) {
      throw idle_timeout();
    }
    result_ = run_in_transaction(query, params, deadline);
  } else {
    result_ = run_auto_commit(query, params, deadline);
  }
  next_row_ = 0;
  return result_->columns();
}

RunOptions StatementRunner::options_until(Clock::time_point deadline) const {
  RunOptions options;
  options.cancel = &cancel_;
  // Readers may read the graph, not refit, replace or drop the models and projections every
  // other user is served from, nor write files.
  options.restricted = role_ == Role::kReader;
  if (deadline != Clock::time_point::max()) {
    check_deadline(deadline);
    // At least a millisecond: 0 would mean no limit at all.
    options.timeout =
        std::max(std::chrono::milliseconds(1),
                 std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
  }
  return options;
}

Result StatementRunner::run_auto_commit(const std::string& query, const Params& params,
                                        Clock::time_point deadline) {
  // Every statement first runs in a read transaction, where a writing statement is refused at
  // compile time before it reads anything; only then, and only for roles that may write, does
  // it take the one write transaction. Readers so never write, and never wait for writers.
  {
    Transaction read = session_.begin_read();
    Outcome<Result> outcome = read.try_run(query, params, options_until(deadline));
    if (outcome.ok()) {
      read.commit();
      check_deadline(deadline);
      return std::move(outcome).value();
    }
    if (!is_read_only_refusal(outcome.error())) {
      throw outcome.error();
    }
  }
  if (role_ == Role::kReader) {
    throw forbidden("the reader role cannot run statements that write");
  }

  Outcome<Result> outcome = Error("", "", "", "");
  {
    Transaction write = session_.begin_write();
    outcome = write.try_run(query, params, options_until(deadline));
    if (outcome.ok()) {
      if (Clock::now() > deadline) {
        write.rollback();
        throw timed_out();
      }
      write.commit();
      return std::move(outcome).value();
    }
  }

  // Only the auto-commit path of the embedded Session grows a full storage map and retries;
  // such a statement then runs there, under what is left of its time.
  if (outcome.error().category() == "DatabaseError" && outcome.error().detail() == "map_full") {
    return session_.run(query, params, options_until(deadline));
  }
  throw outcome.error();
}

Result StatementRunner::run_in_transaction(const std::string& query, const Params& params,
                                           Clock::time_point deadline) {
  Outcome<Result> outcome = transaction_->try_run(query, params, options_until(deadline));
  if (!outcome.ok()) {
    if (is_read_only_refusal(outcome.error()) && role_ == Role::kReader) {
      throw forbidden("the reader role cannot run statements that write");
    }
    throw outcome.error();
  }
  if (Clock::now() > deadline) {
    transaction_->rollback();
    throw timed_out();
  }
  return std::move(outcome).value();
}

bool StatementRunner::pull(uint32_t n, wire::RecordBatch* batch) {
  uint32_t limit = (n == 0 || n > max_batch_) ? max_batch_ : n;
  const std::vector<Record>& rows = result_->rows();
  size_t bytes = 0;
  for (uint32_t taken = 0; taken < limit && next_row_ < rows.size(); ++taken) {
    wire::Record* record = batch->add_records();
    for (const Value& value : rows[next_row_].values()) {
      wire::to_wire(value, record->add_values());
    }
    ++next_row_;
    bytes += record->ByteSizeLong();
    if (bytes > kBatchBytes) {
      break;
    }
  }
  bool more = next_row_ < rows.size();
  batch->set_has_more(more);
  return more;
}

void StatementRunner::finish(wire::Summary* summary) {
  wire::to_wire(result_->summary(), summary);
  result_.reset();
  next_row_ = 0;
}

void StatementRunner::begin(bool read_only) {
  if (transaction_) {
    throw Error("TransactionError", "TransactionAlreadyOpen", "compile time",
                "a transaction is open already on this connection");
  }
  if (!read_only && role_ == Role::kReader) {
    throw forbidden("the reader role cannot begin a write transaction");
  }
  transaction_ = read_only ? session_.begin_read() : session_.begin_write();
}

void StatementRunner::commit() {
  if (!transaction_) {
    throw Error("TransactionError", "NoTransaction", "compile time",
                "no transaction is open on this connection");
  }
  if (idle_expired_) {
    Error error = idle_timeout();
    rollback();
    throw error;
  }
  if (!transaction_->open()) {
    transaction_.reset();
    throw Error("TransactionError", "TransactionClosed", "runtime",
                "the transaction was rolled back by a failed statement; nothing was committed");
  }
  std::optional<Transaction> ending = std::move(transaction_);
  transaction_.reset();
  ending->commit();
}

void StatementRunner::rollback() noexcept {
  if (transaction_) {
    transaction_->rollback();
    transaction_.reset();
  }
  idle_expired_ = false;
}

void StatementRunner::expire_idle_transaction(std::chrono::milliseconds idle) noexcept {
  if (!transaction_active()) {
    return;
  }
  transaction_->rollback();
  idle_expired_ = true;
  idle_limit_ = idle;
}

Error StatementRunner::idle_timeout() const {
  return Error("TransactionError", "TransactionIdleTimeout", "runtime",
               "the transaction was rolled back after " + std::to_string(idle_limit_.count()) +
                   " ms without a request (quiverd --transaction-idle-timeout-ms); nothing was "
                   "committed");
}

void StatementRunner::reset() noexcept {
  result_.reset();
  next_row_ = 0;
  rollback();
  cancel_.store(false);
}

}  // namespace quiver::server
