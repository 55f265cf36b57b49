// Integrity check: verifies that every structure of the store agrees with the others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/result.h"
#include "storage/transaction.h"

namespace quiver::storage {

// What the integrity check found. Each problem is one sentence naming the records involved.
struct IntegrityReport {
  std::vector<std::string> problems;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t adjacency_entries = 0;
  std::uint64_t label_entries = 0;
  std::uint64_t type_entries = 0;
  std::uint64_t index_entries = 0;
  std::uint64_t indexes = 0;

  bool ok() const noexcept { return problems.empty(); }
};

// Reads the whole store in TXN's snapshot and reports every disagreement: records that do not
// decode, relationships whose end nodes are missing, adjacency entries without a relationship
// (or relationships without both entries), label and type membership that does not match the
// records, index entries that do not match the nodes' values, id counters at or below a used
// id, and a format version other than kFormatVersion. Stops listing after kMaxProblems.
// Errors only when LMDB itself fails (Io, Corrupt); disagreements are not errors.
Result<IntegrityReport> check_integrity(const Transaction& txn);

inline constexpr std::size_t kMaxProblems = 1000;

}  // namespace quiver::storage
