#include <algorithm>
#include <cctype>
#include <string>

#include "storage/temporal/construct.h"
#include "storage/temporal/fields.h"

namespace quiver::temporal {
namespace {

// Units from largest to smallest; those up to kDay cut the date, the rest the time of day.
enum class Unit {
  kMillennium,
  kCentury,
  kDecade,
  kYear,
  kWeekYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
};

std::optional<Unit> unit_of(std::string_view text) {
  std::string name(text);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::pair<const char*, Unit> kUnits[] = {
      {"millennium", Unit::kMillennium},
      {"century", Unit::kCentury},
      {"decade", Unit::kDecade},
      {"year", Unit::kYear},
      {"weekyear", Unit::kWeekYear},
      {"quarter", Unit::kQuarter},
      {"month", Unit::kMonth},
      {"week", Unit::kWeek},
      {"day", Unit::kDay},
      {"hour", Unit::kHour},
      {"minute", Unit::kMinute},
      {"second", Unit::kSecond},
      {"millisecond", Unit::kMillisecond},
      {"microsecond", Unit::kMicrosecond},
  };
  for (const auto& [unit_name, unit] : kUnits) {
    if (name == unit_name) {
      return unit;
    }
  }
  return std::nullopt;
}

Date truncate_date(Unit unit, const Date& date) {
  const YearMonthDay ymd = date.civil();
  switch (unit) {
    case Unit::kMillennium:
      return Date{epoch_day_from_civil(floor_div(ymd.year, 1000) * 1000, 1, 1)};
    case Unit::kCentury:
      return Date{epoch_day_from_civil(floor_div(ymd.year, 100) * 100, 1, 1)};
    case Unit::kDecade:
      return Date{epoch_day_from_civil(floor_div(ymd.year, 10) * 10, 1, 1)};
    case Unit::kYear:
      return Date{epoch_day_from_civil(ymd.year, 1, 1)};
    case Unit::kWeekYear:
      return Date{week_one_monday(iso_week_of(date.epoch_day).week_year)};
    case Unit::kQuarter:
      return Date{quarter_start(ymd.year, quarter_of_month(ymd.month))};
    case Unit::kMonth:
      return Date{epoch_day_from_civil(ymd.year, ymd.month, 1)};
    case Unit::kWeek:
      return Date{date.epoch_day - iso_weekday(date.epoch_day) + 1};
    default:
      return date;
  }
}

LocalTime truncate_time(Unit unit, const LocalTime& time) {
  int64_t step = kNanosPerDay;
  switch (unit) {
    case Unit::kHour:
      step = 3600 * kNanosPerSecond;
      break;
    case Unit::kMinute:
      step = 60 * kNanosPerSecond;
      break;
    case Unit::kSecond:
      step = kNanosPerSecond;
      break;
    case Unit::kMillisecond:
      step = 1'000'000;
      break;
    case Unit::kMicrosecond:
      step = 1000;
      break;
    default:
      break;
  }
  return LocalTime{time.nanos_of_day - time.nanos_of_day % step};
}

struct Source {
  std::optional<Date> date;
  std::optional<LocalTime> time;
  std::optional<TimeZone> zone;
  std::optional<int32_t> offset;
};

Source source_of(const TemporalValue& value) {
  Source s;
  if (const auto* d = std::get_if<Date>(&value)) {
    s.date = *d;
  }
  if (const auto* t = std::get_if<LocalTime>(&value)) {
    s.time = *t;
  }
  if (const auto* t = std::get_if<Time>(&value)) {
    s.time = t->time;
    s.zone = TimeZone::fixed(t->offset_seconds).value();
    s.offset = t->offset_seconds;
  }
  if (const auto* l = std::get_if<LocalDateTime>(&value)) {
    s.date = l->date;
    s.time = l->time;
  }
  if (const auto* z = std::get_if<DateTime>(&value)) {
    s.date = z->local.date;
    s.time = z->local.time;
    s.zone = z->zone;
    s.offset = z->offset_seconds;
  }
  return s;
}

unsigned accepted_groups(TemporalKind kind) {
  switch (kind) {
    case TemporalKind::kDate:
      return detail::kDateFields;
    case TemporalKind::kLocalTime:
      return detail::kTimeFields;
    case TemporalKind::kTime:
      return detail::kTimeFields | detail::kZoneField;
    case TemporalKind::kLocalDateTime:
      return detail::kDateFields | detail::kTimeFields;
    default:
      return detail::kDateFields | detail::kTimeFields | detail::kZoneField;
  }
}

}  // namespace

TemporalResult<TemporalValue> truncate(TemporalKind kind, std::string_view unit_name,
                                       const TemporalValue& value, const ComponentMap& overrides,
                                       const TemporalContext& context) {
  const auto unit = unit_of(unit_name);
  if (!unit) {
    return invalid_argument("unknown truncation unit '" + std::string(unit_name) + "'");
  }
  if (kind == TemporalKind::kDuration || kind_of(value) == TemporalKind::kDuration) {
    return invalid_argument("durations cannot be truncated");
  }
  const bool wants_date = kind == TemporalKind::kDate || kind == TemporalKind::kLocalDateTime ||
                          kind == TemporalKind::kDateTime;
  const bool wants_time = kind != TemporalKind::kDate;
  const bool time_unit = *unit > Unit::kDay;
  if (kind == TemporalKind::kDate && time_unit) {
    return invalid_argument("a Date cannot be truncated to '" + std::string(unit_name) + "'");
  }
  if (!wants_date && *unit < Unit::kDay) {
    return invalid_argument(std::string("a ") + kind_name(kind) + " cannot be truncated to '" +
                            std::string(unit_name) + "'");
  }

  const Source source = source_of(value);
  if (wants_date && !source.date) {
    return invalid_argument("the truncated value has no date");
  }
  if (wants_time && !wants_date && !source.time) {
    return invalid_argument("the truncated value has no time");
  }
  if (time_unit && !source.time) {
    return invalid_argument("the truncated value has no time");
  }

  auto fields = detail::read_fields(overrides, accepted_groups(kind), "truncate()");
  if (!fields) {
    return fields.error();
  }
  std::optional<Date> date;
  if (wants_date) {
    auto resolved = detail::resolve_date(*fields, truncate_date(*unit, *source.date));
    if (!resolved) {
      return resolved.error();
    }
    date = *resolved;
  }
  LocalTime base_time = time_unit ? truncate_time(*unit, *source.time) : LocalTime{};
  auto time = detail::resolve_time(*fields, base_time);
  if (!time) {
    return time.error();
  }

  const TimeZone zone = fields->timezone.value_or(source.zone.value_or(context.default_zone));
  const std::optional<int32_t> preferred =
      source.zone && zone == *source.zone ? source.offset : std::nullopt;
  switch (kind) {
    case TemporalKind::kDate:
      return TemporalValue{*date};
    case TemporalKind::kLocalTime:
      return TemporalValue{*time};
    case TemporalKind::kTime:
      return TemporalValue{
          Time{*time, preferred.value_or(zone.offset_at_instant(context.now_epoch_second))}};
    case TemporalKind::kLocalDateTime:
      return TemporalValue{LocalDateTime{*date, *time}};
    default:
      break;
  }
  auto result = DateTime::of_local({*date, *time}, zone, preferred);
  if (!result) {
    return result.error();
  }
  return TemporalValue{*result};
}

}  // namespace quiver::temporal
