// List functions: size, head, last, tail, range, coalesce.

#include "query/functions/function_table.h"

namespace quiver::query {

namespace {

Value size(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_list())
    return Value(static_cast<int64_t>(v.as_list().size()));
  if (v.is_string())
    return Value(code_point_count(v.as_string()));
  if (v.is_float_vector())
    return Value(static_cast<int64_t>(v.as_float_vector().size()));
  if (v.is_map())
    return Value(static_cast<int64_t>(v.as_map().size()));
  argument_type_error("size", v);
}

const ValueList* list_arg(const char* fn, const Value& v) {
  if (v.is_null())
    return nullptr;
  if (!v.is_list())
    argument_type_error(fn, v);
  return &v.as_list();
}

Value head(ExecContext&, std::vector<Value>& a) {
  const ValueList* l = list_arg("head", a[0]);
  return (!l || l->empty()) ? Value() : l->front();
}

Value last(ExecContext&, std::vector<Value>& a) {
  const ValueList* l = list_arg("last", a[0]);
  return (!l || l->empty()) ? Value() : l->back();
}

Value tail(ExecContext&, std::vector<Value>& a) {
  const ValueList* l = list_arg("tail", a[0]);
  if (!l)
    return Value();
  if (l->empty())
    return Value(ValueList{});
  return Value(ValueList(l->begin() + 1, l->end()));
}

Value range(ExecContext& ctx, std::vector<Value>& a) {
  for (const Value& v : a) {
    if (!v.is_int())
      throw_runtime(ErrorCategory::kArgumentError, "InvalidArgumentType",
                    "range() cannot take a " + std::string(kind_name(v.kind())));
  }
  int64_t from = a[0].as_int();
  int64_t to = a[1].as_int();
  int64_t step = a.size() > 2 ? a[2].as_int() : 1;
  if (step == 0) {
    throw_runtime(ErrorCategory::kArgumentError, "NumberOutOfRange", "range() step must not be 0");
  }
  ValueList out;
  for (int64_t i = from; step > 0 ? i <= to : i >= to;) {
    out.push_back(Value(i));
    if (out.size() % 4096 == 0) {
      ctx.charge(4096 * sizeof(Value));
      ctx.checkpoint();
    }
    if (__builtin_add_overflow(i, step, &i))
      break;
  }
  return Value(std::move(out));
}

Value coalesce(ExecContext&, std::vector<Value>& a) {
  for (Value& v : a) {
    if (!v.is_null())
      return std::move(v);
  }
  return Value();
}

}  // namespace

void add_list_functions(FunctionTable& t) {
  t.add("size", size, 1, 1);
  t.add("head", head, 1, 1);
  t.add("last", last, 1, 1);
  t.add("tail", tail, 1, 1);
  t.add("range", range, 2, 3);
  t.add("coalesce", coalesce, 1, 64);
}

}  // namespace quiver::query
