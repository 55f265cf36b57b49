// quiver::Database: an embedded Quiver database in one directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/error.h"

namespace quiver {

// How to open a database directory.
struct DatabaseOptions {
  bool read_only = false;         // refuse every write
  bool create_if_missing = true;  // create the directory and an empty database when absent
  bool durable = true;            // fsync on commit; false trades durability on power loss
                                  // (never consistency) for speed
  std::uint64_t initial_map_size = std::uint64_t{64} << 20;  // bytes; grows on demand
};

// What check_integrity found: one sentence per disagreement, plus what it counted.
struct IntegrityReport {
  std::vector<std::string> problems;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t adjacency_entries = 0;
  std::uint64_t label_entries = 0;
  std::uint64_t index_entries = 0;
  std::uint64_t indexes = 0;

  bool ok() const noexcept { return problems.empty(); }
};

// Counts kept by the store, read without scanning.
struct Statistics {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::map<std::string, std::uint64_t> nodes_per_label;
  std::map<std::string, std::uint64_t> relationships_per_type;
};

// An open database. Thread-safe: any thread may call any member. Several processes may open
// the same directory; each sees the others' commits; one write transaction at a time over all
// of them. A process must not open the same directory twice.
class Database {
 public:
  // Opens (or creates) the database in PATH. Throws Error (NotFound, Permission, Locked,
  // VersionMismatch, Corrupt, Io).
  static std::unique_ptr<Database> open(const std::filesystem::path& path,
                                        const DatabaseOptions& options = {});

  // Like open, but returns nullptr and stores the error in ERROR instead of throwing.
  static std::unique_ptr<Database> try_open(const std::filesystem::path& path,
                                            const DatabaseOptions& options,
                                            std::optional<Error>& error) noexcept;

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Verifies that every stored structure agrees with the others, in one consistent snapshot.
  // Problems are reported, not thrown; throws Error only when the store cannot be read.
  IntegrityReport check_integrity() const;

  // Node and relationship counts, in total, per label and per relationship type (names with a
  // count of zero are left out). Throws Error when the store cannot be read.
  Statistics statistics() const;

  // The directory this database lives in.
  const std::filesystem::path& path() const noexcept;

  // Internal: the storage implementation, for the engine's own classes.
  struct Impl;
  Impl& impl() const noexcept { return *impl_; }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver
