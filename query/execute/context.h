#pragma once

// ExecContext: what every operator and expression of one running statement shares: the storage
// transaction, the parameters, name caches, the update counters, the memory bound and the
// statement's deadline and cancel flag.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "query/errors.h"
#include "query/execute/file_access.h"
#include "query/execute/value.h"
#include "storage/result.h"
#include "storage/temporal/construct.h"
#include "storage/transaction.h"
#include "storage/types.h"

namespace quiver::query {

namespace ast {
struct Query;
}
class Schema;

// A storage failure surfacing through the query layer (disk full, corruption, read-only
// database...). The session boundary maps it to the user's error type.
class StorageFailure : public std::runtime_error {
 public:
  explicit StorageFailure(storage::StorageError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const storage::StorageError& error() const noexcept { return error_; }

 private:
  storage::StorageError error_;
};

// Returns the value of R, or throws StorageFailure.
template <typename T>
T unwrap(storage::Result<T> r) {
  if (!r.ok())
    throw StorageFailure(std::move(r).error());
  return std::move(r).value();
}
inline void unwrap(storage::Status s) {
  if (!s.ok())
    throw StorageFailure(std::move(s).error());
}

// Thrown when a statement would hold more memory than its bound allows.
class MemoryLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown when a statement is stopped from outside: its deadline passed or its cancel flag was
// set. The session boundary maps it to TimeoutError/QueryTimeout or TransactionError/Cancelled.
class StatementInterrupted : public std::runtime_error {
 public:
  enum class Reason : uint8_t { kTimeout, kCancelled };

  StatementInterrupted(Reason reason, const std::string& message)
      : std::runtime_error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

// When a running statement must stop: a deadline, a flag another thread may set, or both.
// Default-constructed, it never stops a statement.
struct InterruptLimits {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::chrono::milliseconds timeout{0};       // what the deadline was set from, for the message
  const std::atomic<bool>* cancel = nullptr;  // owned by the caller; outlives the statement
  // The caller may read the graph but not change what the database keeps beside it: procedures
  // marked `changes_state` (models, projections, files) are refused at planning.
  bool restricted = false;
};

// What a statement changed (mirrors quiver::Counters of the public API).
struct UpdateCounters {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t indexes_added = 0;
  int64_t indexes_removed = 0;
  int64_t constraints_added = 0;
  int64_t constraints_removed = 0;
};

// The clocks temporal functions read: date() and date.statement() the statement clock (read once
// when the statement starts), date.transaction() the transaction clock (read when the transaction
// began), date.realtime() the system clock at the moment of the call.
enum class TemporalClock : uint8_t { kStatement, kTransaction, kRealtime };

// Per-statement state. Lives for one execution, on the thread that runs it; not thread-safe.
class ExecContext {
 public:
  // TXN must stay active while the context is used. MEMORY_LIMIT bounds charge() in bytes.
  // The statement clock is read here; the transaction clock reads the same until
  // set_transaction_start() says when an explicit transaction began.
  ExecContext(storage::Transaction& txn, const ValueMap& params, uint64_t memory_limit)
      : txn_(txn),
        params_(params),
        memory_limit_(memory_limit),
        statement_start_(std::chrono::system_clock::now()),
        transaction_start_(statement_start_) {}

  storage::Transaction& txn() { return txn_; }
  const ValueMap& params() const { return params_; }
  UpdateCounters& counters() { return counters_; }
  bool writable() const { return txn_.writable(); }

  // Sets the reading of the transaction clock: the moment the enclosing transaction began.
  void set_transaction_start(std::chrono::system_clock::time_point start) {
    transaction_start_ = start;
  }

  // What temporal construction needs for CLOCK: the session's default zone (UTC) and the clock's
  // reading (the realtime clock is read at the call).
  temporal::TemporalContext temporal_context(TemporalClock clock) const;

  // Catalog ids by name, cached; nullopt when the name was never used (then nothing has it).
  std::optional<uint32_t> label_id(const std::string& name);
  std::optional<uint32_t> type_id(const std::string& name);
  std::optional<uint32_t> key_id(const std::string& name);

  // Catalog ids by name, created when new (write transactions only).
  uint32_t intern_label(const std::string& name);
  uint32_t intern_type(const std::string& name);
  uint32_t intern_key(const std::string& name);

  // Names by id, cached.
  const std::string& label_name(uint32_t id);
  const std::string& type_name(uint32_t id);
  const std::string& key_name(uint32_t id);

  // Entity access. Throws QueryError EntityNotFound/DeletedEntityAccess for deleted entities.
  Value node_property(uint64_t node, const std::string& key);
  Value rel_property(uint64_t rel, const std::string& key);
  ValueMap node_properties(uint64_t node);
  ValueMap rel_properties(uint64_t rel);
  std::vector<uint32_t> node_label_ids(uint64_t node);
  std::vector<std::string> node_labels(uint64_t node);
  bool node_has_label(uint64_t node, const std::string& label);
  RelRef relationship(uint64_t rel);
  bool node_exists(uint64_t node);
  bool rel_exists(uint64_t rel);

  // Accounts BYTES against the memory bound; throws MemoryLimitExceeded when the
  // statement would hold more than the limit. release() gives bytes back.
  void charge(uint64_t bytes);
  void release(uint64_t bytes) { used_ = bytes > used_ ? 0 : used_ - bytes; }
  uint64_t memory_used() const { return used_; }

  // Sets when the statement must stop (see checkpoint()); none until called.
  // Whether the statement's caller is restricted (InterruptLimits::restricted).
  bool restricted() const { return limits_.restricted; }

  void set_interrupt_limits(const InterruptLimits& limits) {
    limits_ = limits;
    interruptible_ =
        limits.cancel != nullptr || limits.deadline != std::chrono::steady_clock::time_point::max();
    watched_ = interruptible_ || progress_hook_ != nullptr;
  }

  // Called by checkpoint() with the statement's counters, so that the caller can report on a
  // large write while it runs. HOOK must not throw; none until called.
  using ProgressHook = std::function<void(const UpdateCounters&)>;
  void set_progress_hook(ProgressHook hook) {
    progress_hook_ = std::move(hook);
    watched_ = interruptible_ || progress_hook_ != nullptr;
  }

  // Throws StatementInterrupted when the cancel flag is set or the deadline has passed, and
  // calls the progress hook. Called at every operator pull; reads the clock each time.
  void checkpoint() {
    if (watched_)
      checkpoint_now();
  }

  // The same for inner loops (path expansion, pattern search, procedures): the flag is read on
  // every call, the clock and the hook only on every kClockStride-th.
  void checkpoint_often() {
    if (!watched_)
      return;
    if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed))
      checkpoint_now();
    if (--clock_countdown_ == 0) {
      clock_countdown_ = kClockStride;
      checkpoint_now();
    }
  }

  // Which files LOAD CSV may read; every file until set. POLICY must outlive the context.
  void set_file_access(const FileAccessPolicy& policy) { file_access_ = &policy; }
  const FileAccessPolicy& file_access() const {
    static const FileAccessPolicy kEveryFile;
    return file_access_ != nullptr ? *file_access_ : kEveryFile;
  }

  // Ids of entities this statement deleted, so later reads report them as deleted.
  std::unordered_map<uint64_t, bool>& deleted_nodes() { return deleted_nodes_; }
  std::unordered_map<uint64_t, bool>& deleted_rels() { return deleted_rels_; }

  // Answers EXISTS { query }: true when the query yields a row for ROW, an outer row laid out as
  // SCHEMA. Installed by the planner, since only it can plan the subquery; empty until then.
  using SubqueryProbe =
      std::function<bool(const ast::Query&, const Schema&, const std::vector<Value>& row)>;
  void set_subquery_probe(SubqueryProbe probe) { subquery_probe_ = std::move(probe); }
  const SubqueryProbe& subquery_probe() const { return subquery_probe_; }

 private:
  static constexpr uint32_t kClockStride = 1024;

  void checkpoint_now() const;
  std::optional<uint32_t> lookup(int kind, const std::string& name);
  uint32_t intern(int kind, const std::string& name);
  const std::string& name(int kind, uint32_t id);

  storage::Transaction& txn_;
  const ValueMap& params_;
  UpdateCounters counters_;
  uint64_t memory_limit_;
  uint64_t used_ = 0;
  InterruptLimits limits_;
  const FileAccessPolicy* file_access_ = nullptr;
  bool interruptible_ = false;
  bool watched_ = false;  // interruptible_ or a progress hook
  ProgressHook progress_hook_;
  uint32_t clock_countdown_ = kClockStride;
  std::chrono::system_clock::time_point statement_start_;
  std::chrono::system_clock::time_point transaction_start_;
  std::unordered_map<std::string, uint32_t> ids_[3];
  std::unordered_map<uint32_t, std::string> names_[3];
  std::unordered_map<uint64_t, bool> deleted_nodes_;
  std::unordered_map<uint64_t, bool> deleted_rels_;
  // Read-only transactions: the last node whose properties were read, and its stored record.
  std::optional<std::pair<uint64_t, std::string_view>> last_node_;
  SubqueryProbe subquery_probe_;
};

// Conversions between stored property values and runtime values.
Value from_property(const storage::PropertyValue& v);

// Throws QueryError TypeError/InvalidPropertyType for values a property cannot hold (nodes,
// relationships, paths, maps, lists of mixed or nested kinds).
storage::PropertyValue to_property(const Value& v);

// Throws a runtime-phase QueryError of CATEGORY with DETAIL and MESSAGE.
[[noreturn]] void throw_runtime(ErrorCategory category, const std::string& detail,
                                const std::string& message);

}  // namespace quiver::query
