// The engine's logger and the progress lines of large writes.
#include "engine/src/engine_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

#include "quiver/log.h"

namespace quiver {

namespace {

constexpr size_t kExcerptLength = 80;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The first line of QUERY, cut to kExcerptLength characters.
std::string excerpt_of(std::string_view query) {
  std::string_view first = query.substr(0, query.find('\n'));
  std::string out(first.substr(0, kExcerptLength));
  if (out.size() < query.size()) {
    out += "...";
  }
  return out;
}

}  // namespace

std::shared_ptr<spdlog::logger> engine_logger() {
  // Two first statements may ask at once; only one may create and register the logger.
  static std::mutex creating;
  std::lock_guard lock(creating);
  if (std::shared_ptr<spdlog::logger> registered = spdlog::get(kLoggerName)) {
    return registered;
  }
  std::shared_ptr<spdlog::logger> made = spdlog::stderr_color_mt(kLoggerName);
  made->set_level(spdlog::level::info);
  return made;
}

int64_t changes_of(const query::UpdateCounters& c) {
  return c.nodes_created + c.nodes_deleted + c.relationships_created + c.relationships_deleted +
         c.properties_set + c.labels_added + c.labels_removed;
}

void add_counters(query::UpdateCounters& into, const query::UpdateCounters& from) {
  into.nodes_created += from.nodes_created;
  into.nodes_deleted += from.nodes_deleted;
  into.relationships_created += from.relationships_created;
  into.relationships_deleted += from.relationships_deleted;
  into.properties_set += from.properties_set;
  into.labels_added += from.labels_added;
  into.labels_removed += from.labels_removed;
  into.indexes_added += from.indexes_added;
  into.indexes_removed += from.indexes_removed;
  into.constraints_added += from.constraints_added;
  into.constraints_removed += from.constraints_removed;
}

std::string describe_changes(const query::UpdateCounters& c) {
  std::string out;
  auto add = [&out](int64_t n, const char* what) {
    if (n != 0) {
      out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    }
  };
  add(c.nodes_created, "nodes created");
  add(c.nodes_deleted, "nodes deleted");
  add(c.relationships_created, "relationships created");
  add(c.relationships_deleted, "relationships deleted");
  add(c.properties_set, "properties set");
  add(c.labels_added, "labels added");
  add(c.labels_removed, "labels removed");
  return out.empty() ? "nothing changed" : out;
}

WriteProgress::WriteProgress(uint64_t every, std::string_view query)
    : every_(every), next_report_(every), excerpt_(excerpt_of(query)) {}

void WriteProgress::update(const query::UpdateCounters& counters) {
  last_ = counters;
  auto changes = static_cast<uint64_t>(changes_of(counters));
  if (changes < next_report_) {
    return;
  }
  next_report_ = (changes / every_ + 1) * every_;
  engine_logger()->info("large write: {} changes so far ({}) after {:.1f} s: {}", changes,
                        describe_changes(counters), seconds_since(start_), excerpt_);
}

void WriteProgress::finish(std::string_view outcome, size_t rows) const {
  auto changes = static_cast<uint64_t>(changes_of(last_));
  if (changes < every_) {
    return;
  }
  engine_logger()->info("large write {}: {} changes ({}), {} rows, {:.2f} s: {}", outcome, changes,
                        describe_changes(last_), rows, seconds_since(start_), excerpt_);
}

}  // namespace quiver
