#pragma once

// Internal to quiver_temporal: a component map checked and typed, and the rules that turn it into
// a date and a time of day. Shared by construct.cpp and truncate.cpp.

#include <optional>

#include "storage/temporal/construct.h"

namespace quiver::temporal::detail {

// Which keys a target accepts.
enum FieldGroup : unsigned {
  kDateFields = 1,       // year, quarter, month, week, day, ordinalDay, dayOfWeek, dayOfQuarter
  kTimeFields = 2,       // hour ... nanosecond
  kZoneField = 4,        // timezone
  kDateSource = 8,       // date
  kTimeSource = 16,      // time
  kDateTimeSource = 32,  // datetime
  kEpochFields = 64,     // epochSeconds, epochMillis
  kDurationFields = 128  // years ... nanoseconds of a duration
};

// A component map after key and type checks.
struct Fields {
  std::optional<int64_t> year, quarter, month, week, day, ordinal_day, day_of_week, day_of_quarter;
  std::optional<int64_t> hour, minute, second, millisecond, microsecond, nanosecond;
  std::optional<int64_t> epoch_seconds, epoch_millis;
  std::optional<TimeZone> timezone;
  std::optional<TemporalValue> date, time, datetime;

  // Whether any date, or any time-of-day, component was given.
  bool any_date_field() const {
    return year || quarter || month || week || day || ordinal_day || day_of_week || day_of_quarter;
  }
  bool any_time_field() const {
    return hour || minute || second || millisecond || microsecond || nanosecond;
  }
};

// Checks `map` against the accepted `groups` (a FieldGroup mask); `target` names the function
// in messages.
TemporalResult<Fields> read_fields(const ComponentMap& map, unsigned groups, const char* target);

// The date the date components describe, starting from `base` when given (components not in the
// map come from it) or requiring a year when not.
TemporalResult<Date> resolve_date(const Fields& fields, std::optional<Date> base);

// The time of day the time components describe, starting from `base` when given, or from
// midnight, requiring larger units before smaller ones, when not.
TemporalResult<LocalTime> resolve_time(const Fields& fields, std::optional<LocalTime> base);

}  // namespace quiver::temporal::detail
