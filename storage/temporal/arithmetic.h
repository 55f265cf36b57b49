#pragma once

// Temporal values plus or minus durations, and the duration between two temporal values. Pure,
// any thread. A result outside the supported range reports Overflow.

#include "storage/temporal/duration.h"
#include "storage/temporal/values.h"

namespace quiver::temporal {

// Adds a duration the way Cypher does: months first (the day clamped to the month's end), then
// days, then seconds and nanoseconds. A Date takes only whole days of the seconds part
// (truncated towards zero); time-of-day values take only the seconds part, wrapping around
// midnight; a DateTime in a named zone adds months and days on the local time line and seconds
// on the instant time line.
TemporalResult<Date> add_duration(const Date& value, const Duration& duration);
TemporalResult<LocalTime> add_duration(const LocalTime& value, const Duration& duration);
TemporalResult<Time> add_duration(const Time& value, const Duration& duration);
TemporalResult<LocalDateTime> add_duration(const LocalDateTime& value, const Duration& duration);
TemporalResult<DateTime> add_duration(const DateTime& value, const Duration& duration);

// `value + duration` and `value - duration` for any temporal value, Duration included (then
// component-wise).
TemporalResult<TemporalValue> add_duration(const TemporalValue& value, const Duration& duration);
TemporalResult<TemporalValue> subtract_duration(const TemporalValue& value,
                                                const Duration& duration);

// The Cypher operators on temporal operands, for the expression evaluator. `plus` accepts
// instant + duration, duration + instant and duration + duration; `minus` instant - duration and
// duration - duration; `times` duration * number and number * duration; `divided_by`
// duration / number. Other operand types are an InvalidArgument (the evaluator reports its type
// error); arithmetic errors as above.
TemporalResult<TemporalValue> plus(const TemporalValue& a, const TemporalValue& b);
TemporalResult<TemporalValue> minus(const TemporalValue& a, const TemporalValue& b);
TemporalResult<TemporalValue> times(const TemporalValue& duration, const Number& factor);
TemporalResult<TemporalValue> divided_by(const TemporalValue& duration, const Number& divisor);

// Which quantity duration.between and its variants compute.
enum class BetweenUnit {
  kAll,      // duration.between: months, then days, then seconds
  kMonths,   // duration.inMonths
  kDays,     // duration.inDays
  kSeconds,  // duration.inSeconds
};

// The duration from `from` to `to`. Values of different types are aligned first: a missing date
// is taken from the other value (or is 1970-01-01 when neither has one), a missing time is
// midnight, a missing zone is the other value's zone. Months and days are counted only when both
// values have a date (otherwise they are zero). Durations are not accepted (InvalidArgument).
TemporalResult<Duration> duration_between(const TemporalValue& from, const TemporalValue& to,
                                          BetweenUnit unit = BetweenUnit::kAll);

}  // namespace quiver::temporal
