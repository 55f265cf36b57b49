// Sessions and transactions: how one statement is compiled (or found in the plan cache), planned,
// run against a storage transaction and turned into a Result.
#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_set>

#include "database_impl.h"
#include "engine/src/engine_log.h"
#include "query/analyze/analyzer.h"
#include "query/execute/context.h"
#include "query/plan/planner.h"
#include "quiver/database.h"
#include "storage/map_room.h"
#include "storage/transaction.h"

namespace quiver {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// A statement ready to run: its analysis (shared with the plan cache) and what it needs.
struct Prepared {
  std::string_view text;
  std::shared_ptr<const query::AnalyzedStatement> analyzed;
  bool writes = false;
  bool cached = false;
  std::chrono::microseconds parse_time{0};
};

bool is_schema_write(const query::ast::StatementNode& node) {
  return std::holds_alternative<query::ast::CreateIndex>(node) ||
         std::holds_alternative<query::ast::DropIndex>(node) ||
         std::holds_alternative<query::ast::CreateConstraint>(node) ||
         std::holds_alternative<query::ast::DropConstraint>(node);
}

// Parses and analyses TEXT, or takes it from the plan cache; checks that PARAMS supply every
// parameter the statement names. Throws Error (compile time).
Prepared prepare(Database::Impl& db, std::string_view text, const Params& params) {
  Prepared prepared;
  prepared.text = text;
  prepared.analyzed = db.plan_cache->find(text);
  prepared.cached = prepared.analyzed != nullptr;

  if (!prepared.cached) {
    Clock::time_point start = Clock::now();
    query::AnalyzeOptions options;
    options.find_procedure = [&db](std::string_view name) -> const query::ProcedureSignature* {
      const query::Procedure* proc = db.procedures.find(name);
      return proc == nullptr ? nullptr : &proc->signature;
    };
    std::unordered_set<std::string> names;
    for (const auto& [name, value] : params) {
      names.insert(name);
    }
    options.parameter_names = std::move(names);
    try {
      prepared.analyzed =
          std::make_shared<const query::AnalyzedStatement>(query::compile(text, options));
    } catch (const query::QueryError& e) {
      throw to_error(e);
    }
    prepared.parse_time = since(start);
    db.plan_cache->insert(text, prepared.analyzed);
  }

  for (const std::string& name : prepared.analyzed->parameters) {
    if (params.count(name) == 0) {
      throw make_error("ParameterMissing", "MissingParameter", "compile time",
                       "the query uses $" + name + " but no value was given for it");
    }
  }

  prepared.writes =
      prepared.analyzed->updates || is_schema_write(prepared.analyzed->statement.node);
  return prepared;
}

query::ValueMap runtime_params(const Params& params) {
  query::ValueMap out;
  for (const auto& [name, value] : params) {
    out.emplace(name, to_runtime(value));
  }
  return out;
}

Counters to_counters(const query::UpdateCounters& c) {
  Counters out;
  out.nodes_created = c.nodes_created;
  out.nodes_deleted = c.nodes_deleted;
  out.relationships_created = c.relationships_created;
  out.relationships_deleted = c.relationships_deleted;
  out.properties_set = c.properties_set;
  out.labels_added = c.labels_added;
  out.labels_removed = c.labels_removed;
  out.indexes_added = c.indexes_added;
  out.indexes_removed = c.indexes_removed;
  out.constraints_added = c.constraints_added;
  out.constraints_removed = c.constraints_removed;
  return out;
}

std::vector<OperatorProfile> profile_of(const query::Operator& root) {
  std::vector<std::pair<const query::Operator*, int>> ops;
  query::flatten_plan(root, 0, ops);
  std::vector<OperatorProfile> out;
  for (const auto& [op, depth] : ops) {
    std::chrono::nanoseconds own = op->inclusive_time();
    for (const query::Operator* child : op->children()) {
      own -= child->inclusive_time();
    }
    OperatorProfile entry;
    entry.name = op->describe();
    entry.depth = depth;
    entry.rows = op->rows();
    entry.time = std::chrono::duration_cast<std::chrono::microseconds>(
        std::max(own, std::chrono::nanoseconds(0)));
    out.push_back(std::move(entry));
  }
  return out;
}

// Runs PREPARED in TXN, stopping it at LIMITS and keeping PROGRESS (when given) up to date.
// TXN_START, when given, is when the explicit transaction began (the transaction clock); otherwise
// that clock reads the statement's start. Throws query::QueryError, query::StorageFailure,
// query::MemoryLimitExceeded, query::StatementInterrupted (mapped by the caller).
Result execute(Database::Impl& db, const Prepared& prepared, storage::Transaction& txn,
               const query::ValueMap& params, const query::InterruptLimits& limits,
               WriteProgress* progress,
               std::optional<std::chrono::system_clock::time_point> txn_start = {}) {
  const query::AnalyzedStatement& analyzed = *prepared.analyzed;
  query::ExecContext ctx(txn, params, db.options.query_memory_limit);
  ctx.set_interrupt_limits(limits);
  ctx.set_file_access(db.file_access);
  if (progress != nullptr) {
    ctx.set_progress_hook([progress](const query::UpdateCounters& c) { progress->update(c); });
  }
  ctx.checkpoint();
  if (txn_start) {
    ctx.set_transaction_start(*txn_start);
  }
  Summary summary;
  summary.parse_time = prepared.parse_time;
  summary.plan_cached = prepared.cached;

  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  const auto* cypher = std::get_if<query::ast::Query>(&analyzed.statement.node);

  if (cypher == nullptr) {
    Clock::time_point start = Clock::now();
    std::vector<std::vector<query::Value>> raw =
        query::run_schema_command(analyzed.statement, ctx, columns);
    for (const auto& raw_row : raw) {
      std::vector<Value> row;
      for (const query::Value& v : raw_row) {
        row.push_back(from_runtime(v, ctx));
      }
      rows.push_back(std::move(row));
    }
    summary.execute_time = since(start);
    if (is_schema_write(analyzed.statement.node)) {
      db.plan_cache->clear();
    }
  } else {
    std::shared_lock procedures_lock(db.procedures_mutex);
    Clock::time_point plan_start = Clock::now();
    query::PhysicalPlan plan = query::build_plan(*cypher, ctx, db.procedures);
    summary.plan_time = since(plan_start);
    columns = plan.columns;
    query::ast::ExplainMode mode = analyzed.statement.explain;

    if (mode != query::ast::ExplainMode::kExplain) {
      Clock::time_point start = Clock::now();
      const query::Schema& schema = plan.root->schema();
      std::vector<int> positions;
      for (size_t i = 0; i < columns.size(); ++i) {
        positions.push_back(schema.size() == columns.size() ? static_cast<int>(i)
                                                            : schema.find(columns[i]));
      }
      query::Batch batch;
      while (plan.root->pull(batch)) {
        // A statement without RETURN still pulls its rows through (they do its writes) but
        // returns none: a row of no columns is nothing to a caller.
        if (columns.empty()) {
          continue;
        }
        for (size_t r = 0; r < batch.size; ++r) {
          std::vector<Value> row;
          row.reserve(positions.size());
          for (int c : positions) {
            row.push_back(c < 0 ? Value() : from_runtime(batch.columns[c][r], ctx));
          }
          rows.push_back(std::move(row));
        }
      }
      summary.execute_time = since(start);
    }
    if (mode != query::ast::ExplainMode::kNone) {
      summary.plan = query::plan_text(*plan.root, mode == query::ast::ExplainMode::kProfile);
    }
    if (mode == query::ast::ExplainMode::kProfile) {
      summary.profile = profile_of(*plan.root);
    }
  }

  if (progress != nullptr) {
    progress->update(ctx.counters());
  }
  summary.counters = to_counters(ctx.counters());
  auto shared_columns = std::make_shared<const std::vector<std::string>>(columns);
  std::vector<Record> records;
  records.reserve(rows.size());
  for (auto& row : rows) {
    records.emplace_back(shared_columns, std::move(row));
  }
  return Result(std::move(columns), std::move(records), std::move(summary));
}

// Runs BODY, turning every failure of the layers below into quiver::Error. STORAGE_FAILED is set
// when the failure came from storage (the transaction may then be unusable).
template <typename Body>
auto guarded(Body&& body, storage::StorageErrc* storage_code = nullptr) {
  try {
    return body();
  } catch (const Error&) {
    throw;
  } catch (const query::QueryError& e) {
    throw to_error(e);
  } catch (const query::StorageFailure& e) {
    if (storage_code != nullptr) {
      *storage_code = e.error().code;
    }
    throw to_error(e.error());
  } catch (const query::MemoryLimitExceeded& e) {
    throw make_error("MemoryLimitExceeded", "QueryMemoryLimit", "runtime", e.what());
  } catch (const query::StatementInterrupted& e) {
    if (e.reason() == query::StatementInterrupted::Reason::kTimeout) {
      throw make_error("TimeoutError", "QueryTimeout", "runtime", e.what());
    }
    throw make_error("TransactionError", "Cancelled", "runtime", e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw make_error("DatabaseError", "internal", "runtime", e.what());
  }
}

constexpr int kMapGrowthAttempts = 16;

// The share of the storage map that should be free when an explicit write transaction begins:
// LMDB cannot grow the map under an open transaction, so an explicit one gets its room first.
constexpr double kRoomForExplicitWrites = 0.5;

std::string mebibytes(uint64_t bytes) {
  return std::to_string((bytes + (uint64_t{1} << 19)) >> 20) + " MiB";
}

// The error for an explicit transaction of DB that filled the storage map and was rolled back.
// Grows the map first, so that running the transaction again gets twice the room.
Error transaction_outgrew_map(Database::Impl& db) {
  uint64_t before = db.env->map_size();
  storage::Status grown = db.env->grow_map();
  std::string message = "the transaction needed more room than the storage map's " +
                        mebibytes(before) + " and was rolled back; ";
  if (grown.ok()) {
    engine_logger()->info("storage map of {} grown to {} after a transaction filled it",
                          db.path.string(), mebibytes(db.env->map_size()));
    message += "the map has grown to " + mebibytes(db.env->map_size()) +
               ", so running the transaction again will get further";
  } else {
    message += "the map could not grow yet (" + grown.error().message +
               ") and grows when the next write transaction begins";
  }
  return make_error("DatabaseError", "map_full", "runtime",
                    message +
                        ". Splitting the transaction or opening the database with a "
                        "larger Options::initial_map_size avoids this.");
}

// The log lines of a statement of DB with text QUERY that writes, or none when DB logs none.
std::optional<WriteProgress> progress_for(const Database::Impl& db, std::string_view query) {
  if (db.options.log_progress_every == 0) {
    return std::nullopt;
  }
  return WriteProgress(db.options.log_progress_every, query);
}

WriteProgress* pointer_to(std::optional<WriteProgress>& progress) {
  return progress ? &*progress : nullptr;
}

// When a statement that starts now must stop under OPTIONS, the database's default timeout
// standing in for a missing one.
query::InterruptLimits limits_of(const Database::Impl& db, const RunOptions& options) {
  query::InterruptLimits limits;
  limits.cancel = options.cancel;
  limits.restricted = options.restricted;
  limits.timeout = options.timeout.count() > 0 ? options.timeout : db.options.query_timeout;
  if (limits.timeout.count() > 0) {
    limits.deadline = Clock::now() + limits.timeout;
  }
  return limits;
}

}  // namespace

struct Transaction::State {
  Database::Impl* db = nullptr;
  std::unique_ptr<storage::Transaction> txn;
  bool writable = false;
  std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
  query::UpdateCounters changes;  // of the statements that succeeded, for the commit's log line
  size_t statements = 0;
};

Transaction::Transaction(std::unique_ptr<State> state) : state_(std::move(state)) {}
Transaction::Transaction(Transaction&&) noexcept = default;
Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    rollback();
    state_ = std::move(other.state_);
  }
  return *this;
}
Transaction::~Transaction() {
  rollback();
}

bool Transaction::open() const noexcept {
  return state_ && state_->txn && state_->txn->active();
}

bool Transaction::writable() const noexcept {
  return state_ && state_->writable;
}

Result Transaction::run(std::string_view query, const Params& params, const RunOptions& options) {
  if (!open()) {
    throw make_error("TransactionError", "TransactionClosed", "runtime",
                     "the transaction has already been committed or rolled back");
  }
  Prepared prepared = prepare(*state_->db, query, params);
  if (prepared.writes && !state_->writable) {
    throw make_error("TransactionError", "ReadOnlyTransaction", "compile time",
                     "a write statement cannot run in a read transaction");
  }
  query::ValueMap runtime = runtime_params(params);
  query::InterruptLimits limits = limits_of(*state_->db, options);
  std::optional<WriteProgress> progress;
  if (prepared.writes) {
    progress = progress_for(*state_->db, query);
  }
  storage::StorageErrc code = storage::StorageErrc::Io;
  try {
    Result result = guarded(
        [&] {
          return execute(*state_->db, prepared, *state_->txn, runtime, limits, pointer_to(progress),
                         state_->started);
        },
        &code);
    if (progress) {
      progress->finish("done, its transaction still open", result.rows().size());
      add_counters(state_->changes, progress->counters());
    }
    ++state_->statements;
    return result;
  } catch (const Error&) {
    if (progress) {
      progress->finish(state_->writable ? "failed, its transaction rolled back" : "failed", 0);
    }
    if (state_->writable) {
      // Statements are atomic: the part of the failed statement already written cannot be
      // separated from the transaction's earlier writes, so the whole transaction ends.
      rollback();
      if (code == storage::StorageErrc::MapFull) {
        throw transaction_outgrew_map(*state_->db);
      }
    }
    throw;
  }
}

Outcome<Result> Transaction::try_run(std::string_view query, const Params& params,
                                     const RunOptions& options) noexcept {
  try {
    return run(query, params, options);
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    return make_error("DatabaseError", "internal", "runtime", e.what());
  }
}

void Transaction::commit() {
  if (!open()) {
    return;
  }
  if (!state_->writable) {
    state_->txn->abort();
    return;
  }
  auto* write = static_cast<storage::WriteTransaction*>(state_->txn.get());
  storage::Status status = write->commit();
  if (!status.ok()) {
    if (status.error().code == storage::StorageErrc::MapFull) {
      throw transaction_outgrew_map(*state_->db);
    }
    throw to_error(status.error());
  }
  uint64_t every = state_->db->options.log_progress_every;
  auto changes = static_cast<uint64_t>(changes_of(state_->changes));
  if (every > 0 && changes >= every) {
    std::chrono::duration<double> took = std::chrono::system_clock::now() - state_->started;
    engine_logger()->info("large transaction committed: {} changes ({}) in {} statements, {:.2f} s",
                          changes, describe_changes(state_->changes), state_->statements,
                          took.count());
  }
}

void Transaction::rollback() noexcept {
  if (open()) {
    state_->txn->abort();
  }
}

Result Session::run(std::string_view query, const Params& params, const RunOptions& options) {
  Database::Impl& db = db_->impl();
  Prepared prepared = prepare(db, query, params);
  query::ValueMap runtime = runtime_params(params);
  query::InterruptLimits limits = limits_of(db, options);

  if (!prepared.writes) {
    auto txn = db.env->begin_read();
    throw_if_error(txn);
    return guarded([&] { return execute(db, prepared, *txn, runtime, limits, nullptr); });
  }

  for (int attempt = 0;; ++attempt) {
    auto txn = db.env->begin_write();
    throw_if_error(txn);
    storage::StorageErrc code = storage::StorageErrc::Io;
    std::optional<WriteProgress> progress = progress_for(db, query);
    try {
      Result result = guarded(
          [&] { return execute(db, prepared, *txn, runtime, limits, pointer_to(progress)); },
          &code);
      storage::Status status = txn->commit();
      if (status.ok()) {
        if (progress) {
          progress->finish("committed", result.rows().size());
        }
        return result;
      }
      code = status.error().code;
      if (code != storage::StorageErrc::MapFull || attempt >= kMapGrowthAttempts) {
        throw to_error(status.error());
      }
    } catch (const Error&) {
      bool again = code == storage::StorageErrc::MapFull && attempt < kMapGrowthAttempts;
      if (progress) {
        progress->finish(again ? "filled the storage map and runs again" : "failed", 0);
      }
      if (!again) {
        throw;
      }
      txn->abort();
    }

    // The map filled up: grow it and run the statement again from the start.
    storage::Status grown = db.env->grow_map();
    if (!grown.ok()) {
      throw to_error(grown.error());
    }
    engine_logger()->info("storage map of {} grown to {} MiB", db.path.string(),
                          db.env->map_size() >> 20);
  }
}

Outcome<Result> Session::try_run(std::string_view query, const Params& params,
                                 const RunOptions& options) noexcept {
  try {
    return run(query, params, options);
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    return make_error("DatabaseError", "internal", "runtime", e.what());
  }
}

Transaction Session::begin_read() {
  auto txn = db_->impl().env->begin_read();
  throw_if_error(txn);
  auto state = std::make_unique<Transaction::State>();
  state->db = &db_->impl();
  state->txn = std::make_unique<storage::ReadTransaction>(std::move(txn).value());
  state->writable = false;
  return Transaction(std::move(state));
}

Transaction Session::begin_write() {
  if (!db_->impl().options.read_only) {
    throw_if_error(storage::ensure_map_room(*db_->impl().env, kRoomForExplicitWrites));
  }
  auto txn = db_->impl().env->begin_write();
  throw_if_error(txn);
  auto state = std::make_unique<Transaction::State>();
  state->db = &db_->impl();
  state->txn = std::make_unique<storage::WriteTransaction>(std::move(txn).value());
  state->writable = true;
  return Transaction(std::move(state));
}

}  // namespace quiver
