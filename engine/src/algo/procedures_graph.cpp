// algo.graph.project / list / drop and algo.backend.
#include <limits>

#include "engine/src/algo/procedures.h"
#include "gpu/backend.h"

namespace quiver::algo {

namespace {

query::Value string_list(const std::vector<std::string>& names) {
  query::ValueList out;
  for (const std::string& n : names) {
    out.emplace_back(n);
  }
  return out;
}

std::int64_t as_int(std::uint64_t v) {
  return static_cast<std::int64_t>(
      std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
}

void add_project(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.graph.project",
       {{"name", "STRING?"}, {"configuration", "MAP?", true}},
       {{"name", "STRING?"},
        {"nodeCount", "INTEGER?"},
        {"relationshipCount", "INTEGER?"},
        {"projectMillis", "FLOAT?"}}},
      "Projects the graph (or the labels and types the configuration names) and keeps it in "
      "memory under a name for later algo.* calls.",
      false,
      [&catalog](query::ExecContext& ctx, const std::vector<query::Value>& args) {
        const std::string procedure = "algo.graph.project";
        if (args[0].is_null() || !args[0].is_string() || args[0].as_string().empty()) {
          fail("InvalidConfiguration", procedure + ": the graph needs a name");
        }
        const std::string& name = args[0].as_string();
        if (!args[1].is_null() && !args[1].is_map()) {
          fail("InvalidConfiguration", procedure + ": the configuration must be a map");
        }
        if (ctx.txn().has_writes()) {
          fail("InvalidConfiguration",
               procedure + ": a transaction with uncommitted writes cannot keep a projection");
        }
        if (catalog.find(name) != nullptr) {
          fail("GraphExists", "a graph named '" + name + "' is already projected");
        }
        std::vector<query::Value> call_args{args[1].is_null() ? query::ValueMap{} : args[1]};
        AlgoCall call = resolve_call(ctx, catalog, procedure, call_args);
        call.config.finish();
        ProjectionPtr kept = catalog.add(name, call.graph);
        return std::vector<std::vector<query::Value>>{{name, as_int(kept->node_count()),
                                                       as_int(kept->relationship_count()),
                                                       kept->project_millis()}};
      },
      /*changes_state=*/true});
}

void add_list(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.graph.list",
       {},
       {{"name", "STRING?"},
        {"nodeLabels", "LIST? OF STRING?"},
        {"relationshipTypes", "LIST? OF STRING?"},
        {"orientation", "STRING?"},
        {"weightProperty", "STRING?"},
        {"nodeCount", "INTEGER?"},
        {"relationshipCount", "INTEGER?"},
        {"bytes", "INTEGER?"},
        {"dataVersion", "INTEGER?"},
        {"upToDate", "BOOLEAN?"}}},
      "Lists the projected graphs kept in memory; upToDate is false when the data changed "
      "since the projection (the next use rebuilds it).",
      false,
      [&catalog](query::ExecContext& ctx, const std::vector<query::Value>&) {
        std::vector<std::vector<query::Value>> rows;
        for (const auto& [name, g] : catalog.list()) {
          const ProjectionConfig& c = g->config();
          rows.push_back(
              {name, string_list(c.node_labels), string_list(c.relationship_types),
               orientation_name(c.orientation),
               c.weight_property.empty() ? query::Value() : c.weight_property,
               as_int(g->node_count()), as_int(g->relationship_count()), as_int(g->bytes()),
               as_int(g->data_version()),
               g->data_version() == ctx.txn().data_version() && !ctx.txn().has_writes()});
        }
        return rows;
      }});
}

void add_drop(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.graph.drop",
       {{"name", "STRING?"}},
       {{"name", "STRING?"}, {"nodeCount", "INTEGER?"}, {"relationshipCount", "INTEGER?"}}},
      "Forgets a projected graph and frees its memory (once no running call uses it).",
      false,
      [&catalog](query::ExecContext&, const std::vector<query::Value>& args) {
        if (!args[0].is_string()) {
          fail("InvalidConfiguration", "algo.graph.drop: the graph name must be a string");
        }
        ProjectionPtr dropped = catalog.drop(args[0].as_string());
        if (dropped == nullptr) {
          fail("GraphNotFound", "there is no projected graph named '" + args[0].as_string() + "'");
        }
        return std::vector<std::vector<query::Value>>{
            {args[0], as_int(dropped->node_count()), as_int(dropped->relationship_count())}};
      },
      /*changes_state=*/true});
}

void add_backend(query::ProcedureRegistry& registry) {
  registry.add(query::Procedure{
      {"algo.backend",
       {},
       {{"backend", "STRING?"}, {"parallelism", "INTEGER?"}, {"freeBytes", "INTEGER?"}}},
      "Names the backend the algorithms run on, its parallel workers and its free memory.",
      false,
      [](query::ExecContext&, const std::vector<query::Value>&) {
        gpu::Status ready = gpu::backend_ready();
        if (!ready.ok()) {
          fail_gpu(ready.error(), "the algorithm backend");
        }
        auto parallelism = gpu::backend_parallelism();
        auto free = gpu::backend_free_bytes();
        return std::vector<std::vector<query::Value>>{
            {gpu::backend_name(gpu::compiled_backend()),
             parallelism.ok() ? query::Value(std::int64_t{parallelism.value()}) : query::Value(),
             free.ok() ? query::Value(as_int(free.value())) : query::Value()}};
      }});
}

}  // namespace

void add_graph_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  add_project(registry, catalog);
  add_list(registry, catalog);
  add_drop(registry, catalog);
  add_backend(registry);
}

}  // namespace quiver::algo
