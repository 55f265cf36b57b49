#pragma once

// Building durations from (possibly fractional) components and duration arithmetic. Pure, any
// thread. Results that do not fit report Overflow.

#include <optional>
#include <variant>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// A numeric argument as Cypher passes it: an integer or a float.
using Number = std::variant<int64_t, double>;

// The components of duration({...}); absent ones count as zero.
struct DurationComponents {
  std::optional<Number> years{}, quarters{}, months{}, weeks{}, days{}, hours{}, minutes{},
      seconds{}, milliseconds{}, microseconds{}, nanoseconds{};
};

// Builds a duration. Months, days and seconds stay separate; a fractional part cascades to the
// next smaller unit, a month counting as 30.436875 days (a Gregorian average) and a day as 86,400
// seconds, and is finally rounded to the nearest nanosecond. Errors: OutOfRange for a NaN or
// infinite component, Overflow when a total does not fit.
TemporalResult<Duration> make_duration(const DurationComponents& components);

// Component-wise sum and difference; Overflow on overflow.
TemporalResult<Duration> add(const Duration& a, const Duration& b);
TemporalResult<Duration> subtract(const Duration& a, const Duration& b);

// Every component negated; Overflow for the most negative values.
TemporalResult<Duration> negate(const Duration& value);

// Multiplies every component by `factor`. An integer factor is exact; a float factor lets the
// fractions cascade as make_duration describes. Overflow on overflow, OutOfRange for NaN/inf.
TemporalResult<Duration> multiply(const Duration& value, const Number& factor);

// Divides every component by `divisor`, fractions cascading as make_duration describes.
// InvalidArgument when the divisor is zero.
TemporalResult<Duration> divide(const Duration& value, const Number& divisor);

}  // namespace quiver::temporal
