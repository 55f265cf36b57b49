// Value rendering, Record lookup and Counters: the small parts of the API's value types.
#include <charconv>
#include <cmath>

#include "database_impl.h"
#include "quiver/result.h"
#include "storage/temporal/format.h"

namespace quiver {

const char* kind_name(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::kNull:
      return "NULL";
    case ValueKind::kBool:
      return "BOOLEAN";
    case ValueKind::kInt:
      return "INTEGER";
    case ValueKind::kDouble:
      return "FLOAT";
    case ValueKind::kString:
      return "STRING";
    case ValueKind::kList:
      return "LIST";
    case ValueKind::kMap:
      return "MAP";
    case ValueKind::kNode:
      return "NODE";
    case ValueKind::kRelationship:
      return "RELATIONSHIP";
    case ValueKind::kPath:
      return "PATH";
    case ValueKind::kFloatVector:
      return "VECTOR";
    case ValueKind::kDate:
      return "DATE";
    case ValueKind::kLocalTime:
      return "LOCAL TIME";
    case ValueKind::kTime:
      return "ZONED TIME";
    case ValueKind::kLocalDateTime:
      return "LOCAL DATETIME";
    case ValueKind::kDateTime:
      return "ZONED DATETIME";
    case ValueKind::kDuration:
      return "DURATION";
  }
  return "UNKNOWN";
}

namespace {

std::string render_double(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "Infinity" : "-Infinity";
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (text.find_first_of(".e") == std::string::npos) {
    text += ".0";
  }
  return text;
}

std::string render_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

// A temporal value as Cypher's toString() writes it; a value whose fields are out of range (built
// by a program, never by a query) prints as the error that passing it to a query would give.
std::string temporal_text(const Value& value) {
  try {
    return temporal::to_string(to_temporal(value));
  } catch (const Error& e) {
    return std::string("<invalid ") + kind_name(value.kind()) + ": " + e.what() + ">";
  }
}

std::string render_properties(const Map& properties) {
  if (properties.empty()) {
    return "";
  }
  std::string out = " {";
  bool first = true;
  for (const auto& [key, value] : properties) {
    out += first ? "" : ", ";
    out += key + ": " + value.to_string();
    first = false;
  }
  return out + "}";
}

std::string render_node(const Node& node) {
  std::string out = "(";
  for (const std::string& label : node.labels) {
    out += ":" + label;
  }
  std::string props = render_properties(node.properties);
  out += node.labels.empty() && !props.empty() ? props.substr(1) : props;
  return out + ")";
}

std::string render_relationship(const Relationship& rel) {
  return "[:" + rel.type + render_properties(rel.properties) + "]";
}

}  // namespace

std::string Value::to_string() const {
  switch (kind()) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return as_bool() ? "true" : "false";
    case ValueKind::kInt:
      return std::to_string(as_int());
    case ValueKind::kDouble:
      return render_double(as_double());
    case ValueKind::kString:
      return render_string(as_string());
    case ValueKind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < as_list().size(); ++i) {
        out += (i ? ", " : "") + as_list()[i].to_string();
      }
      return out + "]";
    }
    case ValueKind::kMap: {
      std::string props = render_properties(as_map());
      return props.empty() ? "{}" : props.substr(1);
    }
    case ValueKind::kNode:
      return render_node(as_node());
    case ValueKind::kRelationship:
      return render_relationship(as_relationship());
    case ValueKind::kPath: {
      const Path& path = as_path();
      std::string out = "<";
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        out += render_node(path.nodes[i]);
        if (i < path.relationships.size()) {
          const Relationship& rel = path.relationships[i];
          bool forward = rel.start == path.nodes[i].id;
          out += (forward ? "-" : "<-") + render_relationship(rel) + (forward ? "->" : "-");
        }
      }
      return out + ">";
    }
    case ValueKind::kFloatVector: {
      std::string out = "vector([";
      const FloatVector& v = as_float_vector();
      for (size_t i = 0; i < v.size(); ++i) {
        out += (i ? ", " : "") + render_double(v[i]);
      }
      return out + "])";
    }
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime:
    case ValueKind::kDuration:
      return temporal_text(*this);
  }
  return "null";
}

void check_temporal(const Value& value) {
  if (value.is_temporal()) {
    to_temporal(value);
  }
}

const Value& Record::get(std::string_view name) const {
  for (size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == name) {
      return values_[i];
    }
  }
  throw make_error("ArgumentError", "NoSuchColumn", "runtime",
                   "the result has no column named '" + std::string(name) + "'");
}

bool Counters::contains_updates() const noexcept {
  return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
         properties_set || labels_added || labels_removed || indexes_added || indexes_removed ||
         constraints_added || constraints_removed;
}

}  // namespace quiver
