#pragma once

// Building temporal values the way Cypher's date(), localtime(), time(), localdatetime(),
// datetime() and duration() functions and their .truncate() variants do: from a component map,
// from a string, from another temporal value, from epoch numbers. Pure, any thread.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// One value of a component map: a number, a string (timezone) or a temporal value (the `date`,
// `time` and `datetime` keys that select components from another value).
using MapValue = std::variant<int64_t, double, std::string, TemporalValue>;

// The map argument of the construction and truncation functions, as the evaluator built it from
// a Cypher map. Keys match case-insensitively. Plain value type.
class ComponentMap {
 public:
  ComponentMap() = default;
  ComponentMap(std::initializer_list<std::pair<std::string, MapValue>> entries);

  // Adds or replaces the entry for `key`.
  void set(std::string_view key, MapValue value);

  // The entries, keys lower-cased.
  const std::vector<std::pair<std::string, MapValue>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, MapValue>> entries_;
};

// What construction needs from the session: the zone for values built without one, and a
// reading of the clock the statement uses (statement, transaction or realtime clock: the query
// layer picks one and supplies its reading). The reading also fixes the offset a named zone has
// when a Time is built in it.
struct TemporalContext {
  TimeZone default_zone;         // UTC unless the session says otherwise
  int64_t now_epoch_second = 0;  // the clock reading, seconds since 1970-01-01T00:00Z
  int64_t now_nanosecond = 0;    // 0 .. 999,999,999
};

// The current value of `kind` (date(), datetime.realtime('Europe/Stockholm'), ...): the
// context's clock reading seen in `zone`, or in the default zone when absent. Errors:
// InvalidArgument for a Duration, Overflow for a reading outside the supported range.
TemporalResult<TemporalValue> current_temporal(TemporalKind kind, const TemporalContext& context,
                                               const std::optional<TimeZone>& zone = {});

// Builds a value of `kind` from a component map.
// Date components: year, month, day | year, week, dayOfWeek | year, ordinalDay |
// year, quarter, dayOfQuarter (one calendar, larger units required before smaller ones, smaller
// ones default to their first value). Time components: hour, minute, second, millisecond,
// microsecond, nanosecond (the same rule; nanosecond alone may hold the whole fraction).
// `timezone` (Time, DateTime) names an offset or zone. Selection keys take components from
// another value and let the map override them: `date` (Date, LocalDateTime, DateTime), `time`
// (all but Date), `datetime` (LocalDateTime, DateTime); a zoned source given with `timezone` is
// converted into that zone first. DateTime also accepts epochSeconds (+ nanosecond) or
// epochMillis. A map holding only `timezone` gives the current value in that zone (see
// current_temporal). Durations take years, quarters, months, weeks, days, hours, minutes, seconds,
// milliseconds, microseconds, nanoseconds, any of them fractional.
// Errors: InvalidArgument for unknown keys, wrong value types, mixed calendars or a missing
// larger unit; OutOfRange for fields out of range; UnknownZone; Overflow.
TemporalResult<TemporalValue> make_temporal(TemporalKind kind, const ComponentMap& map,
                                            const TemporalContext& context);

// Parses `text` as `kind` (see parse.h for the accepted forms).
TemporalResult<TemporalValue> parse_temporal(TemporalKind kind, std::string_view text);

// Converts another temporal value to `kind` (date(datetimeValue), time(localtime), ...):
// components the source lacks are an InvalidArgument, except that a missing zone becomes the
// context's default zone and a missing time midnight for LocalDateTime and DateTime.
TemporalResult<TemporalValue> convert_temporal(TemporalKind kind, const TemporalValue& source,
                                               const TemporalContext& context);

// datetime.fromepoch(seconds, nanoseconds) and datetime.fromepochmillis(millis), at UTC.
TemporalResult<DateTime> date_time_from_epoch(int64_t seconds, int64_t nanoseconds);
TemporalResult<DateTime> date_time_from_epoch_millis(int64_t millis);

// <kind>.truncate(unit, value, overrides): `value` cut down to the start of `unit` (millennium,
// century, decade, year, weekYear, quarter, month, week, day, hour, minute, second, millisecond,
// microsecond; case-insensitive), then the components in `overrides` set as in make_temporal (a
// `timezone` there replaces the zone and keeps the local time). Errors: InvalidArgument for an
// unknown unit, a unit the target kind cannot express (date.truncate('hour', ...)) or a source
// without the needed components; otherwise as make_temporal.
TemporalResult<TemporalValue> truncate(TemporalKind kind, std::string_view unit,
                                       const TemporalValue& value, const ComponentMap& overrides,
                                       const TemporalContext& context);

}  // namespace quiver::temporal
