#include "storage/environment.h"

#include <lmdb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <system_error>

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

struct Environment::Handle {
  MDB_env* env = nullptr;
  std::atomic<int> open_transactions{0};
  // Map growth takes it exclusively; starting a transaction takes it shared, so starts never
  // wait for each other (a writer blocked on another process does not hold up readers).
  std::shared_mutex resize_mutex;

  ~Handle() {
    if (env != nullptr) {
      mdb_env_close(env);
    }
  }
};

namespace {

// Refuses a data file shorter than the pages LMDB believes it holds: reading such pages through
// the map would raise SIGBUS instead of returning an error.
Status check_file_length(MDB_env* env, const std::filesystem::path& data_file) {
  MDB_envinfo info{};
  MDB_stat stat{};
  mdb_env_info(env, &info);
  mdb_env_stat(env, &stat);
  std::error_code ec;
  auto size = std::filesystem::file_size(data_file, ec);
  if (ec) {
    return make_error(StorageErrc::Io, "cannot read size of " + data_file.string());
  }
  std::uint64_t needed = (std::uint64_t{info.me_last_pgno} + 1) * stat.ms_psize;
  if (size < needed) {
    return make_error(StorageErrc::Corrupt,
                      data_file.string() + " is truncated: " + std::to_string(size) +
                          " bytes, the database needs " + std::to_string(needed));
  }
  return {};
}

Status prepare_directory(const std::filesystem::path& path, const EnvironmentOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (!options.create_if_missing || options.read_only) {
      return make_error(StorageErrc::NotFound, "no database directory at " + path.string());
    }
    std::filesystem::create_directories(path, ec);
    if (ec) {
      StorageErrc code =
          ec == std::errc::permission_denied ? StorageErrc::Permission : StorageErrc::Io;
      return make_error(code, "cannot create " + path.string() + ": " + ec.message());
    }
  }
  if (!std::filesystem::is_directory(path, ec)) {
    return make_error(StorageErrc::InvalidArgument, path.string() + " is not a directory");
  }
  int mode = options.read_only ? R_OK | X_OK : R_OK | W_OK | X_OK;
  if (::access(path.c_str(), mode) != 0) {
    return make_error(StorageErrc::Permission,
                      "no " + std::string(options.read_only ? "read" : "write") +
                          " permission on " + path.string());
  }
  if (!std::filesystem::exists(path / "data.mdb", ec) && !options.create_if_missing) {
    return make_error(StorageErrc::NotFound, "no database in " + path.string());
  }
  return {};
}

}  // namespace

Environment::Environment(std::filesystem::path path, EnvironmentOptions options)
    : path_(std::move(path)),
      options_(options),
      handle_(std::make_unique<Handle>()),
      dbs_(std::make_unique<Databases>()) {}

Environment::~Environment() = default;

Result<std::unique_ptr<Environment>> Environment::open(const std::filesystem::path& path,
                                                       const EnvironmentOptions& options) {
  QUIVER_STORAGE_TRY(prepare_directory(path, options));
  std::unique_ptr<Environment> env(new Environment(path, options));
  MDB_env* raw = nullptr;
  int rc = mdb_env_create(&raw);
  if (rc != 0) {
    return lmdb_error(rc, "create environment");
  }
  env->handle_->env = raw;
  mdb_env_set_maxdbs(raw, 16);
  mdb_env_set_maxreaders(raw, options.max_readers);
  mdb_env_set_mapsize(raw, options.initial_map_size);

  // MDB_NOTLS: read transactions are tied to the object, not the thread, so one thread may hold
  // several and hand them between threads one at a time.
  unsigned flags = MDB_NOTLS;
  if (options.read_only) {
    flags |= MDB_RDONLY;
  }
  if (!options.durable) {
    flags |= MDB_NOSYNC;
  }
  rc = mdb_env_open(raw, path.c_str(), flags, 0644);
  if (rc != 0) {
    return lmdb_error(rc, "open database in " + path.string());
  }
  QUIVER_STORAGE_TRY(check_file_length(raw, path / "data.mdb"));

  // Free reader slots left by processes that died with a read transaction open; they would
  // otherwise pin old pages and make the file grow.
  int dead = 0;
  mdb_reader_check(raw, &dead);
  QUIVER_STORAGE_TRY(env->open_databases());
  return env;
}

Status Environment::open_databases() {
  bool write = !options_.read_only;
  QUIVER_STORAGE_ASSIGN(MDB_txn * raw, begin(write));
  Transaction txn =
      write ? Transaction(WriteTransaction(this, raw)) : Transaction(ReadTransaction(this, raw));
  QUIVER_STORAGE_TRY(initialise(txn));

  // Committing (even a read transaction) keeps the table handles open for the environment.
  int rc = mdb_txn_commit(txn.release());
  if (rc != 0) {
    return lmdb_error(rc, "initialise database");
  }
  return {};
}

Status Environment::initialise(Transaction& txn) {
  bool write = txn.writable();
  struct Spec {
    const char* name;
    unsigned* dbi;
    unsigned flags;
  };
  const unsigned dup = MDB_DUPSORT | MDB_DUPFIXED;
  Spec specs[] = {{"meta", &dbs_->meta, 0},
                  {"catalog_names", &dbs_->catalog_names, 0},
                  {"catalog_ids", &dbs_->catalog_ids, 0},
                  {"nodes", &dbs_->nodes, 0},
                  {"relationships", &dbs_->relationships, 0},
                  {"adjacency", &dbs_->adjacency, dup},
                  {"labels", &dbs_->labels, dup},
                  {"rel_types", &dbs_->rel_types, dup},
                  {"index_defs", &dbs_->index_defs, 0},
                  {"index_entries", &dbs_->index_entries, 0}};
  for (const Spec& spec : specs) {
    int rc =
        mdb_dbi_open(txn.handle(), spec.name, spec.flags | (write ? MDB_CREATE : 0u), spec.dbi);
    if (rc == MDB_NOTFOUND) {
      return make_error(StorageErrc::Corrupt, path_.string() + " is not a Quiver database (no '" +
                                                  spec.name + "' table)");
    }
    if (rc != 0) {
      return lmdb_error(rc, std::string("open table ") + spec.name);
    }
  }

  // A fresh database gets the format version; an existing one must carry ours.
  QUIVER_STORAGE_ASSIGN(std::uint64_t version, read_counter(txn, kMetaFormatVersion));
  if (version == 0) {
    QUIVER_STORAGE_ASSIGN(std::uint64_t nodes, lmdb_entries(txn, dbs_->nodes));
    if (nodes != 0 || !write) {
      return make_error(StorageErrc::Corrupt, path_.string() + " has no format version");
    }
    QUIVER_STORAGE_TRY(write_counter(txn, kMetaFormatVersion, kFormatVersion));
  } else if (version != kFormatVersion) {
    return make_error(StorageErrc::VersionMismatch,
                      path_.string() + " has storage format version " + std::to_string(version) +
                          "; this build reads version " + std::to_string(kFormatVersion));
  }
  return {};
}

Result<MDB_txn*> Environment::begin(bool write) {
  if (write && options_.read_only) {
    return make_error(StorageErrc::ReadOnly, "the database was opened read-only");
  }
  std::shared_lock lock(handle_->resize_mutex);
  for (int attempt = 0;; ++attempt) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(handle_->env, nullptr, write ? 0 : MDB_RDONLY, &txn);
    if (rc == 0) {
      handle_->open_transactions.fetch_add(1);
      return txn;
    }

    // Another process grew the map: adopt its size, which LMDB allows only while this process
    // has no transaction open.
    if (rc == MDB_MAP_RESIZED && attempt == 0) {
      lock.unlock();
      {
        std::unique_lock exclusive(handle_->resize_mutex);
        if (handle_->open_transactions.load() == 0) {
          mdb_env_set_mapsize(handle_->env, 0);
        }
      }
      lock.lock();
      continue;
    }
    return lmdb_error(rc, write ? "begin write transaction" : "begin read transaction");
  }
}

Result<ReadTransaction> Environment::begin_read() {
  QUIVER_STORAGE_ASSIGN(MDB_txn * txn, begin(false));
  return ReadTransaction(this, txn);
}

Result<WriteTransaction> Environment::begin_write() {
  QUIVER_STORAGE_ASSIGN(MDB_txn * txn, begin(true));
  return WriteTransaction(this, txn);
}

void Environment::transaction_ended() noexcept {
  handle_->open_transactions.fetch_sub(1);
}

Status Environment::grow_map() {
  std::unique_lock lock(handle_->resize_mutex);
  if (handle_->open_transactions.load() != 0) {
    return make_error(StorageErrc::MapFull,
                      "the map is full and cannot grow while transactions are open");
  }
  std::uint64_t current = map_size();
  if (current >= options_.max_map_size) {
    return make_error(StorageErrc::MapFull, "the map reached its maximum size of " +
                                                std::to_string(options_.max_map_size) + " bytes");
  }
  std::uint64_t next = std::min(current * 2, options_.max_map_size);
  int rc = mdb_env_set_mapsize(handle_->env, next);
  if (rc != 0) {
    return lmdb_error(rc, "grow map");
  }
  return {};
}

std::uint64_t Environment::map_size() const {
  MDB_envinfo info{};
  mdb_env_info(handle_->env, &info);
  return info.me_mapsize;
}

}  // namespace quiver::storage
