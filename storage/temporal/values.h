#pragma once

// The six Cypher temporal value types. All are small immutable values with nanosecond precision;
// dates cover years -999,999,999 to 999,999,999. Factories validate and report errors; the
// structs themselves always hold valid values. Any thread.

#include <cstdint>
#include <variant>

#include "storage/temporal/calendar.h"
#include "storage/temporal/error.h"
#include "storage/temporal/zone.h"

namespace quiver::temporal {

// A calendar date (Cypher DATE).
struct Date {
  int64_t epoch_day = 0;  // days since 1970-01-01

  // Validates year/month/day; OutOfRange naming the bad field otherwise.
  static TemporalResult<Date> of(int64_t year, int64_t month, int64_t day);
  // ISO week date (week-year, week 1-53, day of week 1-7), ordinal date (day of year 1-366) and
  // quarter date (quarter 1-4, day of quarter 1-92); OutOfRange naming the bad field otherwise.
  static TemporalResult<Date> of_week(int64_t week_year, int64_t week, int64_t day_of_week);
  static TemporalResult<Date> of_ordinal(int64_t year, int64_t ordinal_day);
  static TemporalResult<Date> of_quarter(int64_t year, int64_t quarter, int64_t day_of_quarter);
  // Validates the day number against the supported range; Overflow otherwise.
  static TemporalResult<Date> of_epoch_day(int64_t epoch_day);

  // The year, month and day.
  YearMonthDay civil() const { return civil_from_epoch_day(epoch_day); }

  // Structural equality (same day); Cypher equality is equals() in compare.h.
  friend bool operator==(const Date&, const Date&) = default;
};

// A time of day without zone (Cypher LOCAL TIME).
struct LocalTime {
  int64_t nanos_of_day = 0;  // 0 .. 86,399,999,999,999

  // Validates each field; OutOfRange naming the bad field otherwise.
  static TemporalResult<LocalTime> of(int64_t hour, int64_t minute, int64_t second,
                                      int64_t nanosecond);

  // The fields of the time: hour 0-23, minute and second 0-59, nanosecond of the second.
  int64_t hour() const { return nanos_of_day / (3600 * kNanosPerSecond); }
  int64_t minute() const { return nanos_of_day / (60 * kNanosPerSecond) % 60; }
  int64_t second() const { return nanos_of_day / kNanosPerSecond % 60; }
  int64_t nanosecond() const { return nanos_of_day % kNanosPerSecond; }
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

// A time of day with a fixed UTC offset (Cypher ZONED TIME).
struct Time {
  LocalTime time;
  int32_t offset_seconds = 0;

  // Nanoseconds of the same instant of day at UTC, not wrapped into one day; orders times.
  int64_t utc_nanos() const {
    return time.nanos_of_day - int64_t{offset_seconds} * kNanosPerSecond;
  }
  friend bool operator==(const Time&, const Time&) = default;
};

// A date and a time of day without zone (Cypher LOCAL DATETIME).
struct LocalDateTime {
  Date date;
  LocalTime time;

  // Seconds since 1970-01-01T00:00 on the local time line, and the reverse.
  int64_t local_second() const {
    return date.epoch_day * kSecondsPerDay + time.nanos_of_day / kNanosPerSecond;
  }
  // Precondition for the reverse: 0 <= nanosecond < 1e9; Overflow outside the year range.
  static TemporalResult<LocalDateTime> of_local_second(int64_t local_second, int64_t nanosecond);
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

// A date-time in a zone (Cypher ZONED DATETIME). The local date-time and the offset in force
// there are kept together so the value prints and compares without a zone lookup.
struct DateTime {
  LocalDateTime local;
  int32_t offset_seconds = 0;
  TimeZone zone;  // a fixed offset (equal to offset_seconds) or a named zone

  // Builds the value for a local date-time in `zone`; gaps and overlaps resolve as
  // TimeZone::resolve_local describes. Overflow when the result leaves the supported range.
  static TemporalResult<DateTime> of_local(const LocalDateTime& local, const TimeZone& zone,
                                           std::optional<int32_t> preferred_offset = {});
  // Builds the value for an instant viewed in `zone`; precondition 0 <= nanosecond < 1e9.
  static TemporalResult<DateTime> of_instant(int64_t epoch_second, int64_t nanosecond,
                                             const TimeZone& zone);

  // Seconds since 1970-01-01T00:00Z (floor) and the nanoseconds within that second.
  int64_t epoch_second() const { return local.local_second() - offset_seconds; }
  int64_t nanosecond() const { return local.time.nanosecond(); }
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// A Cypher DURATION: months, days and seconds kept apart because their lengths vary, plus
// nanoseconds normalised to 0..999,999,999 (so -1.5 s is seconds -2, nanos 500,000,000).
struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;

  // Builds a duration from any nanosecond count, carrying whole seconds into `seconds` so nanos
  // ends up in 0..999,999,999; Overflow when seconds overflow.
  static TemporalResult<Duration> of(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
  friend bool operator==(const Duration&, const Duration&) = default;
};

// Which of the six types a value is; the order is the one used when ordering mixed values.
enum class TemporalKind { kDate, kLocalTime, kTime, kLocalDateTime, kDateTime, kDuration };

// Any temporal value, as the expression evaluator passes it around.
using TemporalValue = std::variant<Date, LocalTime, Time, LocalDateTime, DateTime, Duration>;

// The kind of a value, and its Cypher type name ("Date", "LocalTime", ...).
inline TemporalKind kind_of(const TemporalValue& value) {
  return static_cast<TemporalKind>(value.index());
}
const char* kind_name(TemporalKind kind);

// Whether the value carries a date, a time of day, a zone or offset.
bool has_date(const TemporalValue& value);
bool has_time(const TemporalValue& value);
bool has_zone(const TemporalValue& value);

}  // namespace quiver::temporal
