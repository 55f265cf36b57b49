// Writing values in the TCK syntax and comparing expected with actual values.

#include "tck/tck_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace quiver::tck {

namespace {

std::string render_double(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "Inf" : "-Inf";
  }
  // The shortest text that reads back as the same double, always with a '.' or an exponent so
  // that it cannot be taken for an integer.
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) {
      break;
    }
  }
  std::string out = buf;
  if (out.find_first_of(".en") == std::string::npos) {
    out += ".0";
  }
  return out;
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

using Render = std::function<std::string(const Value&)>;

std::string render_map(const Map& map, const Render& other) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, v] : map) {
    out += (first ? "" : ", ") + key + ": " + render_value(v, other);
    first = false;
  }
  return out + "}";
}

std::string render_node(const Node& n, const Render& other) {
  std::string out = "(";
  for (const auto& label : n.labels) {
    out += ":" + label;
  }
  if (!n.properties.empty()) {
    out += (n.labels.empty() ? "" : " ") + render_map(n.properties, other);
  }
  return out + ")";
}

std::string render_relationship(const Relationship& r, const Render& other) {
  std::string out = "[:" + r.type;
  if (!r.properties.empty()) {
    out += " " + render_map(r.properties, other);
  }
  return out + "]";
}

std::string render_path(const Path& p, const Render& other) {
  std::string out = "<";
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    if (i > 0) {
      const Relationship& r = p.relationships[i - 1];
      bool forward = r.start == p.nodes[i - 1].id;
      out += forward ? "-" + render_relationship(r, other) + "->"
                     : "<-" + render_relationship(r, other) + "-";
    }
    out += render_node(p.nodes[i], other);
  }
  return out + ">";
}

bool doubles_match(double expected, double actual) {
  if (std::isnan(expected) || std::isnan(actual)) {
    return std::isnan(expected) && std::isnan(actual);
  }
  if (expected == actual) {
    return true;
  }
  // The expected text is a decimal rounding of the true double and library functions (pow,
  // trigonometry) may differ in the last bit between platforms: allow a few units in the last
  // place, nothing more.
  double scale = std::max(std::fabs(expected), std::fabs(actual));
  return std::isfinite(scale) && std::fabs(expected - actual) <= 4 * 2.220446049250313e-16 * scale;
}

bool lists_match(const List& expected, const List& actual, const MatchOptions& options) {
  if (expected.size() != actual.size()) {
    return false;
  }
  if (!options.unordered_lists) {
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!values_match(expected[i], actual[i], options)) {
        return false;
      }
    }
    return true;
  }
  std::vector<bool> used(actual.size(), false);
  for (const Value& e : expected) {
    bool found = false;
    for (size_t i = 0; i < actual.size() && !found; ++i) {
      if (!used[i] && values_match(e, actual[i], options)) {
        used[i] = true;
        found = true;
      }
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

bool maps_match(const Map& expected, const Map& actual, const MatchOptions& options) {
  if (expected.size() != actual.size()) {
    return false;
  }
  for (const auto& [key, v] : expected) {
    auto it = actual.find(key);
    if (it == actual.end() || !values_match(v, it->second, options)) {
      return false;
    }
  }
  return true;
}

bool nodes_match(const Node& expected, const Node& actual, const MatchOptions& options) {
  std::set<std::string> want(expected.labels.begin(), expected.labels.end());
  std::set<std::string> have(actual.labels.begin(), actual.labels.end());
  return want == have && maps_match(expected.properties, actual.properties, options);
}

bool relationships_match(const Relationship& expected, const Relationship& actual,
                         const MatchOptions& options) {
  return expected.type == actual.type &&
         maps_match(expected.properties, actual.properties, options);
}

bool paths_match(const Path& expected, const Path& actual, const MatchOptions& options) {
  if (expected.nodes.size() != actual.nodes.size() ||
      expected.relationships.size() != actual.relationships.size() ||
      actual.nodes.size() != actual.relationships.size() + 1) {
    return false;
  }
  for (size_t i = 0; i < expected.nodes.size(); ++i) {
    if (!nodes_match(expected.nodes[i], actual.nodes[i], options)) {
      return false;
    }
  }
  for (size_t i = 0; i < expected.relationships.size(); ++i) {
    const Relationship& e = expected.relationships[i];
    const Relationship& a = actual.relationships[i];
    if (!relationships_match(e, a, options)) {
      return false;
    }

    // A self-loop reads the same in both directions.
    int64_t from = actual.nodes[i].id;
    int64_t to = actual.nodes[i + 1].id;
    bool joins = (a.start == from && a.end == to) || (a.start == to && a.end == from);
    if (!joins) {
      return false;
    }
    bool expected_forward = e.start == static_cast<int64_t>(i);
    bool actual_forward = a.start == from;
    if (from != to && expected_forward != actual_forward) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string render_value(const Value& value, const Render& render_other) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return value.as_bool() ? "true" : "false";
    case ValueKind::kInt:
      return std::to_string(value.as_int());
    case ValueKind::kDouble:
      return render_double(value.as_double());
    case ValueKind::kString:
      return render_string(value.as_string());
    case ValueKind::kList: {
      std::string out = "[";
      bool first = true;
      for (const Value& v : value.as_list()) {
        out += (first ? "" : ", ") + render_value(v, render_other);
        first = false;
      }
      return out + "]";
    }
    case ValueKind::kMap:
      return render_map(value.as_map(), render_other);
    case ValueKind::kNode:
      return render_node(value.as_node(), render_other);
    case ValueKind::kRelationship:
      return render_relationship(value.as_relationship(), render_other);
    case ValueKind::kPath:
      return render_path(value.as_path(), render_other);
    default:
      break;
  }
  return render_other ? render_other(value) : "<" + std::to_string(value.variant().index()) + ">";
}

bool values_match(const Value& expected, const Value& actual, const MatchOptions& options) {
  bool known_kind = actual.kind() <= ValueKind::kPath;
  if (!known_kind) {
    // Temporal values and vectors: the TCK writes them as strings of their text form.
    if (!options.render_other || !expected.is_string()) {
      return false;
    }
    std::string text = options.render_other(actual);
    return text == expected.as_string() || text == render_string(expected.as_string());
  }
  if (expected.kind() != actual.kind()) {
    return false;
  }

  switch (expected.kind()) {
    case ValueKind::kNull:
      return true;
    case ValueKind::kBool:
      return expected.as_bool() == actual.as_bool();
    case ValueKind::kInt:
      return expected.as_int() == actual.as_int();
    case ValueKind::kDouble:
      return doubles_match(expected.as_double(), actual.as_double());
    case ValueKind::kString:
      return expected.as_string() == actual.as_string();
    case ValueKind::kList:
      return lists_match(expected.as_list(), actual.as_list(), options);
    case ValueKind::kMap:
      return maps_match(expected.as_map(), actual.as_map(), options);
    case ValueKind::kNode:
      return nodes_match(expected.as_node(), actual.as_node(), options);
    case ValueKind::kRelationship:
      return relationships_match(expected.as_relationship(), actual.as_relationship(), options);
    case ValueKind::kPath:
      return paths_match(expected.as_path(), actual.as_path(), options);
    default:
      return false;
  }
}

}  // namespace quiver::tck
