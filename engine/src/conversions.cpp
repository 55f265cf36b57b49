// Conversions between the API's values, stored property values and the query layer's runtime
// values.
#include <type_traits>

#include "database_impl.h"
#include "query/execute/context.h"

namespace quiver {

namespace {

[[noreturn]] void bad_temporal(const temporal::TemporalError& error) {
  throw make_error("ArgumentError", "InvalidArgumentValue", "runtime", error.message);
}

template <typename T>
T checked(temporal::TemporalResult<T> result) {
  if (!result.ok()) {
    bad_temporal(result.error());
  }
  return std::move(result).value();
}

temporal::LocalTime checked_time(int64_t nanos_of_day) {
  if (nanos_of_day < 0 || nanos_of_day >= temporal::kNanosPerDay) {
    bad_temporal(temporal::out_of_range("nanosecond of day " + std::to_string(nanos_of_day)));
  }
  return temporal::LocalTime{nanos_of_day};
}

}  // namespace

temporal::TemporalValue to_temporal(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kDate:
      return checked(temporal::Date::of_epoch_day(value.as_date().epoch_day));
    case ValueKind::kLocalTime:
      return checked_time(value.as_local_time().nanos_of_day);
    case ValueKind::kTime: {
      const Time& t = value.as_time();
      temporal::LocalTime local = checked_time(t.nanos_of_day);
      return temporal::Time{local,
                            checked(temporal::TimeZone::fixed(t.offset_seconds)).fixed_offset()};
    }
    case ValueKind::kLocalDateTime: {
      const LocalDateTime& t = value.as_local_date_time();
      return temporal::LocalDateTime{checked(temporal::Date::of_epoch_day(t.epoch_day)),
                                     checked_time(t.nanos_of_day)};
    }
    case ValueKind::kDateTime: {
      const DateTime& t = value.as_date_time();
      temporal::TimeZone zone = t.zone.empty()
                                    ? checked(temporal::TimeZone::fixed(t.offset_seconds))
                                    : checked(temporal::TimeZone::named(t.zone));
      if (t.nanosecond < 0 || t.nanosecond >= temporal::kNanosPerSecond) {
        bad_temporal(temporal::out_of_range("nanosecond " + std::to_string(t.nanosecond)));
      }
      return checked(temporal::DateTime::of_instant(t.epoch_second, t.nanosecond, zone));
    }
    default: {
      const Duration& d = value.as_duration();
      return checked(temporal::Duration::of(d.months, d.days, d.seconds, d.nanos));
    }
  }
}

Value from_temporal(const temporal::TemporalValue& value) {
  return std::visit(
      [](const auto& v) -> Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, temporal::Date>) {
          return Date{v.epoch_day};
        } else if constexpr (std::is_same_v<T, temporal::LocalTime>) {
          return LocalTime{v.nanos_of_day};
        } else if constexpr (std::is_same_v<T, temporal::Time>) {
          return Time{v.time.nanos_of_day, v.offset_seconds};
        } else if constexpr (std::is_same_v<T, temporal::LocalDateTime>) {
          return LocalDateTime{v.date.epoch_day, v.time.nanos_of_day};
        } else if constexpr (std::is_same_v<T, temporal::DateTime>) {
          return DateTime{v.epoch_second(), static_cast<int32_t>(v.nanosecond()), v.offset_seconds,
                          v.zone.is_named() ? v.zone.name() : std::string()};
        } else {
          return Duration{v.months, v.days, v.seconds, v.nanos};
        }
      },
      value);
}

storage::PropertyValue to_storage(const Value& value) {
  return std::visit(
      [](const auto& v) -> storage::PropertyValue {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return storage::PropertyValue();
        } else if constexpr (std::is_same_v<T, List>) {
          storage::PropertyList list;
          list.reserve(v.size());
          for (const Value& element : v) {
            list.push_back(to_storage(element));
          }
          return list;
        } else if constexpr (std::is_same_v<T, Map>) {
          storage::PropertyMap map;
          for (const auto& [name, element] : v) {
            map.emplace(name, to_storage(element));
          }
          return map;
        } else if constexpr (std::is_same_v<T, Node> || std::is_same_v<T, Relationship> ||
                             std::is_same_v<T, Path>) {
          throw make_error("TypeError", "InvalidPropertyType", "runtime",
                           "a node, relationship or path cannot be stored as a property value");
        } else if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, LocalTime> ||
                             std::is_same_v<T, Time> || std::is_same_v<T, LocalDateTime> ||
                             std::is_same_v<T, DateTime> || std::is_same_v<T, Duration>) {
          return storage::PropertyValue(to_temporal(Value(v)));
        } else {
          return storage::PropertyValue(v);
        }
      },
      value.variant());
}

Value from_storage(const storage::PropertyValue& value) {
  return std::visit(
      [](const auto& v) -> Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return Value();
        } else if constexpr (std::is_same_v<T, storage::PropertyList>) {
          List list;
          list.reserve(v.size());
          for (const auto& element : v) {
            list.push_back(from_storage(element));
          }
          return list;
        } else if constexpr (std::is_same_v<T, storage::PropertyMap>) {
          Map map;
          for (const auto& [name, element] : v) {
            map.emplace(name, from_storage(element));
          }
          return map;
        } else if constexpr (std::is_same_v<T, storage::TemporalValue>) {
          return from_temporal(v);
        } else {
          return Value(v);
        }
      },
      value.variant());
}

query::Value to_runtime(const Value& value) {
  return std::visit(
      [](const auto& v) -> query::Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return query::Value();
        } else if constexpr (std::is_same_v<T, List>) {
          query::ValueList list;
          list.reserve(v.size());
          for (const Value& element : v) {
            list.push_back(to_runtime(element));
          }
          return list;
        } else if constexpr (std::is_same_v<T, Map>) {
          query::ValueMap map;
          for (const auto& [name, element] : v) {
            map.emplace(name, to_runtime(element));
          }
          return map;
        } else if constexpr (std::is_same_v<T, Node>) {
          return query::NodeRef{static_cast<uint64_t>(v.id)};
        } else if constexpr (std::is_same_v<T, Relationship>) {
          return query::RelRef{static_cast<uint64_t>(v.id), 0, static_cast<uint64_t>(v.start),
                               static_cast<uint64_t>(v.end)};
        } else if constexpr (std::is_same_v<T, Path>) {
          throw invalid_argument("a path cannot be passed as a query parameter");
        } else if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, LocalTime> ||
                             std::is_same_v<T, Time> || std::is_same_v<T, LocalDateTime> ||
                             std::is_same_v<T, DateTime> || std::is_same_v<T, Duration>) {
          return query::Value(to_temporal(Value(v)));
        } else {
          return query::Value(v);
        }
      },
      value.variant());
}

namespace {

// A node as the statement sees it; a node the statement deleted keeps only its id.
Node node_snapshot(uint64_t id, query::ExecContext& ctx) {
  Node node;
  node.id = static_cast<int64_t>(id);
  if (ctx.deleted_nodes().count(id) != 0) {
    return node;
  }
  node.labels = ctx.node_labels(id);
  for (auto& [name, value] : ctx.node_properties(id)) {
    node.properties.emplace(name, from_runtime(value, ctx));
  }
  return node;
}

Relationship relationship_snapshot(const query::RelRef& ref, query::ExecContext& ctx) {
  Relationship rel;
  rel.id = static_cast<int64_t>(ref.id);
  rel.start = static_cast<int64_t>(ref.start);
  rel.end = static_cast<int64_t>(ref.end);
  rel.type = ctx.type_name(ref.type);
  if (ctx.deleted_rels().count(ref.id) != 0) {
    return rel;
  }
  for (auto& [name, value] : ctx.rel_properties(ref.id)) {
    rel.properties.emplace(name, from_runtime(value, ctx));
  }
  return rel;
}

}  // namespace

Value from_runtime(const query::Value& value, query::ExecContext& ctx) {
  return std::visit(
      [&ctx](const auto& v) -> Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return Value();
        } else if constexpr (std::is_same_v<T, query::ValueList>) {
          List list;
          list.reserve(v.size());
          for (const query::Value& element : v) {
            list.push_back(from_runtime(element, ctx));
          }
          return list;
        } else if constexpr (std::is_same_v<T, query::ValueMap>) {
          Map map;
          for (const auto& [name, element] : v) {
            map.emplace(name, from_runtime(element, ctx));
          }
          return map;
        } else if constexpr (std::is_same_v<T, query::NodeRef>) {
          return node_snapshot(v.id, ctx);
        } else if constexpr (std::is_same_v<T, query::RelRef>) {
          return relationship_snapshot(v, ctx);
        } else if constexpr (std::is_same_v<T, query::PathValue>) {
          Path path;
          for (uint64_t id : v.nodes) {
            path.nodes.push_back(node_snapshot(id, ctx));
          }
          for (const query::RelRef& rel : v.rels) {
            path.relationships.push_back(relationship_snapshot(rel, ctx));
          }
          return path;
        } else if constexpr (std::is_same_v<T, query::TemporalValue>) {
          return from_temporal(v);
        } else {
          return Value(v);
        }
      },
      value.variant());
}

}  // namespace quiver
