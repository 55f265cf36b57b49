#include "storage/temporal/arithmetic.h"

#include <string>

#include "storage/temporal/duration.h"

namespace quiver::temporal {
namespace {

TemporalResult<Date> plus_months(const Date& value, int64_t months) {
  if (months == 0) {
    return value;
  }
  const YearMonthDay ymd = value.civil();
  auto total = checked_add(ymd.year * 12 + ymd.month - 1, months);
  if (!total) {
    return overflow("date arithmetic overflows");
  }
  const int64_t year = floor_div(*total, 12);
  const int64_t month = floor_mod(*total, 12) + 1;
  if (year < kMinYear || year > kMaxYear) {
    return overflow("date arithmetic leaves the year range");
  }
  const int64_t day = std::min(ymd.day, days_in_month(year, month));
  return Date{epoch_day_from_civil(year, month, day)};
}

TemporalResult<Date> plus_days(const Date& value, int64_t days) {
  auto day = checked_add(value.epoch_day, days);
  if (!day) {
    return overflow("date arithmetic overflows");
  }
  return Date::of_epoch_day(*day);
}

TemporalResult<LocalDateTime> plus_period(const LocalDateTime& value, int64_t months,
                                          int64_t days) {
  auto date = plus_months(value.date, months);
  if (!date) {
    return date.error();
  }
  date = plus_days(*date, days);
  if (!date) {
    return date.error();
  }
  return LocalDateTime{*date, value.time};
}

TemporalResult<LocalDateTime> plus_exact(const LocalDateTime& value, int64_t seconds,
                                         int64_t nanos) {
  const int64_t total_nanos = value.time.nanosecond() + nanos;
  auto second = checked_add(value.local_second(), seconds);
  if (second) {
    second = checked_add(*second, floor_div(total_nanos, kNanosPerSecond));
  }
  if (!second) {
    return overflow("date time arithmetic overflows");
  }
  return LocalDateTime::of_local_second(*second, floor_mod(total_nanos, kNanosPerSecond));
}

// Adds months and days on the local time line, then the exact part on the instant time line.
TemporalResult<DateTime> plus(const DateTime& value, int64_t months, int64_t days, int64_t seconds,
                              int64_t nanos) {
  auto local = plus_period(value.local, months, days);
  if (!local) {
    return local.error();
  }
  auto moved = DateTime::of_local(*local, value.zone, value.offset_seconds);
  if (!moved || (seconds == 0 && nanos == 0)) {
    return moved;
  }
  const int64_t total_nanos = moved->nanosecond() + nanos;
  auto second = checked_add(moved->epoch_second(), seconds);
  if (second) {
    second = checked_add(*second, floor_div(total_nanos, kNanosPerSecond));
  }
  if (!second) {
    return overflow("date time arithmetic overflows");
  }
  return DateTime::of_instant(*second, floor_mod(total_nanos, kNanosPerSecond), value.zone);
}

LocalTime plus_time(const LocalTime& value, const Duration& duration) {
  const int64_t shift =
      floor_mod(duration.seconds, kSecondsPerDay) * kNanosPerSecond + duration.nanos;
  return LocalTime{floor_mod(value.nanos_of_day + shift, kNanosPerDay)};
}

// A temporal value split into the parts duration_between aligns.
struct Point {
  std::optional<Date> date;
  std::optional<LocalTime> time;
  std::optional<TimeZone> zone;
  std::optional<int32_t> offset;
};

Point point_of(const TemporalValue& value) {
  Point p;
  std::visit(
      [&p](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          p.date = v;
        } else if constexpr (std::is_same_v<T, LocalTime>) {
          p.time = v;
        } else if constexpr (std::is_same_v<T, Time>) {
          p.time = v.time;
          p.zone = TimeZone::fixed(v.offset_seconds).value();
          p.offset = v.offset_seconds;
        } else if constexpr (std::is_same_v<T, LocalDateTime>) {
          p.date = v.date;
          p.time = v.time;
        } else if constexpr (std::is_same_v<T, DateTime>) {
          p.date = v.local.date;
          p.time = v.local.time;
          p.zone = v.zone;
          p.offset = v.offset_seconds;
        }
      },
      value);
  return p;
}

// Java-style "until" on the local time line: the end date moves one day towards the start when
// its time of day has not yet reached the start's, so partial days and months do not count.
Date adjusted_end_date(const LocalDateTime& from, const LocalDateTime& to) {
  if (to.date.epoch_day > from.date.epoch_day && to.time.nanos_of_day < from.time.nanos_of_day) {
    return Date{to.date.epoch_day - 1};
  }
  if (to.date.epoch_day < from.date.epoch_day && to.time.nanos_of_day > from.time.nanos_of_day) {
    return Date{to.date.epoch_day + 1};
  }
  return to.date;
}

int64_t months_until(const LocalDateTime& from, const LocalDateTime& to) {
  const YearMonthDay a = from.date.civil();
  const YearMonthDay b = adjusted_end_date(from, to).civil();
  const int64_t packed_a = (a.year * 12 + a.month - 1) * 32 + a.day;
  const int64_t packed_b = (b.year * 12 + b.month - 1) * 32 + b.day;
  return (packed_b - packed_a) / 32;
}

int64_t days_until(const LocalDateTime& from, const LocalDateTime& to) {
  return adjusted_end_date(from, to).epoch_day - from.date.epoch_day;
}

// Both ends on one time line: zoned (instants) or local.
struct Ends {
  bool zoned;
  DateTime from;
  DateTime to;  // when zoned, expressed in from's zone
};

TemporalResult<Ends> align(const TemporalValue& from_value, const TemporalValue& to_value) {
  Point from = point_of(from_value);
  Point to = point_of(to_value);
  if (!from.date) {
    from.date = to.date.value_or(Date{});
  }
  if (!to.date) {
    to.date = from.date;
  }
  if (!from.time) {
    from.time = LocalTime{};
  }
  if (!to.time) {
    to.time = LocalTime{};
  }
  if (!from.zone && !to.zone) {
    const LocalDateTime a{*from.date, *from.time};
    const LocalDateTime b{*to.date, *to.time};
    return Ends{false, DateTime{a, 0, TimeZone{}}, DateTime{b, 0, TimeZone{}}};
  }
  if (!from.zone) {
    from.zone = to.zone;
  }
  if (!to.zone) {
    to.zone = from.zone;
  }
  auto a = DateTime::of_local({*from.date, *from.time}, *from.zone, from.offset);
  if (!a) {
    return a.error();
  }
  auto b = DateTime::of_local({*to.date, *to.time}, *to.zone, to.offset);
  if (!b) {
    return b.error();
  }
  auto b_in_a = DateTime::of_instant(b->epoch_second(), b->nanosecond(), a->zone);
  if (!b_in_a) {
    return b_in_a.error();
  }
  return Ends{true, *a, *b_in_a};
}

TemporalResult<Duration> exact_between(const Ends& ends, const DateTime& from) {
  const DateTime& to = ends.to;
  if (ends.zoned) {
    return Duration::of(0, 0, to.epoch_second() - from.epoch_second(),
                        to.nanosecond() - from.nanosecond());
  }
  return Duration::of(0, 0, to.local.local_second() - from.local.local_second(),
                      to.nanosecond() - from.nanosecond());
}

}  // namespace

TemporalResult<Date> add_duration(const Date& value, const Duration& duration) {
  int64_t seconds = duration.seconds;
  if (seconds < 0 && duration.nanos > 0) {
    ++seconds;
  }
  auto date = plus_months(value, duration.months);
  if (!date) {
    return date;
  }
  auto days = checked_add(duration.days, seconds / kSecondsPerDay);
  if (!days) {
    return overflow("date arithmetic overflows");
  }
  return plus_days(*date, *days);
}

TemporalResult<LocalTime> add_duration(const LocalTime& value, const Duration& duration) {
  return plus_time(value, duration);
}

TemporalResult<Time> add_duration(const Time& value, const Duration& duration) {
  return Time{plus_time(value.time, duration), value.offset_seconds};
}

TemporalResult<LocalDateTime> add_duration(const LocalDateTime& value, const Duration& duration) {
  auto local = plus_period(value, duration.months, duration.days);
  if (!local) {
    return local;
  }
  return plus_exact(*local, duration.seconds, duration.nanos);
}

TemporalResult<DateTime> add_duration(const DateTime& value, const Duration& duration) {
  return plus(value, duration.months, duration.days, duration.seconds, duration.nanos);
}

TemporalResult<TemporalValue> add_duration(const TemporalValue& value, const Duration& duration) {
  return std::visit(
      [&duration](const auto& v) -> TemporalResult<TemporalValue> {
        using T = std::decay_t<decltype(v)>;
        TemporalResult<T> result = [&]() -> TemporalResult<T> {
          if constexpr (std::is_same_v<T, Duration>) {
            return add(v, duration);
          } else {
            return add_duration(v, duration);
          }
        }();
        if (!result) {
          return result.error();
        }
        return TemporalValue{*result};
      },
      value);
}

TemporalResult<TemporalValue> subtract_duration(const TemporalValue& value,
                                                const Duration& duration) {
  auto negated = negate(duration);
  if (!negated) {
    return negated.error();
  }
  return add_duration(value, *negated);
}

TemporalResult<TemporalValue> plus(const TemporalValue& a, const TemporalValue& b) {
  if (const auto* d = std::get_if<Duration>(&b)) {
    return add_duration(a, *d);
  }
  if (const auto* d = std::get_if<Duration>(&a)) {
    return add_duration(b, *d);
  }
  return invalid_argument(std::string("cannot add a ") + kind_name(kind_of(b)) + " to a " +
                          kind_name(kind_of(a)));
}

TemporalResult<TemporalValue> minus(const TemporalValue& a, const TemporalValue& b) {
  if (const auto* d = std::get_if<Duration>(&b)) {
    return subtract_duration(a, *d);
  }
  return invalid_argument(std::string("cannot subtract a ") + kind_name(kind_of(b)) + " from a " +
                          kind_name(kind_of(a)));
}

TemporalResult<TemporalValue> times(const TemporalValue& duration, const Number& factor) {
  const auto* d = std::get_if<Duration>(&duration);
  if (d == nullptr) {
    return invalid_argument(std::string("cannot multiply a ") + kind_name(kind_of(duration)));
  }
  auto result = multiply(*d, factor);
  if (!result) {
    return result.error();
  }
  return TemporalValue{*result};
}

TemporalResult<TemporalValue> divided_by(const TemporalValue& duration, const Number& divisor) {
  const auto* d = std::get_if<Duration>(&duration);
  if (d == nullptr) {
    return invalid_argument(std::string("cannot divide a ") + kind_name(kind_of(duration)));
  }
  auto result = divide(*d, divisor);
  if (!result) {
    return result.error();
  }
  return TemporalValue{*result};
}

TemporalResult<Duration> duration_between(const TemporalValue& from, const TemporalValue& to,
                                          BetweenUnit unit) {
  if (kind_of(from) == TemporalKind::kDuration || kind_of(to) == TemporalKind::kDuration) {
    return invalid_argument("duration between needs two temporal instants, not durations");
  }
  auto ends = align(from, to);
  if (!ends) {
    return ends.error();
  }
  const bool dated = has_date(from) && has_date(to);
  const LocalDateTime& a = ends->from.local;
  const LocalDateTime& b = ends->to.local;
  switch (unit) {
    case BetweenUnit::kMonths:
      return Duration{dated ? months_until(a, b) : 0, 0, 0, 0};
    case BetweenUnit::kDays:
      return Duration{0, dated ? days_until(a, b) : 0, 0, 0};
    case BetweenUnit::kSeconds:
      return exact_between(*ends, ends->from);
    case BetweenUnit::kAll:
      break;
  }
  if (!dated) {
    return exact_between(*ends, ends->from);
  }

  const int64_t months = months_until(a, b);
  auto moved = plus(ends->from, months, 0, 0, 0);
  if (!moved) {
    return moved.error();
  }
  const int64_t days = days_until(moved->local, b);
  moved = plus(*moved, 0, days, 0, 0);
  if (!moved) {
    return moved.error();
  }
  auto exact = exact_between(*ends, *moved);
  if (!exact) {
    return exact;
  }
  return Duration{months, days, exact->seconds, exact->nanos};
}

}  // namespace quiver::temporal
