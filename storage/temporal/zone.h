#pragma once

// Time zones: a fixed UTC offset or a named zone from the system tz database (through Howard
// Hinnant's date library), with the historical offsets the database records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/temporal/error.h"

namespace date {
class time_zone;
}

namespace quiver::temporal {

// Offsets are limited to what ISO 8601 and Cypher accept.
inline constexpr int32_t kMaxOffsetSeconds = 18 * 3600;

// A fixed offset or a named zone. Small value type; copying is cheap. Named zones point into the
// process-wide tz database, which lives until exit, so values may be shared across threads.
class TimeZone {
 public:
  // UTC as a fixed offset of zero ("Z").
  TimeZone() = default;

  // A fixed offset; fails with OutOfRange beyond +-18:00.
  static TemporalResult<TimeZone> fixed(int32_t offset_seconds);

  // A named zone such as "Europe/Stockholm"; fails with UnknownZone when the tz database has no
  // such zone. Thread-safe (the database loads once on first use).
  static TemporalResult<TimeZone> named(std::string_view name);

  // Parses what Cypher accepts as a zone: "Z", an offset ("+01", "+0100", "+01:00", "-02:05:07")
  // or a zone name. Errors: InvalidFormat for a malformed offset, OutOfRange, UnknownZone.
  static TemporalResult<TimeZone> parse(std::string_view text);

  // True for a named zone.
  bool is_named() const { return name_ != nullptr; }

  // The zone name; precondition is_named(). The string lives until exit.
  const std::string& name() const { return *name_; }

  // The fixed offset; meaningful only when !is_named().
  int32_t fixed_offset() const { return offset_; }

  // The UTC offset in force at an instant (seconds since 1970-01-01T00:00Z).
  int32_t offset_at_instant(int64_t epoch_second) const;

  // How a local date-time maps onto this zone. In a gap (clocks jump forward) the local time
  // moves forward by the gap and takes the later offset; in an overlap the earlier offset wins
  // unless `preferred_offset` names the other valid one.
  struct LocalResolution {
    int64_t local_second;  // possibly moved forward out of a gap
    int32_t offset;
  };
  LocalResolution resolve_local(int64_t local_second,
                                std::optional<int32_t> preferred_offset = std::nullopt) const;

  // True when `offset` is valid for `local_second` (one of the offsets it maps to).
  bool offset_valid_for_local(int64_t local_second, int32_t offset) const;

  // Same fixed offset, or same zone name.
  friend bool operator==(const TimeZone& a, const TimeZone& b) {
    return a.name_ == b.name_ && (a.name_ != nullptr || a.offset_ == b.offset_);
  }

 private:
  const std::string* name_ = nullptr;  // interned; nullptr for a fixed offset
  const date::time_zone* zone_ = nullptr;
  int32_t offset_ = 0;
};

// Formats an offset as Cypher prints it: "Z", "+01:00", "+00:53:28".
std::string format_offset(int32_t offset_seconds);

}  // namespace quiver::temporal
