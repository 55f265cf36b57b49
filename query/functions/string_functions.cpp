// String functions. Positions and lengths count Unicode code points, not bytes.

#include <algorithm>
#include <cctype>

#include "query/functions/function_table.h"

namespace quiver::query {

namespace {

// Byte offsets of every code point start, plus the end.
std::vector<size_t> code_points(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
      starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

const std::string* string_arg(const char* fn, const Value& v) {
  if (v.is_null())
    return nullptr;
  if (!v.is_string())
    argument_type_error(fn, v);
  return &v.as_string();
}

int64_t int_arg(const char* fn, const Value& v) {
  if (!v.is_int())
    argument_type_error(fn, v);
  return v.as_int();
}

Value to_upper(ExecContext&, std::vector<Value>& a) {
  const std::string* s = string_arg("toUpper", a[0]);
  if (!s)
    return Value();
  std::string out = *s;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return Value(std::move(out));
}

Value to_lower_fn(ExecContext&, std::vector<Value>& a) {
  const std::string* s = string_arg("toLower", a[0]);
  if (!s)
    return Value();
  return Value(to_lower(*s));
}

Value trim_impl(const Value& v, const char* fn, bool left, bool right) {
  const std::string* s = string_arg(fn, v);
  if (!s)
    return Value();
  size_t b = 0;
  size_t e = s->size();
  while (left && b < e && std::isspace(static_cast<unsigned char>((*s)[b])))
    ++b;
  while (right && e > b && std::isspace(static_cast<unsigned char>((*s)[e - 1])))
    --e;
  return Value(s->substr(b, e - b));
}

Value trim(ExecContext&, std::vector<Value>& a) {
  return trim_impl(a[0], "trim", true, true);
}
Value ltrim(ExecContext&, std::vector<Value>& a) {
  return trim_impl(a[0], "lTrim", true, false);
}
Value rtrim(ExecContext&, std::vector<Value>& a) {
  return trim_impl(a[0], "rTrim", false, true);
}

Value substring(ExecContext&, std::vector<Value>& a) {
  const std::string* s = string_arg("substring", a[0]);
  if (!s)
    return Value();
  int64_t start = int_arg("substring", a[1]);
  std::vector<size_t> cp = code_points(*s);
  int64_t n = static_cast<int64_t>(cp.size()) - 1;
  int64_t len = n;
  if (a.size() > 2)
    len = int_arg("substring", a[2]);
  if (start < 0 || len < 0) {
    throw_runtime(ErrorCategory::kArgumentError, "NegativeIntegerArgument",
                  "substring() takes non-negative positions");
  }
  int64_t b = std::min(start, n);
  int64_t e = std::min(n, b + std::min(len, n));
  return Value(s->substr(cp[static_cast<size_t>(b)],
                         cp[static_cast<size_t>(e)] - cp[static_cast<size_t>(b)]));
}

Value left_right(std::vector<Value>& a, bool left) {
  const char* fn = left ? "left" : "right";
  if (a[0].is_null())
    return Value();
  const std::string* s = string_arg(fn, a[0]);
  if (a[1].is_null()) {
    throw_runtime(ErrorCategory::kArgumentError, "InvalidArgumentValue",
                  std::string(fn) + "() needs a length");
  }
  int64_t len = int_arg(fn, a[1]);
  if (len < 0) {
    throw_runtime(ErrorCategory::kArgumentError, "NegativeIntegerArgument",
                  std::string(fn) + "() takes a non-negative length");
  }
  std::vector<size_t> cp = code_points(*s);
  int64_t n = static_cast<int64_t>(cp.size()) - 1;
  int64_t k = std::min(len, n);
  if (left)
    return Value(s->substr(0, cp[static_cast<size_t>(k)]));
  return Value(s->substr(cp[static_cast<size_t>(n - k)]));
}

Value left(ExecContext&, std::vector<Value>& a) {
  return left_right(a, true);
}
Value right(ExecContext&, std::vector<Value>& a) {
  return left_right(a, false);
}

Value replace(ExecContext&, std::vector<Value>& a) {
  const std::string* s = string_arg("replace", a[0]);
  const std::string* from = string_arg("replace", a[1]);
  const std::string* to = string_arg("replace", a[2]);
  if (!s || !from || !to)
    return Value();
  if (from->empty())
    return Value(*s);
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s->find(*from, pos)) != std::string::npos; pos = hit + from->size()) {
    out.append(*s, pos, hit - pos).append(*to);
  }
  out.append(*s, pos);
  return Value(std::move(out));
}

Value split(ExecContext&, std::vector<Value>& a) {
  const std::string* s = string_arg("split", a[0]);
  const std::string* sep = string_arg("split", a[1]);
  if (!s || !sep)
    return Value();
  ValueList out;
  if (sep->empty()) {
    std::vector<size_t> cp = code_points(*s);
    for (size_t i = 0; i + 1 < cp.size(); ++i)
      out.push_back(Value(s->substr(cp[i], cp[i + 1] - cp[i])));
    return Value(std::move(out));
  }
  size_t pos = 0;
  for (size_t hit; (hit = s->find(*sep, pos)) != std::string::npos; pos = hit + sep->size()) {
    out.push_back(Value(s->substr(pos, hit - pos)));
  }
  out.push_back(Value(s->substr(pos)));
  return Value(std::move(out));
}

Value reverse(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (a[0].is_list()) {
    ValueList out = a[0].as_list();
    std::reverse(out.begin(), out.end());
    return Value(std::move(out));
  }
  const std::string* s = string_arg("reverse", a[0]);
  std::vector<size_t> cp = code_points(*s);
  std::string out;
  for (size_t i = cp.size() - 1; i-- > 0;)
    out.append(*s, cp[i], cp[i + 1] - cp[i]);
  return Value(std::move(out));
}

}  // namespace

// Code points of a string, for size() and length().
int64_t code_point_count(const std::string& s) {
  return static_cast<int64_t>(code_points(s).size()) - 1;
}

void add_string_functions(FunctionTable& t) {
  t.add("toupper", to_upper, 1, 1);
  t.add("upper", to_upper, 1, 1);
  t.add("tolower", to_lower_fn, 1, 1);
  t.add("lower", to_lower_fn, 1, 1);
  t.add("trim", trim, 1, 1);
  t.add("ltrim", ltrim, 1, 1);
  t.add("rtrim", rtrim, 1, 1);
  t.add("substring", substring, 2, 3);
  t.add("left", left, 2, 2);
  t.add("right", right, 2, 2);
  t.add("replace", replace, 3, 3);
  t.add("split", split, 2, 2);
  t.add("reverse", reverse, 1, 1);
}

}  // namespace quiver::query
