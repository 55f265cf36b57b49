// Environment: one LMDB database directory opened by this process.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "storage/result.h"

struct MDB_txn;

namespace quiver::storage {

struct Databases;
class ReadTransaction;
class Transaction;
class WriteTransaction;

// The on-disk format version this build reads and writes (docs/storage-format.md).
inline constexpr std::uint32_t kFormatVersion = 1;

// How to open a database directory.
struct EnvironmentOptions {
  bool read_only = false;         // open without write access; writes return ReadOnly
  bool create_if_missing = true;  // create the directory and an empty database when absent
  bool durable = true;            // false opens with MDB_NOSYNC: fast, loses recent commits on
                                  // power failure (never corrupts); for tests and bulk loads
  std::uint64_t initial_map_size = std::uint64_t{64} << 20;  // bytes; grown on demand
  std::uint64_t max_map_size = std::uint64_t{1} << 40;       // growth stops here (MapFull)
  unsigned max_readers = 126;  // concurrent read transactions over all processes
};

// An open database directory: the LMDB environment, its named sub-databases and the checked
// format version. Thread-safe: any thread may begin transactions; LMDB allows one write
// transaction at a time (others block) and many read transactions. A process must open a given
// directory at most once (LMDB's rule); other processes may open it at the same time.
class Environment {
 public:
  // Opens (or creates, per OPTIONS) the database in directory PATH. Errors: NotFound (missing
  // and !create_if_missing), Permission, Locked, VersionMismatch (other format version),
  // Corrupt (not an LMDB file or damaged), Io.
  static Result<std::unique_ptr<Environment>> open(const std::filesystem::path& path,
                                                   const EnvironmentOptions& options);

  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // Begins a read transaction that sees the latest committed snapshot. The transaction must be
  // used by the calling thread only and must end before the Environment is destroyed.
  Result<ReadTransaction> begin_read();

  // Begins the write transaction (blocks while another thread or process holds it). Errors:
  // ReadOnly for a read-only environment, MapFull, Io.
  Result<WriteTransaction> begin_write();

  // Runs BODY in a write transaction and commits it. When LMDB reports the map full anywhere in
  // BODY or the commit, the transaction is aborted, the map grown and BODY run again from the
  // start, so BODY must have no side effects outside the transaction. Returns BODY's error, or
  // the commit's.
  template <typename Body>
  Status write(Body&& body);

  // Grows the map (doubling, up to max_map_size). Precondition: no transaction of this process
  // is open. Errors: MapFull when already at max_map_size, Io.
  Status grow_map();

  // Current map size in bytes.
  std::uint64_t map_size() const;

  const EnvironmentOptions& options() const noexcept { return options_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // Handles of the sub-databases; internal to storage/.
  const Databases& databases() const noexcept { return *dbs_; }

  // Internal to storage/: called by Transaction when it ends.
  void transaction_ended() noexcept;

 private:
  struct Handle;
  Environment(std::filesystem::path path, EnvironmentOptions options);
  Status open_databases();
  Status initialise(Transaction& txn);
  Result<MDB_txn*> begin(bool write);

  std::filesystem::path path_;
  EnvironmentOptions options_;
  std::unique_ptr<Handle> handle_;
  std::unique_ptr<Databases> dbs_;
};

}  // namespace quiver::storage

#include "storage/transaction.h"

namespace quiver::storage {

template <typename Body>
Status Environment::write(Body&& body) {
  for (;;) {
    auto txn = begin_write();
    if (!txn.ok()) {
      return std::move(txn).error();
    }
    Status status = body(*txn);
    if (status.ok()) {
      status = txn->commit();
    }
    if (status.ok() || status.error().code != StorageErrc::MapFull) {
      return status;
    }
    txn->abort();
    QUIVER_STORAGE_TRY(grow_map());
  }
}

}  // namespace quiver::storage
