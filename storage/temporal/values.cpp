#include "storage/temporal/values.h"

#include <string>

namespace quiver::temporal {

const char* error_code_name(TemporalErrorCode code) {
  switch (code) {
    case TemporalErrorCode::kInvalidFormat:
      return "InvalidFormat";
    case TemporalErrorCode::kOutOfRange:
      return "OutOfRange";
    case TemporalErrorCode::kInvalidArgument:
      return "InvalidArgument";
    case TemporalErrorCode::kUnknownZone:
      return "UnknownZone";
    case TemporalErrorCode::kOverflow:
      return "Overflow";
  }
  return "Unknown";
}

namespace {

std::optional<TemporalError> check_year(int64_t year) {
  if (year < kMinYear || year > kMaxYear) {
    return out_of_range("year " + std::to_string(year) + " is outside the supported range");
  }
  return std::nullopt;
}

}  // namespace

TemporalResult<Date> Date::of(int64_t year, int64_t month, int64_t day) {
  if (auto bad_year = check_year(year)) {
    return *bad_year;
  }
  if (month < 1 || month > 12) {
    return out_of_range("month " + std::to_string(month) + " is outside 1..12");
  }
  if (day < 1 || day > days_in_month(year, month)) {
    return out_of_range("day " + std::to_string(day) + " is not valid in " + std::to_string(year) +
                        "-" + std::to_string(month));
  }
  return Date{epoch_day_from_civil(year, month, day)};
}

TemporalResult<Date> Date::of_week(int64_t year, int64_t week, int64_t day_of_week) {
  if (auto bad_year = check_year(year)) {
    return *bad_year;
  }
  if (week < 1 || week > weeks_in_week_year(year)) {
    return out_of_range("week " + std::to_string(week) + " does not exist in week-year " +
                        std::to_string(year));
  }
  if (day_of_week < 1 || day_of_week > 7) {
    return out_of_range("day of week " + std::to_string(day_of_week) + " is not 1..7");
  }
  return Date::of_epoch_day(week_one_monday(year) + (week - 1) * 7 + day_of_week - 1);
}

TemporalResult<Date> Date::of_ordinal(int64_t year, int64_t ordinal) {
  if (auto bad_year = check_year(year)) {
    return *bad_year;
  }
  if (ordinal < 1 || ordinal > days_in_year(year)) {
    return out_of_range("ordinal day " + std::to_string(ordinal) + " does not exist in " +
                        std::to_string(year));
  }
  return Date::of_epoch_day(epoch_day_from_civil(year, 1, 1) + ordinal - 1);
}

TemporalResult<Date> Date::of_quarter(int64_t year, int64_t quarter, int64_t day_of_quarter) {
  if (auto bad_year = check_year(year)) {
    return *bad_year;
  }
  if (quarter < 1 || quarter > 4) {
    return out_of_range("quarter " + std::to_string(quarter) + " is not 1..4");
  }
  const int64_t length = days_in_quarter(year, quarter);
  if (day_of_quarter < 1 || day_of_quarter > length) {
    return out_of_range("day of quarter " + std::to_string(day_of_quarter) + " is not 1.." +
                        std::to_string(length));
  }
  return Date::of_epoch_day(quarter_start(year, quarter) + day_of_quarter - 1);
}

TemporalResult<Date> Date::of_epoch_day(int64_t epoch_day) {
  if (epoch_day < min_epoch_day() || epoch_day > max_epoch_day()) {
    return overflow("date is outside the supported range of years");
  }
  return Date{epoch_day};
}

TemporalResult<LocalTime> LocalTime::of(int64_t hour, int64_t minute, int64_t second,
                                        int64_t nanosecond) {
  if (hour < 0 || hour > 23) {
    return out_of_range("hour " + std::to_string(hour) + " is not 0..23");
  }
  if (minute < 0 || minute > 59) {
    return out_of_range("minute " + std::to_string(minute) + " is not 0..59");
  }
  if (second < 0 || second > 59) {
    return out_of_range("second " + std::to_string(second) + " is not 0..59");
  }
  if (nanosecond < 0 || nanosecond >= kNanosPerSecond) {
    return out_of_range("nanosecond " + std::to_string(nanosecond) + " is not 0..999999999");
  }
  return LocalTime{((hour * 60 + minute) * 60 + second) * kNanosPerSecond + nanosecond};
}

TemporalResult<LocalDateTime> LocalDateTime::of_local_second(int64_t local_second,
                                                             int64_t nanosecond) {
  auto date = Date::of_epoch_day(floor_div(local_second, kSecondsPerDay));
  if (!date) {
    return date.error();
  }
  const int64_t second_of_day = floor_mod(local_second, kSecondsPerDay);
  return LocalDateTime{*date, LocalTime{second_of_day * kNanosPerSecond + nanosecond}};
}

TemporalResult<DateTime> DateTime::of_local(const LocalDateTime& local, const TimeZone& zone,
                                            std::optional<int32_t> preferred_offset) {
  const auto resolved = zone.resolve_local(local.local_second(), preferred_offset);
  if (resolved.local_second == local.local_second()) {
    return DateTime{local, resolved.offset, zone};
  }
  auto moved = LocalDateTime::of_local_second(resolved.local_second, local.time.nanosecond());
  if (!moved) {
    return moved.error();
  }
  return DateTime{*moved, resolved.offset, zone};
}

TemporalResult<DateTime> DateTime::of_instant(int64_t epoch_second, int64_t nanosecond,
                                              const TimeZone& zone) {
  // A day of margin on each side keeps the offset addition from overflowing; the date check
  // below then reports anything outside the range.
  if (epoch_second < (min_epoch_day() - 1) * kSecondsPerDay ||
      epoch_second > (max_epoch_day() + 1) * kSecondsPerDay) {
    return overflow("instant is outside the supported range of years");
  }
  const int32_t offset = zone.offset_at_instant(epoch_second);
  auto local = LocalDateTime::of_local_second(epoch_second + offset, nanosecond);
  if (!local) {
    return local.error();
  }
  return DateTime{*local, offset, zone};
}

TemporalResult<Duration> Duration::of(int64_t months, int64_t days, int64_t seconds,
                                      int64_t nanos) {
  auto total_seconds = checked_add(seconds, floor_div(nanos, kNanosPerSecond));
  if (!total_seconds) {
    return overflow("duration seconds overflow");
  }
  return Duration{months, days, *total_seconds,
                  static_cast<int32_t>(floor_mod(nanos, kNanosPerSecond))};
}

const char* kind_name(TemporalKind kind) {
  switch (kind) {
    case TemporalKind::kDate:
      return "Date";
    case TemporalKind::kLocalTime:
      return "LocalTime";
    case TemporalKind::kTime:
      return "Time";
    case TemporalKind::kLocalDateTime:
      return "LocalDateTime";
    case TemporalKind::kDateTime:
      return "DateTime";
    case TemporalKind::kDuration:
      return "Duration";
  }
  return "Unknown";
}

bool has_date(const TemporalValue& value) {
  const TemporalKind kind = kind_of(value);
  return kind == TemporalKind::kDate || kind == TemporalKind::kLocalDateTime ||
         kind == TemporalKind::kDateTime;
}

bool has_time(const TemporalValue& value) {
  const TemporalKind kind = kind_of(value);
  return kind != TemporalKind::kDate && kind != TemporalKind::kDuration;
}

bool has_zone(const TemporalValue& value) {
  const TemporalKind kind = kind_of(value);
  return kind == TemporalKind::kTime || kind == TemporalKind::kDateTime;
}

}  // namespace quiver::temporal
