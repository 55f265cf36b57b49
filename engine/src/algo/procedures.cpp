#include "engine/src/algo/procedures.h"

#include <limits>
#include <utility>

#include "gpu/backend.h"
#include "storage/catalog.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::algo {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

// The configuration map of a call: the graph argument when it is a map, merged with the
// configuration argument.
query::ValueMap config_map(const std::string& procedure, const std::vector<query::Value>& args) {
  query::ValueMap out;
  if (args.size() > 1 && !args[1].is_null()) {
    if (!args[1].is_map()) {
      fail("InvalidConfiguration", procedure + ": the configuration must be a map");
    }
    out = args[1].as_map();
  }
  if (!args.empty() && args[0].is_map()) {
    for (const auto& [key, value] : args[0].as_map()) {
      out[key] = value;
    }
  }
  return out;
}

const std::string* graph_name(const std::string& procedure, const std::vector<query::Value>& args) {
  if (args.empty() || args[0].is_null()) {
    fail("InvalidConfiguration",
         procedure + ": the first argument must name a projected graph or be a configuration map");
  }
  if (args[0].is_string()) {
    return &args[0].as_string();
  }
  if (!args[0].is_map()) {
    fail("InvalidConfiguration",
         procedure + ": the first argument must be a graph name (a string) or a map");
  }
  return nullptr;
}

// Upper bound on the nodes and relationships CONFIG selects, from the stored counts.
std::pair<std::uint64_t, std::uint64_t> counted_shape(storage::Transaction& txn,
                                                      const ProjectionConfig& config) {
  storage::NodeStore nodes(txn);
  storage::RelationshipStore rels(txn);
  storage::Catalog catalog(txn);
  std::uint64_t node_count = 0;
  std::uint64_t rel_count = 0;
  if (config.node_labels.empty()) {
    node_count = query::unwrap(nodes.count());
  }
  for (const std::string& label : config.node_labels) {
    auto id = catalog.lookup(storage::NameKind::Label, label);
    if (!id.ok()) {
      fail("UnknownLabel", "there is no label '" + label + "' in the database");
    }
    node_count += query::unwrap(nodes.count_label(*id));
  }
  if (config.relationship_types.empty()) {
    rel_count = query::unwrap(rels.count());
  }
  for (const std::string& type : config.relationship_types) {
    auto id = catalog.lookup(storage::NameKind::RelType, type);
    if (!id.ok()) {
      fail("UnknownRelationshipType",
           "there is no relationship type '" + type + "' in the database");
    }
    rel_count += query::unwrap(rels.count_type(*id));
  }
  return {node_count, rel_count};
}

std::uint64_t edges_for(const ProjectionConfig& config, std::uint64_t relationships) {
  return config.orientation == Orientation::kUndirected ? 2 * relationships : relationships;
}

std::optional<std::uint64_t> read_memory_limit(ConfigReader& config) {
  if (!config.has("memoryLimit")) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(config.integer("memoryLimit", 0, 0, kMaxInt));
}

}  // namespace

AlgoCall resolve_call(query::ExecContext& ctx, ProjectionCatalog& catalog,
                      const std::string& procedure, const std::vector<query::Value>& args,
                      bool with_relationships) {
  const std::string* name = graph_name(procedure, args);
  AlgoCall call{nullptr, ConfigReader(procedure, config_map(procedure, args)), std::nullopt};
  call.memory_limit = read_memory_limit(call.config);
  if (name != nullptr) {
    call.graph = catalog.current(*name, ctx.txn());
    return call;
  }

  ProjectionConfig projection = read_projection_config(call.config);
  projection.relationships = with_relationships;
  auto [nodes, rels] = counted_shape(ctx.txn(), projection);
  rels = with_relationships ? rels : 0;
  std::uint64_t bytes = GraphProjection::estimate_bytes(nodes, edges_for(projection, rels),
                                                        !projection.weight_property.empty());
  require_fits("projecting the graph", {}, bytes, call.memory_limit);
  call.graph =
      std::make_shared<const GraphProjection>(GraphProjection::build(ctx.txn(), projection));
  return call;
}

ShapeCall resolve_shape(query::ExecContext& ctx, ProjectionCatalog& catalog,
                        const std::string& procedure, const std::vector<query::Value>& args) {
  const std::string* name = graph_name(procedure, args);
  ShapeCall call{{}, 0, ConfigReader(procedure, config_map(procedure, args))};
  read_memory_limit(call.config);
  if (name != nullptr) {
    ProjectionPtr kept = catalog.find(*name);
    if (kept == nullptr) {
      fail("GraphNotFound", "there is no projected graph named '" + *name + "'");
    }
    call.shape = gpu::shape_of(kept->graph());
    call.relationships = kept->relationship_count();
    return call;
  }
  ProjectionConfig projection = read_projection_config(call.config);
  auto [nodes, rels] = counted_shape(ctx.txn(), projection);
  call.shape = {nodes, edges_for(projection, rels), !projection.weight_property.empty()};
  call.relationships = rels;
  return call;
}

std::vector<query::ProcedureField> algo_inputs() {
  return {{"graph", "ANY?", false}, {"configuration", "MAP?", true}};
}

std::vector<query::ProcedureField> estimate_outputs() {
  return {{"nodeCount", "INTEGER?"},
          {"relationshipCount", "INTEGER?"},
          {"projectionBytes", "INTEGER?"},
          {"requiredBytes", "INTEGER?"},
          {"resultBytes", "INTEGER?"},
          {"freeBytes", "INTEGER?"},
          {"fits", "BOOLEAN?"}};
}

std::vector<std::vector<query::Value>> estimate_row(const ShapeCall& call,
                                                    const gpu::MemoryEstimate& estimate) {
  auto to_int = [](std::uint64_t v) {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v, kMaxInt));
  };
  auto free = gpu::backend_free_bytes();
  std::uint64_t projection_bytes = GraphProjection::estimate_bytes(
      call.shape.node_count, call.shape.edge_count, call.shape.weighted);
  query::Value free_value = free.ok() ? query::Value(to_int(free.value())) : query::Value();
  bool fits = free.ok() && gpu::check_fits(estimate).ok();
  return {{to_int(call.shape.node_count), to_int(call.relationships), to_int(projection_bytes),
           to_int(estimate.device_bytes), to_int(estimate.result_bytes), free_value, fits}};
}

void add_estimate_procedure(query::ProcedureRegistry& registry, ProjectionCatalog& catalog,
                            const std::string& name, EstimateFn estimate) {
  std::string full = name + ".estimate";
  registry.add(query::Procedure{
      {full, algo_inputs(), estimate_outputs()},
      "Estimates the memory " + name + " needs, without running it.",
      false,
      [&catalog, full, estimate](query::ExecContext& ctx, const std::vector<query::Value>& args) {
        ShapeCall call = resolve_shape(ctx, catalog, full, args);
        gpu::MemoryEstimate result = estimate(call.shape, call.config);
        call.config.finish();
        return estimate_row(call, result);
      }});
}

void write_node_property(query::ExecContext& ctx, std::uint32_t key, std::uint64_t id,
                         const storage::PropertyValue& value) {
  ctx.checkpoint_often();
  query::unwrap(storage::NodeStore(ctx.txn()).set_property(id, key, value));
  ++ctx.counters().properties_set;
}

double millis_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

void add_algorithm_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  add_graph_procedures(registry, catalog);
  add_centrality_procedures(registry, catalog);
  add_embedding_procedures(registry, catalog);
  add_similarity_procedures(registry, catalog);
}

}  // namespace quiver::algo
