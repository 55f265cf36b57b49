#include "storage/temporal/access.h"

#include "storage/temporal/calendar.h"

// GCC 12 with sanitizers reports a false "may be used uninitialized" inside the moves of
// std::variant<int64_t, std::string> that this file returns.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace quiver::temporal {
namespace {

std::optional<ComponentValue> date_component(const Date& date, std::string_view name) {
  const YearMonthDay ymd = date.civil();
  if (name == "year") {
    return ymd.year;
  }
  if (name == "quarter") {
    return quarter_of_month(ymd.month);
  }
  if (name == "month") {
    return ymd.month;
  }
  if (name == "week") {
    return iso_week_of(date.epoch_day).week;
  }
  if (name == "weekYear") {
    return iso_week_of(date.epoch_day).week_year;
  }
  if (name == "day") {
    return ymd.day;
  }
  if (name == "ordinalDay") {
    return ordinal_day_of(date.epoch_day);
  }
  if (name == "weekDay" || name == "dayOfWeek") {
    return iso_weekday(date.epoch_day);
  }
  if (name == "dayOfQuarter") {
    return date.epoch_day - quarter_start(ymd.year, quarter_of_month(ymd.month)) + 1;
  }
  return std::nullopt;
}

std::optional<ComponentValue> time_component(const LocalTime& time, std::string_view name) {
  if (name == "hour") {
    return time.hour();
  }
  if (name == "minute") {
    return time.minute();
  }
  if (name == "second") {
    return time.second();
  }
  if (name == "millisecond") {
    return time.nanosecond() / 1'000'000;
  }
  if (name == "microsecond") {
    return time.nanosecond() / 1000;
  }
  if (name == "nanosecond") {
    return time.nanosecond();
  }
  return std::nullopt;
}

std::optional<ComponentValue> offset_component(int32_t offset, const TimeZone* zone,
                                               std::string_view name) {
  if (name == "timezone") {
    return zone != nullptr && zone->is_named() ? zone->name() : format_offset(offset);
  }
  if (name == "offset") {
    return format_offset(offset);
  }
  if (name == "offsetMinutes") {
    return int64_t{offset / 60};
  }
  if (name == "offsetSeconds") {
    return int64_t{offset};
  }
  return std::nullopt;
}

TemporalResult<ComponentValue> checked_total(int64_t a, int64_t factor, int64_t b) {
  auto product = checked_mul(a, factor);
  auto sum = product ? checked_add(*product, b) : std::nullopt;
  if (!sum) {
    return overflow("duration component does not fit in 64 bits");
  }
  return ComponentValue{*sum};
}

TemporalResult<ComponentValue> duration_component(const Duration& d, std::string_view name) {
  if (name == "years") {
    return ComponentValue{d.months / 12};
  }
  if (name == "quarters") {
    return ComponentValue{d.months / 3};
  }
  if (name == "months") {
    return ComponentValue{d.months};
  }
  if (name == "weeks") {
    return ComponentValue{d.days / 7};
  }
  if (name == "days") {
    return ComponentValue{d.days};
  }
  if (name == "hours") {
    return ComponentValue{d.seconds / 3600};
  }
  if (name == "minutes") {
    return ComponentValue{d.seconds / 60};
  }
  if (name == "seconds") {
    return ComponentValue{d.seconds};
  }
  if (name == "milliseconds") {
    return checked_total(d.seconds, 1000, d.nanos / 1'000'000);
  }
  if (name == "microseconds") {
    return checked_total(d.seconds, 1'000'000, d.nanos / 1000);
  }
  if (name == "nanoseconds") {
    return checked_total(d.seconds, kNanosPerSecond, d.nanos);
  }
  if (name == "quartersOfYear") {
    return ComponentValue{d.months % 12 / 3};
  }
  if (name == "monthsOfQuarter") {
    return ComponentValue{d.months % 3};
  }
  if (name == "monthsOfYear") {
    return ComponentValue{d.months % 12};
  }
  if (name == "daysOfWeek") {
    return ComponentValue{d.days % 7};
  }
  if (name == "minutesOfHour") {
    return ComponentValue{d.seconds / 60 % 60};
  }
  if (name == "secondsOfMinute") {
    return ComponentValue{d.seconds % 60};
  }
  if (name == "millisecondsOfSecond") {
    return ComponentValue{int64_t{d.nanos / 1'000'000}};
  }
  if (name == "microsecondsOfSecond") {
    return ComponentValue{int64_t{d.nanos / 1000}};
  }
  if (name == "nanosecondsOfSecond") {
    return ComponentValue{int64_t{d.nanos}};
  }
  return invalid_argument("a Duration has no component '" + std::string(name) + "'");
}

}  // namespace

TemporalResult<ComponentValue> component(const TemporalValue& value, std::string_view name) {
  if (const auto* d = std::get_if<Duration>(&value)) {
    return duration_component(*d, name);
  }

  std::optional<ComponentValue> found;
  bool too_large = false;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          found = date_component(v, name);
        } else if constexpr (std::is_same_v<T, LocalTime>) {
          found = time_component(v, name);
        } else if constexpr (std::is_same_v<T, Time>) {
          found = time_component(v.time, name);
          if (!found) {
            found = offset_component(v.offset_seconds, nullptr, name);
          }
        } else if constexpr (std::is_same_v<T, LocalDateTime>) {
          found = date_component(v.date, name);
          if (!found) {
            found = time_component(v.time, name);
          }
        } else if constexpr (std::is_same_v<T, DateTime>) {
          found = date_component(v.local.date, name);
          if (!found) {
            found = time_component(v.local.time, name);
          }
          if (!found) {
            found = offset_component(v.offset_seconds, &v.zone, name);
          }
          if (!found && name == "epochSeconds") {
            found = v.epoch_second();
          }
          if (!found && name == "epochMillis") {
            auto millis = checked_mul(v.epoch_second(), 1000);
            if (millis) {
              found = *millis + v.nanosecond() / 1'000'000;
            }
            if (!millis) {
              too_large = true;
            }
          }
        }
      },
      value);
  if (too_large) {
    return overflow("epochMillis does not fit in 64 bits");
  }
  if (!found) {
    return invalid_argument(std::string("a ") + kind_name(kind_of(value)) + " has no component '" +
                            std::string(name) + "'");
  }
  return *found;
}

}  // namespace quiver::temporal
