#include "storage/temporal/compare.h"

#include <string>
#include <tuple>

namespace quiver::temporal {
namespace {

std::string zone_key(const TimeZone& zone) {
  return zone.is_named() ? zone.name() : "";
}

// Orders values of one kind: the Cypher order first, then tie-breakers that keep distinct
// values apart.
std::strong_ordering same_kind_order(const TemporalValue& a, const TemporalValue& b) {
  switch (kind_of(a)) {
    case TemporalKind::kDate:
      return std::get<Date>(a).epoch_day <=> std::get<Date>(b).epoch_day;
    case TemporalKind::kLocalTime:
      return std::get<LocalTime>(a).nanos_of_day <=> std::get<LocalTime>(b).nanos_of_day;
    case TemporalKind::kTime: {
      const Time& x = std::get<Time>(a);
      const Time& y = std::get<Time>(b);
      return std::tuple(x.utc_nanos(), x.offset_seconds) <=>
             std::tuple(y.utc_nanos(), y.offset_seconds);
    }
    case TemporalKind::kLocalDateTime: {
      const LocalDateTime& x = std::get<LocalDateTime>(a);
      const LocalDateTime& y = std::get<LocalDateTime>(b);
      return std::tuple(x.date.epoch_day, x.time.nanos_of_day) <=>
             std::tuple(y.date.epoch_day, y.time.nanos_of_day);
    }
    case TemporalKind::kDateTime: {
      const DateTime& x = std::get<DateTime>(a);
      const DateTime& y = std::get<DateTime>(b);
      return std::tuple(x.epoch_second(), x.nanosecond(), x.offset_seconds, zone_key(x.zone)) <=>
             std::tuple(y.epoch_second(), y.nanosecond(), y.offset_seconds, zone_key(y.zone));
    }
    case TemporalKind::kDuration: {
      const Duration& x = std::get<Duration>(a);
      const Duration& y = std::get<Duration>(b);
      return std::tuple(x.months, x.days, x.seconds, x.nanos) <=>
             std::tuple(y.months, y.days, y.seconds, y.nanos);
    }
  }
  return std::strong_ordering::equal;
}

// The Cypher order of two values of one orderable kind, without tie-breakers.
std::strong_ordering instant_order(const TemporalValue& a, const TemporalValue& b) {
  if (kind_of(a) == TemporalKind::kTime) {
    return std::get<Time>(a).utc_nanos() <=> std::get<Time>(b).utc_nanos();
  }
  if (kind_of(a) == TemporalKind::kDateTime) {
    const DateTime& x = std::get<DateTime>(a);
    const DateTime& y = std::get<DateTime>(b);
    return std::tuple(x.epoch_second(), x.nanosecond()) <=>
           std::tuple(y.epoch_second(), y.nanosecond());
  }
  return same_kind_order(a, b);
}

}  // namespace

bool equals(const TemporalValue& a, const TemporalValue& b) {
  if (kind_of(a) != kind_of(b)) {
    return false;
  }
  return same_kind_order(a, b) == std::strong_ordering::equal;
}

std::optional<std::strong_ordering> compare(const TemporalValue& a, const TemporalValue& b) {
  if (kind_of(a) != kind_of(b) || kind_of(a) == TemporalKind::kDuration) {
    return std::nullopt;
  }
  return instant_order(a, b);
}

std::strong_ordering order(const TemporalValue& a, const TemporalValue& b) {
  if (kind_of(a) != kind_of(b)) {
    return a.index() <=> b.index();
  }
  return same_kind_order(a, b);
}

}  // namespace quiver::temporal
