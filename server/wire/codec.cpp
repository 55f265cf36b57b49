// Value, summary and error conversions for the wire protocol.
#include "server/wire/codec.h"

#include <string>

namespace quiver::wire {

namespace {

quiver::Error invalid_value(const std::string& message) {
  return quiver::Error("ProtocolError", "InvalidValue", "compile time", message);
}

void node_to_wire(const quiver::Node& node, wire::Node* out) {
  out->set_id(node.id);
  for (const std::string& label : node.labels) {
    out->add_labels(label);
  }
  to_wire(node.properties, out->mutable_properties());
}

void relationship_to_wire(const quiver::Relationship& rel, wire::Relationship* out) {
  out->set_id(rel.id);
  out->set_type(rel.type);
  out->set_start(rel.start);
  out->set_end(rel.end);
  to_wire(rel.properties, out->mutable_properties());
}

Map map_from_wire(const ValueMap& in, int depth);

quiver::Value value_from_wire(const wire::Value& in, int depth);

quiver::Node node_from_wire(const wire::Node& in, int depth) {
  quiver::Node node;
  node.id = in.id();
  node.labels.assign(in.labels().begin(), in.labels().end());
  node.properties = map_from_wire(in.properties(), depth + 1);
  return node;
}

quiver::Relationship relationship_from_wire(const wire::Relationship& in, int depth) {
  quiver::Relationship rel;
  rel.id = in.id();
  rel.type = in.type();
  rel.start = in.start();
  rel.end = in.end();
  rel.properties = map_from_wire(in.properties(), depth + 1);
  return rel;
}

Map map_from_wire(const ValueMap& in, int depth) {
  if (depth > kMaxValueDepth) {
    throw invalid_value("a value nests deeper than " + std::to_string(kMaxValueDepth));
  }
  Map map;
  for (const MapEntry& entry : in.entries()) {
    map.insert_or_assign(entry.key(), value_from_wire(entry.value(), depth + 1));
  }
  return map;
}

quiver::Value path_from_wire(const wire::Path& in, int depth) {
  if (in.nodes_size() != in.relationships_size() + 1) {
    throw invalid_value("a path needs one node more than it has relationships");
  }
  quiver::Path path;
  for (const wire::Node& node : in.nodes()) {
    path.nodes.push_back(node_from_wire(node, depth + 1));
  }
  for (const wire::Relationship& rel : in.relationships()) {
    path.relationships.push_back(relationship_from_wire(rel, depth + 1));
  }
  return path;
}

// Precondition: value.is_temporal(); a value of another kind writes nothing.
void temporal_to_wire(const quiver::Value& value, wire::Value* out) {
  switch (value.kind()) {
    case ValueKind::kDate:
      out->mutable_date_value()->set_epoch_day(value.as_date().epoch_day);
      break;
    case ValueKind::kLocalTime:
      out->mutable_local_time_value()->set_nanos_of_day(value.as_local_time().nanos_of_day);
      break;
    case ValueKind::kTime: {
      wire::Time* time = out->mutable_time_value();
      time->set_nanos_of_day(value.as_time().nanos_of_day);
      time->set_offset_seconds(value.as_time().offset_seconds);
      break;
    }
    case ValueKind::kLocalDateTime: {
      wire::LocalDateTime* local = out->mutable_local_date_time_value();
      local->set_epoch_day(value.as_local_date_time().epoch_day);
      local->set_nanos_of_day(value.as_local_date_time().nanos_of_day);
      break;
    }
    case ValueKind::kDateTime: {
      const quiver::DateTime& in = value.as_date_time();
      wire::DateTime* zoned = out->mutable_date_time_value();
      zoned->set_epoch_second(in.epoch_second);
      zoned->set_nanosecond(in.nanosecond);
      zoned->set_offset_seconds(in.offset_seconds);
      zoned->set_zone(in.zone);
      break;
    }
    case ValueKind::kDuration: {
      const quiver::Duration& in = value.as_duration();
      wire::Duration* duration = out->mutable_duration_value();
      duration->set_months(in.months);
      duration->set_days(in.days);
      duration->set_seconds(in.seconds);
      duration->set_nanos(in.nanos);
      break;
    }
    default:
      break;
  }
}

// VALUE, a temporal value just decoded, after the range checks the engine applies to parameters,
// so that neither side of a connection holds a temporal value no query would accept.
quiver::Value checked_temporal(quiver::Value value) {
  try {
    check_temporal(value);
  } catch (const quiver::Error& error) {
    throw invalid_value(std::string("a ") + kind_name(value.kind()) +
                        " value is refused: " + error.message());
  }
  return value;
}

quiver::Value temporal_from_wire(const wire::Value& in) {
  switch (in.kind_case()) {
    case wire::Value::kDateValue:
      return checked_temporal(quiver::Date{in.date_value().epoch_day()});
    case wire::Value::kLocalTimeValue:
      return checked_temporal(quiver::LocalTime{in.local_time_value().nanos_of_day()});
    case wire::Value::kTimeValue:
      return checked_temporal(
          quiver::Time{in.time_value().nanos_of_day(), in.time_value().offset_seconds()});
    case wire::Value::kLocalDateTimeValue:
      return checked_temporal(quiver::LocalDateTime{in.local_date_time_value().epoch_day(),
                                                    in.local_date_time_value().nanos_of_day()});
    case wire::Value::kDateTimeValue: {
      const wire::DateTime& zoned = in.date_time_value();
      return checked_temporal(quiver::DateTime{zoned.epoch_second(), zoned.nanosecond(),
                                               zoned.offset_seconds(), zoned.zone()});
    }
    case wire::Value::kDurationValue: {
      const wire::Duration& d = in.duration_value();
      return checked_temporal(quiver::Duration{d.months(), d.days(), d.seconds(), d.nanos()});
    }
    default:
      throw invalid_value("a value carries no kind this protocol version knows");
  }
}

quiver::Value value_from_wire(const wire::Value& in, int depth) {
  if (depth > kMaxValueDepth) {
    throw invalid_value("a value nests deeper than " + std::to_string(kMaxValueDepth));
  }
  switch (in.kind_case()) {
    case wire::Value::kNullValue:
      return quiver::Value();
    case wire::Value::kBoolValue:
      return in.bool_value();
    case wire::Value::kIntValue:
      return static_cast<int64_t>(in.int_value());
    case wire::Value::kFloatValue:
      return in.float_value();
    case wire::Value::kStringValue:
      return in.string_value();
    case wire::Value::kListValue: {
      List list;
      list.reserve(in.list_value().values_size());
      for (const wire::Value& item : in.list_value().values()) {
        list.push_back(value_from_wire(item, depth + 1));
      }
      return list;
    }
    case wire::Value::kMapValue:
      return map_from_wire(in.map_value(), depth + 1);
    case wire::Value::kNodeValue:
      return node_from_wire(in.node_value(), depth);
    case wire::Value::kRelationshipValue:
      return relationship_from_wire(in.relationship_value(), depth);
    case wire::Value::kPathValue:
      return path_from_wire(in.path_value(), depth);
    case wire::Value::kVectorValue:
      return quiver::FloatVector(in.vector_value().values().begin(),
                                 in.vector_value().values().end());
    default:
      return temporal_from_wire(in);
  }
}

}  // namespace

void to_wire(const quiver::Value& value, wire::Value* out) {
  out->Clear();
  // No default branch: a kind added to ValueKind then fails to compile here (-Wswitch) until the
  // protocol carries it typed.
  switch (value.kind()) {
    case ValueKind::kNull:
      out->mutable_null_value();
      break;
    case ValueKind::kBool:
      out->set_bool_value(value.as_bool());
      break;
    case ValueKind::kInt:
      out->set_int_value(value.as_int());
      break;
    case ValueKind::kDouble:
      out->set_float_value(value.as_double());
      break;
    case ValueKind::kString:
      out->set_string_value(value.as_string());
      break;
    case ValueKind::kList: {
      ValueList* list = out->mutable_list_value();
      for (const quiver::Value& item : value.as_list()) {
        to_wire(item, list->add_values());
      }
      break;
    }
    case ValueKind::kMap:
      to_wire(value.as_map(), out->mutable_map_value());
      break;
    case ValueKind::kNode:
      node_to_wire(value.as_node(), out->mutable_node_value());
      break;
    case ValueKind::kRelationship:
      relationship_to_wire(value.as_relationship(), out->mutable_relationship_value());
      break;
    case ValueKind::kPath: {
      wire::Path* path = out->mutable_path_value();
      for (const quiver::Node& node : value.as_path().nodes) {
        node_to_wire(node, path->add_nodes());
      }
      for (const quiver::Relationship& rel : value.as_path().relationships) {
        relationship_to_wire(rel, path->add_relationships());
      }
      break;
    }
    case ValueKind::kFloatVector: {
      const quiver::FloatVector& vector = value.as_float_vector();
      out->mutable_vector_value()->mutable_values()->Add(vector.begin(), vector.end());
      break;
    }
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime:
    case ValueKind::kDuration:
      temporal_to_wire(value, out);
      break;
  }
}

quiver::Value from_wire(const wire::Value& in) {
  return value_from_wire(in, 0);
}

void to_wire(const Map& map, ValueMap* out) {
  out->Clear();
  for (const auto& [key, value] : map) {
    MapEntry* entry = out->add_entries();
    entry->set_key(key);
    to_wire(value, entry->mutable_value());
  }
}

Map from_wire(const ValueMap& in) {
  return map_from_wire(in, 0);
}

void to_wire(const quiver::Summary& summary, wire::Summary* out) {
  const quiver::Counters& c = summary.counters;
  wire::Counters* counters = out->mutable_counters();
  counters->set_nodes_created(c.nodes_created);
  counters->set_nodes_deleted(c.nodes_deleted);
  counters->set_relationships_created(c.relationships_created);
  counters->set_relationships_deleted(c.relationships_deleted);
  counters->set_properties_set(c.properties_set);
  counters->set_labels_added(c.labels_added);
  counters->set_labels_removed(c.labels_removed);
  counters->set_indexes_added(c.indexes_added);
  counters->set_indexes_removed(c.indexes_removed);
  counters->set_constraints_added(c.constraints_added);
  counters->set_constraints_removed(c.constraints_removed);

  out->set_parse_us(summary.parse_time.count());
  out->set_plan_us(summary.plan_time.count());
  out->set_execute_us(summary.execute_time.count());
  out->set_plan_cached(summary.plan_cached);
  out->set_plan(summary.plan);
  for (const quiver::OperatorProfile& op : summary.profile) {
    wire::OperatorProfile* entry = out->add_profile();
    entry->set_name(op.name);
    entry->set_depth(op.depth);
    entry->set_rows(op.rows);
    entry->set_time_us(op.time.count());
  }
}

quiver::Summary from_wire(const wire::Summary& in) {
  quiver::Summary summary;
  const wire::Counters& c = in.counters();
  summary.counters = {c.nodes_created(),         c.nodes_deleted(),      c.relationships_created(),
                      c.relationships_deleted(), c.properties_set(),     c.labels_added(),
                      c.labels_removed(),        c.indexes_added(),      c.indexes_removed(),
                      c.constraints_added(),     c.constraints_removed()};
  summary.parse_time = std::chrono::microseconds(in.parse_us());
  summary.plan_time = std::chrono::microseconds(in.plan_us());
  summary.execute_time = std::chrono::microseconds(in.execute_us());
  summary.plan_cached = in.plan_cached();
  summary.plan = in.plan();
  for (const wire::OperatorProfile& op : in.profile()) {
    summary.profile.push_back(
        {op.name(), op.depth(), op.rows(), std::chrono::microseconds(op.time_us())});
  }
  return summary;
}

void to_wire(const quiver::Error& error, wire::Error* out) {
  out->set_category(error.category());
  out->set_detail(error.detail());
  out->set_phase(error.phase());
  out->set_message(error.message());
  out->set_line(error.line());
  out->set_column(error.column());
  out->set_text(error.what());
}

quiver::Error from_wire(const wire::Error& in) {
  return quiver::Error(in.category(), in.detail(), in.phase(), in.message(), in.line(), in.column(),
                       in.text());
}

}  // namespace quiver::wire
