// Conversions between the API's values, stored property values and the query layer's runtime
// values.
#include <type_traits>

#include "database_impl.h"
#include "query/execute/context.h"

namespace quiver {

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
        } else {
          return Value(v);
        }
      },
      value.variant());
}

}  // namespace quiver
