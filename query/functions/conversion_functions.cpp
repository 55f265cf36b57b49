// Type conversions and predicates on values: toInteger, toFloat, toString, toBoolean (and their
// OrNull forms), isEmpty, valueType.

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "query/functions/function_table.h"
#include "storage/temporal/format.h"

namespace quiver::query {

namespace {

bool parse_double(const std::string& s, double* out) {
  if (s.empty())
    return false;
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && errno == 0;
}

Value to_integer_impl(const Value& v, bool or_null) {
  switch (v.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kInt:
      return v;
    case Kind::kBool:
      return Value(int64_t{v.as_bool() ? 1 : 0});
    case Kind::kDouble: {
      double d = v.as_double();
      if (std::isnan(d) || d >= 9.223372036854775807e18 || d < -9.223372036854775808e18) {
        if (or_null)
          return Value();
        throw_runtime(ErrorCategory::kArgumentError, "NumberOutOfRange",
                      "the number does not fit an INTEGER");
      }
      return Value(static_cast<int64_t>(std::trunc(d)));
    }
    case Kind::kString: {
      const std::string& s = v.as_string();
      char* end = nullptr;
      errno = 0;
      long long i = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && end == s.c_str() + s.size() && errno == 0)
        return Value(int64_t{i});
      double d = 0;
      if (parse_double(s, &d))
        return to_integer_impl(Value(d), true);
      return Value();
    }
    default:
      if (or_null)
        return Value();
      argument_value_error("toInteger", v);
  }
}

Value to_float_impl(const Value& v, bool or_null) {
  switch (v.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kDouble:
      return v;
    case Kind::kInt:
      return Value(static_cast<double>(v.as_int()));
    case Kind::kString: {
      double d = 0;
      return parse_double(v.as_string(), &d) ? Value(d) : Value();
    }
    default:
      if (or_null)
        return Value();
      argument_value_error("toFloat", v);
  }
}

Value to_boolean_impl(const Value& v, bool or_null) {
  switch (v.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kBool:
      return v;
    case Kind::kString: {
      std::string s = to_lower(v.as_string());
      if (s == "true")
        return Value(true);
      if (s == "false")
        return Value(false);
      return Value();
    }
    case Kind::kInt:
      return Value(v.as_int() != 0);
    default:
      if (or_null)
        return Value();
      argument_value_error("toBoolean", v);
  }
}

}  // namespace

// Renders a float the way Cypher's toString does: shortest round-trip digits, ".0" kept.
std::string format_double(double d) {
  if (std::isnan(d))
    return "NaN";
  if (std::isinf(d))
    return d > 0 ? "Infinity" : "-Infinity";
  std::ostringstream os;
  os.precision(15);
  os << d;
  std::string s = os.str();
  double back = std::strtod(s.c_str(), nullptr);
  if (back != d) {
    std::ostringstream precise;
    precise.precision(17);
    precise << d;
    s = precise.str();
  }
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

namespace {

Value to_string_impl(const Value& v, bool or_null) {
  switch (v.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kString:
      return v;
    case Kind::kInt:
      return Value(std::to_string(v.as_int()));
    case Kind::kDouble:
      return Value(format_double(v.as_double()));
    case Kind::kBool:
      return Value(v.as_bool() ? "true" : "false");
    case Kind::kTemporal:
      return Value(temporal::to_string(v.as_temporal()));
    default:
      if (or_null)
        return Value();
      argument_value_error("toString", v);
  }
}

Value to_integer(ExecContext&, std::vector<Value>& a) {
  return to_integer_impl(a[0], false);
}
Value to_integer_or_null(ExecContext&, std::vector<Value>& a) {
  return to_integer_impl(a[0], true);
}
Value to_float(ExecContext&, std::vector<Value>& a) {
  return to_float_impl(a[0], false);
}
Value to_float_or_null(ExecContext&, std::vector<Value>& a) {
  return to_float_impl(a[0], true);
}
Value to_boolean(ExecContext&, std::vector<Value>& a) {
  return to_boolean_impl(a[0], false);
}
Value to_boolean_or_null(ExecContext&, std::vector<Value>& a) {
  return to_boolean_impl(a[0], true);
}
Value to_string(ExecContext&, std::vector<Value>& a) {
  return to_string_impl(a[0], false);
}
Value to_string_or_null(ExecContext&, std::vector<Value>& a) {
  return to_string_impl(a[0], true);
}

Value is_empty(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_list())
    return Value(v.as_list().empty());
  if (v.is_map())
    return Value(v.as_map().empty());
  if (v.is_string())
    return Value(v.as_string().empty());
  argument_type_error("isEmpty", v);
}

Value value_type(ExecContext&, std::vector<Value>& a) {
  std::string name = type_name(a[0]);
  return Value(a[0].is_null() ? name : name + " NOT NULL");
}

}  // namespace

void add_conversion_functions(FunctionTable& t) {
  t.add("tointeger", to_integer, 1, 1);
  t.add("tointegerornull", to_integer_or_null, 1, 1);
  t.add("tofloat", to_float, 1, 1);
  t.add("tofloatornull", to_float_or_null, 1, 1);
  t.add("toboolean", to_boolean, 1, 1);
  t.add("tobooleanornull", to_boolean_or_null, 1, 1);
  t.add("tostring", to_string, 1, 1);
  t.add("tostringornull", to_string_or_null, 1, 1);
  t.add("isempty", is_empty, 1, 1);
  t.add("valuetype", value_type, 1, 1);
}

}  // namespace quiver::query
