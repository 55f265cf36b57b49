#pragma once

// Component access (`d.year`, `dur.minutesOfHour`, ...) on temporal values. Pure, any thread.

#include <string>
#include <string_view>
#include <variant>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// A component is an integer, or a string for `timezone` and `offset`.
using ComponentValue = std::variant<int64_t, std::string>;

// Returns the component `name` (case-sensitive, as Cypher spells it) of `value`.
// Instants: year, quarter, month, week, weekYear, day, ordinalDay, weekDay, dayOfWeek,
// dayOfQuarter (values with a date); hour, minute, second, millisecond, microsecond, nanosecond
// (values with a time); timezone, offset, offsetMinutes, offsetSeconds (Time and DateTime);
// epochSeconds, epochMillis (DateTime).
// Durations: years, quarters, months, weeks, days, hours, minutes, seconds, milliseconds,
// microseconds, nanoseconds (totals within the month, day and second groups), and quartersOfYear,
// monthsOfQuarter, monthsOfYear, daysOfWeek, minutesOfHour, secondsOfMinute,
// millisecondsOfSecond, microsecondsOfSecond, nanosecondsOfSecond (remainders).
// Errors: InvalidArgument for a name the value's type does not have, Overflow when a total does
// not fit in 64 bits.
TemporalResult<ComponentValue> component(const TemporalValue& value, std::string_view name);

}  // namespace quiver::temporal
