#include "storage/temporal/duration.h"

#include <cmath>
#include <string>

namespace quiver::temporal {
namespace {

constexpr long double kDaysPerMonth = 30.436875L;

// Sums one unit's contributions as an exact integer part plus a floating remainder, so integer
// inputs stay exact and only genuine fractions go through floating point.
class UnitSum {
 public:
  void add_integer(int64_t value, int64_t factor) {
    auto product = checked_mul(value, factor);
    auto sum = product ? checked_add(whole_, *product) : std::nullopt;
    if (!sum) {
      failed_ = true;
      return;
    }
    whole_ = *sum;
  }

  void add_float(long double value) {
    if (!std::isfinite(value)) {
      not_finite_ = true;
      return;
    }
    const long double whole = std::trunc(value);
    if (std::fabs(whole) > 9.2e18L) {
      failed_ = true;
      return;
    }
    add_integer(static_cast<int64_t>(whole), 1);
    fraction_ += value - whole;
  }

  void add(const std::optional<Number>& number, int64_t factor) {
    if (!number) {
      return;
    }
    if (const auto* i = std::get_if<int64_t>(&*number)) {
      add_integer(*i, factor);
    } else {
      add_float(static_cast<long double>(std::get<double>(*number)) * factor);
    }
  }

  // Moves whole units out of the fraction; returns the fraction left (|f| < 1).
  long double settle() {
    const long double whole = std::trunc(fraction_);
    fraction_ -= whole;
    add_integer(static_cast<int64_t>(whole), 1);
    return fraction_;
  }

  int64_t whole() const { return whole_; }
  TemporalResult<int64_t> result(const char* unit) const {
    if (not_finite_) {
      return out_of_range(std::string("duration ") + unit + " is not finite");
    }
    if (failed_) {
      return overflow(std::string("duration ") + unit + " overflow");
    }
    return whole_;
  }

 private:
  int64_t whole_ = 0;
  long double fraction_ = 0;
  bool failed_ = false;
  bool not_finite_ = false;
};

// Finishes a duration from the four unit sums, cascading fractions downwards.
TemporalResult<Duration> cascade(UnitSum& months, UnitSum& days, UnitSum& seconds, UnitSum& nanos) {
  days.add_float(months.settle() * kDaysPerMonth);
  seconds.add_float(days.settle() * kSecondsPerDay);
  nanos.add_float(seconds.settle() * kNanosPerSecond);
  const long double rounded = std::nearbyint(nanos.settle());
  nanos.add_integer(static_cast<int64_t>(rounded), 1);

  auto m = months.result("months");
  if (!m) {
    return m.error();
  }
  auto d = days.result("days");
  if (!d) {
    return d.error();
  }
  auto s = seconds.result("seconds");
  if (!s) {
    return s.error();
  }
  auto n = nanos.result("nanoseconds");
  if (!n) {
    return n.error();
  }
  return Duration::of(*m, *d, *s, *n);
}

long double as_long_double(const Number& number) {
  if (const auto* i = std::get_if<int64_t>(&number)) {
    return static_cast<long double>(*i);
  }
  return std::get<double>(number);
}

// Scales each component by factor / divisor in floating point.
TemporalResult<Duration> scale(const Duration& value, long double factor, long double divisor) {
  UnitSum months;
  UnitSum days;
  UnitSum seconds;
  UnitSum nanos;
  months.add_float(value.months * factor / divisor);
  days.add_float(value.days * factor / divisor);
  seconds.add_float(value.seconds * factor / divisor);
  nanos.add_float(value.nanos * factor / divisor);
  return cascade(months, days, seconds, nanos);
}

}  // namespace

TemporalResult<Duration> make_duration(const DurationComponents& c) {
  UnitSum months;
  months.add(c.years, 12);
  months.add(c.quarters, 3);
  months.add(c.months, 1);
  UnitSum days;
  days.add(c.weeks, 7);
  days.add(c.days, 1);
  UnitSum seconds;
  seconds.add(c.hours, 3600);
  seconds.add(c.minutes, 60);
  seconds.add(c.seconds, 1);
  UnitSum nanos;
  nanos.add(c.milliseconds, 1'000'000);
  nanos.add(c.microseconds, 1000);
  nanos.add(c.nanoseconds, 1);
  return cascade(months, days, seconds, nanos);
}

TemporalResult<Duration> add(const Duration& a, const Duration& b) {
  auto months = checked_add(a.months, b.months);
  auto days = checked_add(a.days, b.days);
  auto seconds = checked_add(a.seconds, b.seconds);
  if (!months || !days || !seconds) {
    return overflow("duration addition overflows");
  }
  return Duration::of(*months, *days, *seconds, int64_t{a.nanos} + b.nanos);
}

TemporalResult<Duration> negate(const Duration& value) {
  auto months = checked_sub(0, value.months);
  auto days = checked_sub(0, value.days);
  auto seconds = checked_sub(0, value.seconds);
  if (!months || !days || !seconds) {
    return overflow("duration negation overflows");
  }
  return Duration::of(*months, *days, *seconds, -int64_t{value.nanos});
}

TemporalResult<Duration> subtract(const Duration& a, const Duration& b) {
  auto negated = negate(b);
  if (!negated) {
    return negated.error();
  }
  return add(a, *negated);
}

TemporalResult<Duration> multiply(const Duration& value, const Number& factor) {
  const auto* integer = std::get_if<int64_t>(&factor);
  if (integer == nullptr) {
    return scale(value, std::get<double>(factor), 1);
  }

  // nanos * factor is split as nanos * (q * 1e9 + r) so no intermediate overflows.
  const int64_t q = floor_div(*integer, kNanosPerSecond);
  const int64_t r = floor_mod(*integer, kNanosPerSecond);
  auto months = checked_mul(value.months, *integer);
  auto days = checked_mul(value.days, *integer);
  auto seconds = checked_mul(value.seconds, *integer);
  auto carried = checked_mul(value.nanos, q);
  if (seconds && carried) {
    seconds = checked_add(*seconds, *carried);
  }
  const int64_t nanos = int64_t{value.nanos} * r;
  if (seconds) {
    seconds = checked_add(*seconds, nanos / kNanosPerSecond);
  }
  if (!months || !days || !seconds || !carried) {
    return overflow("duration multiplication overflows");
  }
  return Duration::of(*months, *days, *seconds, nanos % kNanosPerSecond);
}

TemporalResult<Duration> divide(const Duration& value, const Number& divisor) {
  const long double d = as_long_double(divisor);
  if (d == 0) {
    return invalid_argument("division of a duration by zero");
  }
  return scale(value, 1, d);
}

}  // namespace quiver::temporal
