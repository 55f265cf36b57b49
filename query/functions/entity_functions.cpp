// Functions on nodes, relationships, paths and maps: id, labels, type, properties, keys,
// startNode, endNode, nodes, relationships, length, exists.

#include "query/functions/function_table.h"

namespace quiver::query {

namespace {

Value id(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_node())
    return Value(static_cast<int64_t>(v.as_node().id));
  if (v.is_rel())
    return Value(static_cast<int64_t>(v.as_rel().id));
  argument_type_error("id", v);
}

Value labels(ExecContext& ctx, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (!v.is_node())
    argument_value_error("labels", v);
  ValueList out;
  for (std::string& l : ctx.node_labels(v.as_node().id))
    out.push_back(Value(std::move(l)));
  return Value(std::move(out));
}

Value type(ExecContext& ctx, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (!v.is_rel())
    argument_value_error("type", v);
  return Value(ctx.type_name(v.as_rel().type));
}

Value properties(ExecContext& ctx, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_node())
    return Value(ctx.node_properties(v.as_node().id));
  if (v.is_rel())
    return Value(ctx.rel_properties(v.as_rel().id));
  if (v.is_map())
    return v;
  argument_type_error("properties", v);
}

Value keys(ExecContext& ctx, std::vector<Value>& a) {
  Value props = properties(ctx, a);
  if (props.is_null())
    return Value();
  ValueList out;
  for (const auto& [k, value] : props.as_map())
    out.push_back(Value(k));
  return Value(std::move(out));
}

Value start_node(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (!a[0].is_rel())
    argument_type_error("startNode", a[0]);
  return Value(NodeRef{a[0].as_rel().start});
}

Value end_node(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (!a[0].is_rel())
    argument_type_error("endNode", a[0]);
  return Value(NodeRef{a[0].as_rel().end});
}

Value nodes(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (!a[0].is_path())
    argument_type_error("nodes", a[0]);
  ValueList out;
  for (uint64_t n : a[0].as_path().nodes)
    out.push_back(Value(NodeRef{n}));
  return Value(std::move(out));
}

Value relationships(ExecContext&, std::vector<Value>& a) {
  if (a[0].is_null())
    return Value();
  if (!a[0].is_path())
    argument_type_error("relationships", a[0]);
  ValueList out;
  for (const RelRef& r : a[0].as_path().rels)
    out.push_back(Value(r));
  return Value(std::move(out));
}

Value length(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_path())
    return Value(static_cast<int64_t>(v.as_path().rels.size()));
  if (v.is_string())
    return Value(code_point_count(v.as_string()));
  argument_type_error("length", v);
}

Value exists(ExecContext&, std::vector<Value>& a) {
  return Value(!a[0].is_null());
}

}  // namespace

void add_entity_functions(FunctionTable& t) {
  t.add("id", id, 1, 1);
  t.add("labels", labels, 1, 1);
  t.add("type", type, 1, 1);
  t.add("properties", properties, 1, 1);
  t.add("keys", keys, 1, 1);
  t.add("startnode", start_node, 1, 1);
  t.add("endnode", end_node, 1, 1);
  t.add("nodes", nodes, 1, 1);
  t.add("relationships", relationships, 1, 1);
  t.add("length", length, 1, 1);
  t.add("exists", exists, 1, 1);
}

}  // namespace quiver::query
