#include "storage/temporal/construct.h"

#include "storage/temporal/duration.h"
#include "storage/temporal/fields.h"
#include "storage/temporal/parse.h"

namespace quiver::temporal {
namespace {

using detail::Fields;

std::optional<Date> date_part(const TemporalValue& v) {
  if (const auto* d = std::get_if<Date>(&v)) {
    return *d;
  }
  if (const auto* l = std::get_if<LocalDateTime>(&v)) {
    return l->date;
  }
  if (const auto* z = std::get_if<DateTime>(&v)) {
    return z->local.date;
  }
  return std::nullopt;
}

std::optional<LocalTime> time_part(const TemporalValue& v) {
  if (const auto* t = std::get_if<LocalTime>(&v)) {
    return *t;
  }
  if (const auto* t = std::get_if<Time>(&v)) {
    return t->time;
  }
  if (const auto* l = std::get_if<LocalDateTime>(&v)) {
    return l->time;
  }
  if (const auto* z = std::get_if<DateTime>(&v)) {
    return z->local.time;
  }
  return std::nullopt;
}

TemporalError missing(const char* what, const char* key) {
  return invalid_argument(std::string("the value given as '") + key + "' has no " + what);
}

// The date selected by the `date` key, else by the `datetime` key.
TemporalResult<std::optional<Date>> date_base(const Fields& f) {
  if (f.date) {
    auto d = date_part(*f.date);
    if (!d) {
      return missing("date", "date");
    }
    return d;
  }
  if (f.datetime) {
    auto d = date_part(*f.datetime);
    if (!d) {
      return missing("date", "datetime");
    }
    return d;
  }
  return std::optional<Date>{};
}

// The value the time of day comes from: `time`, else `datetime`.
const TemporalValue* time_source(const Fields& f) {
  if (f.time) {
    return &*f.time;
  }
  if (f.datetime) {
    return &*f.datetime;
  }
  return nullptr;
}

TemporalResult<std::optional<LocalTime>> time_base(const TemporalValue* source,
                                                   bool date_may_lack_time) {
  if (source == nullptr) {
    return std::optional<LocalTime>{};
  }
  auto t = time_part(*source);
  if (!t && date_may_lack_time && kind_of(*source) == TemporalKind::kDate) {
    return std::optional<LocalTime>{LocalTime{}};
  }
  if (!t) {
    return missing("time", "time");
  }
  return t;
}

TemporalResult<Date> build_date(const ComponentMap& map) {
  auto f = detail::read_fields(map, detail::kDateFields | detail::kDateSource, "date()");
  if (!f) {
    return f.error();
  }
  auto base = date_base(*f);
  if (!base) {
    return base.error();
  }
  return detail::resolve_date(*f, *base);
}

TemporalResult<LocalTime> build_local_time(const ComponentMap& map) {
  auto f = detail::read_fields(map, detail::kTimeFields | detail::kTimeSource, "localtime()");
  if (!f) {
    return f.error();
  }
  auto base = time_base(time_source(*f), false);
  if (!base) {
    return base.error();
  }
  if (!*base && !f->hour) {
    return invalid_argument("hour must be specified");
  }
  return detail::resolve_time(*f, *base);
}

// The offset a zone has for a time of day with no date: the one in force at the statement clock.
int32_t offset_for_time(const TimeZone& zone, const TemporalContext& context) {
  return zone.offset_at_instant(context.now_epoch_second);
}

TemporalResult<Time> build_time(const ComponentMap& map, const TemporalContext& context) {
  auto f = detail::read_fields(map, detail::kTimeFields | detail::kTimeSource | detail::kZoneField,
                               "time()");
  if (!f) {
    return f.error();
  }
  const TemporalValue* source = time_source(*f);
  auto base = time_base(source, false);
  if (!base) {
    return base.error();
  }
  if (!*base && !f->hour) {
    return invalid_argument("hour must be specified");
  }

  std::optional<int32_t> source_offset;
  if (const auto* t = std::get_if<Time>(source)) {
    source_offset = t->offset_seconds;
  }
  if (const auto* z = std::get_if<DateTime>(source)) {
    source_offset = z->offset_seconds;
  }
  int32_t offset = source_offset.value_or(offset_for_time(context.default_zone, context));
  if (f->timezone) {
    offset = offset_for_time(*f->timezone, context);
    if (const auto* z = std::get_if<DateTime>(source)) {
      offset = f->timezone->offset_at_instant(z->epoch_second());
    }
    if (source_offset) {
      const int64_t shift = int64_t{offset - *source_offset} * kNanosPerSecond;
      *base = LocalTime{floor_mod((*base)->nanos_of_day + shift, kNanosPerDay)};
    }
  }
  auto time = detail::resolve_time(*f, *base);
  if (!time) {
    return time.error();
  }
  return Time{*time, offset};
}

TemporalResult<LocalDateTime> build_local_date_time(const ComponentMap& map) {
  auto f = detail::read_fields(map,
                               detail::kDateFields | detail::kTimeFields | detail::kDateSource |
                                   detail::kTimeSource | detail::kDateTimeSource,
                               "localdatetime()");
  if (!f) {
    return f.error();
  }
  auto dates = date_base(*f);
  if (!dates) {
    return dates.error();
  }
  auto times = time_base(time_source(*f), true);
  if (!times) {
    return times.error();
  }
  auto date = detail::resolve_date(*f, *dates);
  if (!date) {
    return date.error();
  }
  auto time = detail::resolve_time(*f, *times);
  if (!time) {
    return time.error();
  }
  return LocalDateTime{*date, *time};
}

TemporalResult<DateTime> build_from_epoch(const Fields& f) {
  if (f.any_date_field() || f.hour || f.minute || f.second || f.millisecond || f.microsecond ||
      f.date || f.time || f.datetime || (f.epoch_seconds && f.epoch_millis)) {
    return invalid_argument(
        "epochSeconds and epochMillis combine only with nanosecond and "
        "timezone");
  }
  auto value = f.epoch_millis ? date_time_from_epoch_millis(*f.epoch_millis)
                              : date_time_from_epoch(*f.epoch_seconds, f.nanosecond.value_or(0));
  if (!value || !f.timezone) {
    return value;
  }
  return DateTime::of_instant(value->epoch_second(), value->nanosecond(), *f.timezone);
}

// Converts a zoned source into `zone` when the map asks for another zone, so the components
// selected from it are those of the same instant there.
TemporalResult<std::optional<DateTime>> converted_source(const TemporalValue* source,
                                                         const TimeZone& zone) {
  if (const auto* z = std::get_if<DateTime>(source)) {
    auto moved = DateTime::of_instant(z->epoch_second(), z->nanosecond(), zone);
    if (!moved) {
      return moved.error();
    }
    return std::optional<DateTime>{*moved};
  }
  return std::optional<DateTime>{};
}

TemporalResult<DateTime> build_date_time(const ComponentMap& map, const TemporalContext& context) {
  auto f = detail::read_fields(map, ~unsigned{detail::kDurationFields}, "datetime()");
  if (!f) {
    return f.error();
  }
  if (f->epoch_seconds || f->epoch_millis) {
    return build_from_epoch(*f);
  }

  auto dates = date_base(*f);
  if (!dates) {
    return dates.error();
  }
  const TemporalValue* source = time_source(*f);
  auto times = time_base(source, true);
  if (!times) {
    return times.error();
  }

  std::optional<TimeZone> zone = f->timezone;
  std::optional<int32_t> source_offset;
  if (const auto* t = std::get_if<Time>(source)) {
    source_offset = t->offset_seconds;
    if (zone && *times) {
      const int64_t day = dates->value_or(Date{}).epoch_day;
      const int64_t utc = (*times)->nanos_of_day / kNanosPerSecond - t->offset_seconds;
      const int32_t target = zone->offset_at_instant(day * kSecondsPerDay + utc);
      const int64_t shift = int64_t{target - t->offset_seconds} * kNanosPerSecond;
      *times = LocalTime{floor_mod((*times)->nanos_of_day + shift, kNanosPerDay)};
    }
    if (!zone) {
      zone = TimeZone::fixed(t->offset_seconds).value();
    }
  }
  if (const auto* z = std::get_if<DateTime>(source)) {
    source_offset = z->offset_seconds;
    if (zone) {
      auto moved = converted_source(source, *zone);
      if (!moved) {
        return moved.error();
      }
      *times = (*moved)->local.time;
      if (!f->date && f->datetime && source == &*f->datetime) {
        *dates = (*moved)->local.date;
      }
    }
    if (!zone) {
      zone = z->zone;
    }
  }

  auto date = detail::resolve_date(*f, *dates);
  if (!date) {
    return date.error();
  }
  auto time = detail::resolve_time(*f, *times);
  if (!time) {
    return time.error();
  }
  return DateTime::of_local({*date, *time}, zone.value_or(context.default_zone), source_offset);
}

TemporalResult<Number> number_of(const std::string& key, const MapValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) {
    return Number{*i};
  }
  if (const auto* d = std::get_if<double>(&value)) {
    return Number{*d};
  }
  return invalid_argument("duration component '" + key + "' must be a number");
}

TemporalResult<Duration> build_duration(const ComponentMap& map) {
  DurationComponents c;
  const std::pair<const char*, std::optional<Number> DurationComponents::*> keys[] = {
      {"years", &DurationComponents::years},
      {"quarters", &DurationComponents::quarters},
      {"months", &DurationComponents::months},
      {"weeks", &DurationComponents::weeks},
      {"days", &DurationComponents::days},
      {"hours", &DurationComponents::hours},
      {"minutes", &DurationComponents::minutes},
      {"seconds", &DurationComponents::seconds},
      {"milliseconds", &DurationComponents::milliseconds},
      {"microseconds", &DurationComponents::microseconds},
      {"nanoseconds", &DurationComponents::nanoseconds},
  };
  for (const auto& [key, value] : map.entries()) {
    bool matched = false;
    for (const auto& [name, slot] : keys) {
      if (key != name) {
        continue;
      }
      auto number = number_of(key, value);
      if (!number) {
        return number.error();
      }
      c.*slot = *number;
      matched = true;
    }
    if (!matched) {
      return invalid_argument("'" + key + "' is not a component duration() accepts");
    }
  }
  return make_duration(c);
}

template <class T>
TemporalResult<TemporalValue> widen(TemporalResult<T> result) {
  if (!result) {
    return result.error();
  }
  return TemporalValue{std::move(result).value()};
}

}  // namespace

TemporalResult<TemporalValue> make_temporal(TemporalKind kind, const ComponentMap& map,
                                            const TemporalContext& context) {
  if (kind != TemporalKind::kDuration && map.entries().size() == 1 &&
      map.entries()[0].first == "timezone") {
    const auto* name = std::get_if<std::string>(&map.entries()[0].second);
    if (name == nullptr) {
      return invalid_argument("component 'timezone' must be a string");
    }
    auto zone = TimeZone::parse(*name);
    if (!zone) {
      return zone.error();
    }
    return current_temporal(kind, context, *zone);
  }
  switch (kind) {
    case TemporalKind::kDate:
      return widen(build_date(map));
    case TemporalKind::kLocalTime:
      return widen(build_local_time(map));
    case TemporalKind::kTime:
      return widen(build_time(map, context));
    case TemporalKind::kLocalDateTime:
      return widen(build_local_date_time(map));
    case TemporalKind::kDateTime:
      return widen(build_date_time(map, context));
    case TemporalKind::kDuration:
      return widen(build_duration(map));
  }
  return invalid_argument("unknown temporal kind");
}

TemporalResult<TemporalValue> parse_temporal(TemporalKind kind, std::string_view text) {
  switch (kind) {
    case TemporalKind::kDate:
      return widen(parse_date(text));
    case TemporalKind::kLocalTime:
      return widen(parse_local_time(text));
    case TemporalKind::kTime:
      return widen(parse_time(text));
    case TemporalKind::kLocalDateTime:
      return widen(parse_local_date_time(text));
    case TemporalKind::kDateTime:
      return widen(parse_date_time(text));
    case TemporalKind::kDuration:
      return widen(parse_duration(text));
  }
  return invalid_argument("unknown temporal kind");
}

TemporalResult<TemporalValue> convert_temporal(TemporalKind kind, const TemporalValue& source,
                                               const TemporalContext& context) {
  if (kind_of(source) == TemporalKind::kDuration) {
    if (kind == TemporalKind::kDuration) {
      return source;
    }
    return invalid_argument("a Duration cannot be converted to an instant");
  }
  switch (kind) {
    case TemporalKind::kDate:
      return make_temporal(kind, ComponentMap{{"date", source}}, context);
    case TemporalKind::kLocalTime:
    case TemporalKind::kTime:
      return make_temporal(kind, ComponentMap{{"time", source}}, context);
    case TemporalKind::kLocalDateTime:
    case TemporalKind::kDateTime:
      if (!has_date(source)) {
        return missing("date", "datetime");
      }
      return make_temporal(kind, ComponentMap{{"datetime", source}}, context);
    case TemporalKind::kDuration:
      break;
  }
  return invalid_argument("an instant cannot be converted to a Duration");
}

TemporalResult<TemporalValue> current_temporal(TemporalKind kind, const TemporalContext& context,
                                               const std::optional<TimeZone>& zone) {
  if (kind == TemporalKind::kDuration) {
    return invalid_argument("there is no current Duration");
  }
  auto now = DateTime::of_instant(context.now_epoch_second, context.now_nanosecond,
                                  zone.value_or(context.default_zone));
  if (!now) {
    return now.error();
  }
  switch (kind) {
    case TemporalKind::kDate:
      return TemporalValue{now->local.date};
    case TemporalKind::kLocalTime:
      return TemporalValue{now->local.time};
    case TemporalKind::kTime:
      return TemporalValue{Time{now->local.time, now->offset_seconds}};
    case TemporalKind::kLocalDateTime:
      return TemporalValue{now->local};
    default:
      return TemporalValue{*now};
  }
}

TemporalResult<DateTime> date_time_from_epoch(int64_t seconds, int64_t nanoseconds) {
  auto second = checked_add(seconds, floor_div(nanoseconds, kNanosPerSecond));
  if (!second) {
    return overflow("epoch seconds overflow");
  }
  return DateTime::of_instant(*second, floor_mod(nanoseconds, kNanosPerSecond), TimeZone{});
}

TemporalResult<DateTime> date_time_from_epoch_millis(int64_t millis) {
  return DateTime::of_instant(floor_div(millis, 1000), floor_mod(millis, 1000) * 1'000'000,
                              TimeZone{});
}

}  // namespace quiver::temporal
