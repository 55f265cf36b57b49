// Internal to engine/: reading the configuration map an algo.* procedure is called with, and the
// errors it raises for bad configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/src/algo/projection.h"
#include "gpu/memory_estimate.h"
#include "gpu/result.h"
#include "query/execute/value.h"

namespace quiver::algo {

// Throws query::QueryError (ProcedureError, runtime) with DETAIL and MESSAGE.
[[noreturn]] void fail(const std::string& detail, const std::string& message);

// Typed access to a configuration map with the checks every procedure shares. Each read marks
// its key as known; finish() then refuses keys nobody read. Every failure throws
// query::QueryError (ProcedureError/InvalidConfiguration) naming PROCEDURE and the key. Keys
// compare case-sensitively, as Cypher map keys do. Not thread-safe: one per call.
class ConfigReader {
 public:
  ConfigReader(std::string procedure, query::ValueMap values)
      : procedure_(std::move(procedure)), values_(std::move(values)) {}

  // True when KEY is present and not null (marks it known).
  bool has(const std::string& key);

  // The value at KEY, or FALLBACK when absent or null; throws when of the wrong type or out of
  // [MIN, MAX].
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  double number(const std::string& key, double fallback, double min, double max);
  bool boolean(const std::string& key, bool fallback);
  std::string string(const std::string& key, const std::string& fallback);
  // A list of strings; a single string counts as a list of one.
  std::vector<std::string> strings(const std::string& key);
  // A list of numbers.
  std::vector<double> numbers(const std::string& key);
  // The raw value (null when absent).
  query::Value raw(const std::string& key);
  // STRING (upper-cased) when it is one of CHOICES (upper case); throws otherwise.
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& choices);

  // Throws for the first key in the map that no read asked for.
  void finish() const;

  const std::string& procedure() const { return procedure_; }

  // Throws InvalidConfiguration "PROCEDURE: MESSAGE".
  [[noreturn]] void invalid(const std::string& message) const;

 private:
  const query::Value* lookup(const std::string& key);

  std::string procedure_;
  query::ValueMap values_;
  std::set<std::string> known_;
};

// Reads the projection keys (nodeLabels, relationshipTypes, orientation, weightProperty,
// defaultWeight) from CONFIG.
ProjectionConfig read_projection_config(ConfigReader& config);

// The value of a gpu result, or a ProcedureError naming WHAT: InsufficientMemory for
// OutOfMemory, InvalidConfiguration for InvalidArgument, AlgorithmFailed otherwise.
template <typename T>
T take(gpu::Result<T> result, const std::string& what);

[[noreturn]] void fail_gpu(const gpu::Error& error, const std::string& what);

template <typename T>
T take(gpu::Result<T> result, const std::string& what) {
  if (!result.ok()) {
    fail_gpu(result.error(), what);
  }
  return std::move(result).value();
}

// Refuses a run whose working memory plus EXTRA_BYTES exceeds what the backend has free
// (gpu::check_fits) or LIMIT when given: ProcedureError/InsufficientMemory naming both figures.
void require_fits(const std::string& what, gpu::MemoryEstimate estimate, std::uint64_t extra_bytes,
                  std::optional<std::uint64_t> limit);

}  // namespace quiver::algo
