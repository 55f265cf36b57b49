// Temporal functions: date(), localtime(), time(), localdatetime(), datetime(), duration() and
// their namespaced variants (.statement, .transaction, .realtime, .truncate, .fromepoch,
// .between...). Each one turns its Cypher arguments into a call of the temporal library
// (docs/temporal.md) and its error into a QueryError.

#include <string>

#include "query/functions/function_table.h"
#include "storage/temporal/arithmetic.h"
#include "storage/temporal/construct.h"

namespace quiver::query {

namespace {

using temporal::TemporalKind;

// The function names of the six constructors, by kind.
const char* constructor_name(TemporalKind kind) {
  switch (kind) {
    case TemporalKind::kDate:
      return "date";
    case TemporalKind::kLocalTime:
      return "localtime";
    case TemporalKind::kTime:
      return "time";
    case TemporalKind::kLocalDateTime:
      return "localdatetime";
    case TemporalKind::kDateTime:
      return "datetime";
    case TemporalKind::kDuration:
      return "duration";
  }
  return "temporal";
}

Value unwrap_temporal(temporal::TemporalResult<TemporalValue> result) {
  if (!result.ok())
    temporal_error(result.error());
  return Value(std::move(result).value());
}

// A Cypher map as the library's component map. A null entry makes the whole call null (the
// caller returns null when this returns false); other kinds are a TypeError.
bool component_map(const char* fn, const ValueMap& map, temporal::ComponentMap& out) {
  for (const auto& [key, value] : map) {
    switch (value.kind()) {
      case Kind::kNull:
        return false;
      case Kind::kInt:
        out.set(key, value.as_int());
        break;
      case Kind::kDouble:
        out.set(key, value.as_double());
        break;
      case Kind::kString:
        out.set(key, value.as_string());
        break;
      case Kind::kTemporal:
        out.set(key, value.as_temporal());
        break;
      default:
        argument_type_error(fn, value);
    }
  }
  return true;
}

// A zone argument: a string, or a map with a `timezone` entry.
std::optional<temporal::TimeZone> zone_argument(const char* fn, const Value& v) {
  const Value* text = &v;
  if (v.is_map()) {
    auto it = v.as_map().find("timezone");
    if (it == v.as_map().end())
      argument_value_error(fn, v);
    text = &it->second;
  }
  if (!text->is_string())
    argument_type_error(fn, *text);
  temporal::TemporalResult<temporal::TimeZone> zone = temporal::TimeZone::parse(text->as_string());
  if (!zone.ok())
    temporal_error(zone.error());
  return *zone;
}

// date(), date('2015-07-21'), date({year: 2015}), date(otherTemporal).
template <TemporalKind K>
Value construct(ExecContext& ctx, std::vector<Value>& a) {
  const char* fn = constructor_name(K);
  temporal::TemporalContext context = ctx.temporal_context(TemporalClock::kStatement);
  if (a.empty())
    return unwrap_temporal(temporal::current_temporal(K, context));
  const Value& arg = a[0];
  switch (arg.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kString:
      return unwrap_temporal(temporal::parse_temporal(K, arg.as_string()));
    case Kind::kMap: {
      temporal::ComponentMap map;
      if (!component_map(fn, arg.as_map(), map))
        return Value();
      return unwrap_temporal(temporal::make_temporal(K, map, context));
    }
    case Kind::kTemporal:
      if (K == TemporalKind::kDuration)
        argument_type_error(fn, arg);
      return unwrap_temporal(temporal::convert_temporal(K, arg.as_temporal(), context));
    default:
      argument_type_error(fn, arg);
  }
}

// date.statement(), date.transaction('Europe/Paris'), date.realtime(), ...
template <TemporalKind K, TemporalClock C>
Value current(ExecContext& ctx, std::vector<Value>& a) {
  std::optional<temporal::TimeZone> zone;
  if (!a.empty()) {
    if (a[0].is_null())
      return Value();
    zone = zone_argument(constructor_name(K), a[0]);
  }
  return unwrap_temporal(temporal::current_temporal(K, ctx.temporal_context(C), zone));
}

// date.truncate('month', value[, {day: 2}]).
template <TemporalKind K>
Value truncate(ExecContext& ctx, std::vector<Value>& a) {
  const char* fn = constructor_name(K);
  if (a[0].is_null() || a[1].is_null())
    return Value();
  if (!a[0].is_string())
    argument_type_error(fn, a[0]);
  if (!a[1].is_temporal())
    argument_type_error(fn, a[1]);
  temporal::ComponentMap overrides;
  if (a.size() > 2 && !a[2].is_null()) {
    if (!a[2].is_map())
      argument_type_error(fn, a[2]);
    if (!component_map(fn, a[2].as_map(), overrides))
      return Value();
  }
  return unwrap_temporal(temporal::truncate(K, a[0].as_string(), a[1].as_temporal(), overrides,
                                            ctx.temporal_context(TemporalClock::kStatement)));
}

Value from_epoch(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null() || a[1].is_null())
    return Value();
  if (!a[0].is_int())
    argument_type_error("datetime.fromepoch", a[0]);
  if (!a[1].is_int())
    argument_type_error("datetime.fromepoch", a[1]);
  auto result = temporal::date_time_from_epoch(a[0].as_int(), a[1].as_int());
  if (!result.ok())
    temporal_error(result.error());
  return Value(TemporalValue(*result));
}

Value from_epoch_millis(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (!a[0].is_int())
    argument_type_error("datetime.fromepochmillis", a[0]);
  auto result = temporal::date_time_from_epoch_millis(a[0].as_int());
  if (!result.ok())
    temporal_error(result.error());
  return Value(TemporalValue(*result));
}

// duration.between(a, b) and its inMonths/inDays/inSeconds forms.
template <temporal::BetweenUnit U>
Value between(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null() || a[1].is_null())
    return Value();
  for (const Value& v : a) {
    if (!v.is_temporal() || temporal::kind_of(v.as_temporal()) == TemporalKind::kDuration)
      argument_type_error("duration.between", v);
  }
  auto result = temporal::duration_between(a[0].as_temporal(), a[1].as_temporal(), U);
  if (!result.ok())
    temporal_error(result.error());
  return Value(TemporalValue(*result));
}

template <TemporalKind K>
void add_instant_family(FunctionTable& t) {
  std::string name = constructor_name(K);
  t.add(name, construct<K>, 0, 1);
  t.add(name + ".statement", current<K, TemporalClock::kStatement>, 0, 1);
  t.add(name + ".transaction", current<K, TemporalClock::kTransaction>, 0, 1);
  t.add(name + ".realtime", current<K, TemporalClock::kRealtime>, 0, 1);
  t.add(name + ".truncate", truncate<K>, 2, 3);
}

}  // namespace

void temporal_error(const temporal::TemporalError& error) {
  if (error.code == temporal::TemporalErrorCode::kOverflow)
    throw_runtime(ErrorCategory::kArgumentError, "NumberOutOfRange", error.message);
  throw_runtime(ErrorCategory::kArgumentError, "InvalidArgumentValue", error.message);
}

void add_temporal_functions(FunctionTable& t) {
  add_instant_family<TemporalKind::kDate>(t);
  add_instant_family<TemporalKind::kLocalTime>(t);
  add_instant_family<TemporalKind::kTime>(t);
  add_instant_family<TemporalKind::kLocalDateTime>(t);
  add_instant_family<TemporalKind::kDateTime>(t);
  t.add("datetime.fromepoch", from_epoch, 2, 2);
  t.add("datetime.fromepochmillis", from_epoch_millis, 1, 1);
  t.add("duration", construct<TemporalKind::kDuration>, 1, 1);
  t.add("duration.between", between<temporal::BetweenUnit::kAll>, 2, 2);
  t.add("duration.inmonths", between<temporal::BetweenUnit::kMonths>, 2, 2);
  t.add("duration.indays", between<temporal::BetweenUnit::kDays>, 2, 2);
  t.add("duration.inseconds", between<temporal::BetweenUnit::kSeconds>, 2, 2);
}

}  // namespace quiver::query
