#pragma once

// PlanCache: analysed statements by query text, so a repeated (parameterised) query skips
// parsing and analysis. Least recently used entries are dropped past the capacity.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "query/analyze/analyzer.h"

namespace quiver::query {

// Thread-safe: any number of threads may look up and insert at once.
class PlanCache {
 public:
  explicit PlanCache(size_t capacity) : capacity_(capacity) {}

  // The cached statement for TEXT, or nullptr. The statement is immutable and shared.
  std::shared_ptr<const AnalyzedStatement> find(std::string_view text);

  // Caches STATEMENT under TEXT (no-op with capacity 0).
  void insert(std::string_view text, std::shared_ptr<const AnalyzedStatement> statement);

  // Drops every entry (after schema changes that could alter analysis).
  void clear();

  size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const AnalyzedStatement>>;

  size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace quiver::query
