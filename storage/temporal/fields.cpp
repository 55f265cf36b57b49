#include "storage/temporal/fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace quiver::temporal::detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

TemporalResult<int64_t> integer_of(const std::string& key, const MapValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) {
    return *i;
  }
  if (const auto* d = std::get_if<double>(&value)) {
    if (std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18) {
      return static_cast<int64_t>(*d);
    }
    return invalid_argument("component '" + key + "' must be an integer");
  }
  return invalid_argument("component '" + key + "' must be a number");
}

struct IntegerKey {
  const char* name;
  FieldGroup group;
  std::optional<int64_t> Fields::*slot;
};

constexpr IntegerKey kIntegerKeys[] = {
    {"year", kDateFields, &Fields::year},
    {"quarter", kDateFields, &Fields::quarter},
    {"month", kDateFields, &Fields::month},
    {"week", kDateFields, &Fields::week},
    {"day", kDateFields, &Fields::day},
    {"ordinalday", kDateFields, &Fields::ordinal_day},
    {"dayofweek", kDateFields, &Fields::day_of_week},
    {"dayofquarter", kDateFields, &Fields::day_of_quarter},
    {"hour", kTimeFields, &Fields::hour},
    {"minute", kTimeFields, &Fields::minute},
    {"second", kTimeFields, &Fields::second},
    {"millisecond", kTimeFields, &Fields::millisecond},
    {"microsecond", kTimeFields, &Fields::microsecond},
    {"nanosecond", kTimeFields, &Fields::nanosecond},
    {"epochseconds", kEpochFields, &Fields::epoch_seconds},
    {"epochmillis", kEpochFields, &Fields::epoch_millis},
};

struct SourceKey {
  const char* name;
  FieldGroup group;
  std::optional<TemporalValue> Fields::*slot;
};

constexpr SourceKey kSourceKeys[] = {
    {"date", kDateSource, &Fields::date},
    {"time", kTimeSource, &Fields::time},
    {"datetime", kDateTimeSource, &Fields::datetime},
};

TemporalError unknown_key(const std::string& key, const char* target) {
  return invalid_argument("'" + key + "' is not a component " + target + " accepts");
}

// Cuts the sub-second fields into millisecond, microsecond and nanosecond parts.
struct SubSecond {
  int64_t millis, micros, nanos;
};

TemporalResult<int64_t> fraction_of(const Fields& f, std::optional<LocalTime> base) {
  const int64_t base_fraction = base ? base->nanosecond() : 0;
  SubSecond parts{base_fraction / 1'000'000, base_fraction / 1000 % 1000, base_fraction % 1000};
  if (f.millisecond) {
    if (*f.millisecond < 0 || *f.millisecond > 999) {
      return out_of_range("millisecond " + std::to_string(*f.millisecond) + " is not 0..999");
    }
    parts.millis = *f.millisecond;
  }
  if (f.microsecond) {
    const int64_t limit = f.millisecond ? 999 : 999'999;
    if (*f.microsecond < 0 || *f.microsecond > limit) {
      return out_of_range("microsecond " + std::to_string(*f.microsecond) + " is not 0.." +
                          std::to_string(limit));
    }
    if (*f.microsecond > 999) {
      parts.millis = 0;
    }
    parts.micros = *f.microsecond;
  }
  if (f.nanosecond) {
    const int64_t limit = f.microsecond ? 999 : f.millisecond ? 999'999 : 999'999'999;
    if (*f.nanosecond < 0 || *f.nanosecond > limit) {
      return out_of_range("nanosecond " + std::to_string(*f.nanosecond) + " is not 0.." +
                          std::to_string(limit));
    }
    if (*f.nanosecond > 999) {
      parts.micros = 0;
    }
    if (*f.nanosecond > 999'999) {
      parts.millis = 0;
    }
    parts.nanos = *f.nanosecond;
  }
  return parts.millis * 1'000'000 + parts.micros * 1000 + parts.nanos;
}

}  // namespace

TemporalResult<Fields> read_fields(const ComponentMap& map, unsigned groups, const char* target) {
  Fields fields;
  for (const auto& [key, value] : map.entries()) {
    bool matched = false;
    for (const IntegerKey& k : kIntegerKeys) {
      if (key != k.name) {
        continue;
      }
      if ((groups & k.group) == 0) {
        return unknown_key(key, target);
      }
      auto number = integer_of(key, value);
      if (!number) {
        return number.error();
      }
      fields.*k.slot = *number;
      matched = true;
    }
    for (const SourceKey& k : kSourceKeys) {
      if (key != k.name) {
        continue;
      }
      if ((groups & k.group) == 0) {
        return unknown_key(key, target);
      }
      const auto* source = std::get_if<TemporalValue>(&value);
      if (source == nullptr || kind_of(*source) == TemporalKind::kDuration) {
        return invalid_argument("component '" + key + "' must be a temporal instant");
      }
      fields.*k.slot = *source;
      matched = true;
    }
    if (key == "timezone") {
      if ((groups & kZoneField) == 0) {
        return unknown_key(key, target);
      }
      const auto* text = std::get_if<std::string>(&value);
      if (text == nullptr) {
        return invalid_argument("component 'timezone' must be a string");
      }
      auto zone = TimeZone::parse(*text);
      if (!zone) {
        return zone.error();
      }
      fields.timezone = *zone;
      matched = true;
    }
    if (!matched) {
      return unknown_key(key, target);
    }
  }
  return fields;
}

TemporalResult<Date> resolve_date(const Fields& f, std::optional<Date> base) {
  const int calendars = (f.month || f.day ? 1 : 0) + (f.week || f.day_of_week ? 1 : 0) +
                        (f.ordinal_day ? 1 : 0) + (f.quarter || f.day_of_quarter ? 1 : 0);
  if (calendars > 1) {
    return invalid_argument("cannot mix components of calendar, week, ordinal and quarter dates");
  }
  if (!base && !f.year) {
    return invalid_argument("year must be specified");
  }

  if (f.week || f.day_of_week) {
    if (!base && !f.week) {
      return invalid_argument("dayOfWeek requires week");
    }
    const IsoWeek iso = base ? iso_week_of(base->epoch_day) : IsoWeek{0, 1};
    return Date::of_week(f.year.value_or(iso.week_year), f.week.value_or(iso.week),
                         f.day_of_week.value_or(base ? iso_weekday(base->epoch_day) : 1));
  }
  const YearMonthDay ymd = base ? base->civil() : YearMonthDay{0, 1, 1};
  const int64_t year = f.year.value_or(ymd.year);
  if (f.ordinal_day) {
    return Date::of_ordinal(year, *f.ordinal_day);
  }
  if (f.quarter || f.day_of_quarter) {
    if (!base && !f.quarter) {
      return invalid_argument("dayOfQuarter requires quarter");
    }
    const int64_t quarter = quarter_of_month(ymd.month);
    const int64_t day_of_quarter =
        base ? base->epoch_day - quarter_start(ymd.year, quarter) + 1 : 1;
    return Date::of_quarter(year, f.quarter.value_or(quarter),
                            f.day_of_quarter.value_or(day_of_quarter));
  }
  if (!base && f.day && !f.month) {
    return invalid_argument("day requires month");
  }
  return Date::of(year, f.month.value_or(ymd.month), f.day.value_or(ymd.day));
}

TemporalResult<LocalTime> resolve_time(const Fields& f, std::optional<LocalTime> base) {
  const bool sub_second = f.millisecond || f.microsecond || f.nanosecond;
  if (!base) {
    if (f.minute && !f.hour) {
      return invalid_argument("minute requires hour");
    }
    if (f.second && !f.minute) {
      return invalid_argument("second requires minute");
    }
    if (sub_second && !f.second) {
      return invalid_argument("millisecond, microsecond and nanosecond require second");
    }
  }
  const LocalTime start = base.value_or(LocalTime{});
  auto fraction = fraction_of(f, base);
  if (!fraction) {
    return fraction.error();
  }
  return LocalTime::of(f.hour.value_or(start.hour()), f.minute.value_or(start.minute()),
                       f.second.value_or(start.second()), *fraction);
}

}  // namespace quiver::temporal::detail

namespace quiver::temporal {

ComponentMap::ComponentMap(std::initializer_list<std::pair<std::string, MapValue>> entries) {
  for (const auto& [key, value] : entries) {
    set(key, value);
  }
}

void ComponentMap::set(std::string_view key, MapValue value) {
  std::string name = detail::lower(key);
  for (auto& entry : entries_) {
    if (entry.first == name) {
      entry.second = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

}  // namespace quiver::temporal
