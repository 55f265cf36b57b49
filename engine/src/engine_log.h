// Internal to engine/: the logger the engine writes to, and the log lines of large writes.
#pragma once

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "query/execute/context.h"

namespace quiver {

// The logger registered as kLoggerName, created (standard error, level info) when no program
// registered one. Thread-safe.
std::shared_ptr<spdlog::logger> engine_logger();

// The log lines of one statement that may write many entities: a progress line each time its
// changes pass another multiple of EVERY, and a summary when it ends, both only once the
// statement has made at least EVERY changes. One per statement, on the statement's thread.
class WriteProgress {
 public:
  // EVERY > 0. QUERY is the statement's text (its start is quoted in the lines).
  WriteProgress(uint64_t every, std::string_view query);

  // Remembers COUNTERS and logs a progress line when they passed the next multiple of EVERY.
  void update(const query::UpdateCounters& counters);

  // Logs the summary of a statement that changed at least EVERY entities (as of the last
  // update()): OUTCOME says what became of it ("committed", ...), ROWS how many it returned.
  void finish(std::string_view outcome, size_t rows) const;

  // The counters of the last update().
  const query::UpdateCounters& counters() const { return last_; }

 private:
  uint64_t every_;
  uint64_t next_report_;
  std::string excerpt_;
  query::UpdateCounters last_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Entities a statement created, deleted or changed: nodes and relationships created or deleted,
// properties set, labels added or removed.
int64_t changes_of(const query::UpdateCounters& counters);

// Adds every counter of FROM to INTO.
void add_counters(query::UpdateCounters& into, const query::UpdateCounters& from);

// "12 nodes created, 3 properties set" for the non-zero entity counters (or "nothing changed").
std::string describe_changes(const query::UpdateCounters& counters);

}  // namespace quiver
