#pragma once

// The embedded API: open a database directory, run Cypher in sessions and transactions.
//
//   auto db = quiver::Database::open("/data/graph");
//   quiver::Session session = db->session();
//   session.run("CREATE (:Person {name: $name})", {{"name", "Ada"}});
//   for (const quiver::Record& row : session.run("MATCH (p:Person) RETURN p.name AS name"))
//     std::cout << row.get("name").as_string() << "\n";
//
// Thread safety: a Database may be shared by any number of threads; each thread uses its own
// Session (a Session is not thread-safe). Many read statements run concurrently; write
// statements are serialised (one writer at a time, others wait). A Transaction belongs to the
// thread that began it. Results are immutable values, safe to share.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/error.h"
#include "quiver/result.h"
#include "quiver/value.h"

namespace quiver {

// Query parameters: `$name` in the text reads params.at("name").
using Params = Map;

// How to open a database directory.
struct Options {
  bool read_only = false;         // refuse writes (they fail with DatabaseError/read_only)
  bool create_if_missing = true;  // create the directory and an empty database when absent
  bool durable = true;            // false skips fsync on commit: faster, may lose the last
                                  // commits on power failure, never corrupts (tests, imports)
  uint64_t query_memory_limit = uint64_t{1} << 30;  // bytes one statement may hold in rows,
                                                    // hash tables and sort buffers; exceeding
                                                    // it fails with MemoryLimitExceeded
  size_t plan_cache_entries = 512;  // statements kept planned, keyed by query text (0: none)
  uint64_t initial_map_size = uint64_t{64} << 20;  // bytes of the storage map; grows on demand
  std::chrono::milliseconds query_timeout{0};      // wall time a statement may run when its
                                                   // RunOptions set none (0: no limit)
  uint64_t log_progress_every = 100'000;  // a statement or transaction that changes at least
                                          // this many entities logs a line (quiver/log.h) each
                                          // time it passes another multiple, and a summary at
                                          // its end; smaller ones log nothing (0: never)

  // Which files LOAD CSV may read and rec.exportSplit may write. By default any file this
  // process can read or write. With
  // load_csv_files false, none: LOAD CSV of a file fails with ArgumentError/FileAccessDenied.
  // With load_csv_root set, only files inside that directory: a relative path (or file: URL) is
  // taken inside it, and every path is resolved ('..' and symbolic links followed) before the
  // check, so neither leads out; others fail with ArgumentError/FileAccessDenied.
  // load_csv_how_to_allow, when set, is added to those refusals (a server names its flag).
  bool load_csv_files = true;
  std::filesystem::path load_csv_root;
  std::string load_csv_how_to_allow;
};

// Limits on one statement, given to the run() calls that take them.
struct RunOptions {
  // Wall time the statement may run; 0 takes Options::query_timeout. Past it the statement stops
  // at its next check (operators check between batches and inside long loops, so it stops
  // within milliseconds) and fails with TimeoutError/QueryTimeout, undone like any failed
  // statement.
  std::chrono::milliseconds timeout{0};

  // When not null: a flag that any thread may set to stop the statement, which then fails with
  // TransactionError/Cancelled. A statement that starts while it is set fails at its first
  // check. Owned by the caller, who must keep it alive until the call returns and clear it
  // before the next statement that should run.
  const std::atomic<bool>* cancel = nullptr;

  // When true, the statement may read and (in a write transaction) change the graph, but not
  // what the database keeps beside it: procedures that fit, replace, save or drop models and
  // kept projections or write files (rec.fit, rec.refit, rec.save, rec.drop, rec.exportSplit,
  // algo.graph.project, algo.graph.drop) fail with SecurityError/Forbidden before anything runs.
  // quiverd sets it for users of the reader role.
  bool restricted = false;
};

// Counts of what the database holds, read without scanning.
struct Statistics {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  uint64_t labels = 0;              // label names ever used
  uint64_t relationship_types = 0;  // type names ever used
  uint64_t property_keys = 0;       // property key names ever used
  uint64_t indexes = 0;
  std::map<std::string, uint64_t> nodes_per_label;         // labels with at least one node
  std::map<std::string, uint64_t> relationships_per_type;  // types with at least one relationship
};

// What check_integrity found: empty problems means the store is consistent.
struct IntegrityReport {
  std::vector<std::string> problems;
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  uint64_t adjacency_entries = 0;
  uint64_t label_entries = 0;
  uint64_t index_entries = 0;
  uint64_t indexes = 0;

  bool ok() const noexcept { return problems.empty(); }
};

class Database;
class Session;
class Transaction;

// An explicit transaction: every statement run through it sees the same snapshot plus its own
// writes; commit() makes a write transaction's changes durable and visible at once, rollback()
// (or destruction without commit) discards them. Not thread-safe; must be used and ended on the
// thread that began it. Movable, not copyable. Must end before its Database is destroyed.
class Transaction {
 public:
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) noexcept;
  ~Transaction();  // rolls back when still open

  // Runs one statement inside the transaction. Throws Error: any query error; a write statement
  // in a read transaction (TransactionError/ReadOnlyTransaction); use after commit or rollback
  // (TransactionError/TransactionClosed). Statements are atomic: when a statement fails in a
  // write transaction, the whole transaction is rolled back (open() turns false) and later
  // statements fail with TransactionClosed; a failed statement in a read transaction leaves it
  // open. OPTIONS bound the statement's time (see RunOptions); an interrupted statement counts
  // as a failed one.
  Result run(std::string_view query, const Params& params = {}, const RunOptions& options = {});
  Outcome<Result> try_run(std::string_view query, const Params& params = {},
                          const RunOptions& options = {}) noexcept;

  // Ends the transaction, keeping (commit) or discarding (rollback) its writes. Throws Error
  // (DatabaseError) when the commit fails; the writes are then lost. Both are no-ops on an
  // ended transaction.
  void commit();
  void rollback() noexcept;

  // True until commit() or rollback().
  bool open() const noexcept;

  // True for a write transaction.
  bool writable() const noexcept;

  struct State;  // internal

 private:
  friend class Session;
  explicit Transaction(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// A sequence of statements from one thread. run() is auto-commit: each statement runs in a
// transaction of its own (a write transaction when the statement writes), committed when it
// succeeds and rolled back when it fails. Cheap to create; not thread-safe; must not outlive its
// Database.
class Session {
 public:
  // Runs one auto-committed statement with PARAMS, bounded by OPTIONS (see RunOptions). Throws
  // Error on any failure; a failed or interrupted statement changes nothing.
  Result run(std::string_view query, const Params& params = {}, const RunOptions& options = {});

  // The same, never throwing Error.
  Outcome<Result> try_run(std::string_view query, const Params& params = {},
                          const RunOptions& options = {}) noexcept;

  // Begins an explicit transaction. begin_write() waits while another write transaction is
  // open anywhere in the process, and first grows the storage map when less than half of it is
  // free (a transaction cannot grow it once begun; one that fills it fails with
  // DatabaseError/map_full, is rolled back and leaves the map grown for a retry). Throws Error
  // (DatabaseError/read_only on a read-only database).
  Transaction begin_read();
  Transaction begin_write();

 private:
  friend class Database;
  explicit Session(Database* db) : db_(db) {}
  Database* db_;
};

// An open database directory. Thread-safe (see the top of this file). A directory may be opened
// at most once per process at a time.
class Database {
 public:
  // Opens (creating it when OPTIONS allows) the database in directory PATH. Throws Error
  // (DatabaseError with detail not_found, permission, locked, version_mismatch, corrupt, io).
  static std::unique_ptr<Database> open(const std::filesystem::path& path,
                                        const Options& options = {});
  static Outcome<std::unique_ptr<Database>> try_open(const std::filesystem::path& path,
                                                     const Options& options = {}) noexcept;

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A new session on this database.
  Session session() { return Session(this); }

  // Node, relationship and name counts in the latest committed snapshot. Throws Error.
  Statistics statistics();

  // Reads the whole store and reports disagreements between its structures. Throws Error only
  // when the store cannot be read at all.
  IntegrityReport check_integrity();

  const Options& options() const noexcept;
  const std::filesystem::path& path() const noexcept;

  struct Impl;  // internal
  Impl& impl() noexcept { return *impl_; }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver
