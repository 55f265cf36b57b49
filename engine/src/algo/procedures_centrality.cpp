// algo.pageRank.*, algo.degree.* and algo.wcc.*: one value per node, streamed or written back.
#include <limits>

#include "engine/src/algo/procedures.h"
#include "gpu/centrality.h"
#include "gpu/components.h"

namespace quiver::algo {

namespace {

using Rows = std::vector<std::vector<query::Value>>;
using Args = std::vector<query::Value>;
using Clock = std::chrono::steady_clock;

std::vector<query::ProcedureField> node_score_outputs(const char* value_name) {
  return {{"nodeId", "INTEGER?"}, {"node", "NODE?"}, {value_name, "FLOAT?"}};
}

// One row per node: its id, the node and VALUES[index].
template <typename T>
Rows node_rows(const GraphProjection& graph, const std::vector<T>& values) {
  Rows rows;
  rows.reserve(values.size());
  for (gpu::NodeIndex i = 0; i < values.size(); ++i) {
    auto id = static_cast<std::int64_t>(graph.node_id(i));
    rows.push_back({id, query::NodeRef{graph.node_id(i)}, query::Value(values[i])});
  }
  return rows;
}

gpu::PageRankConfig read_pagerank(ConfigReader& config) {
  gpu::PageRankConfig out;
  out.damping = config.number("dampingFactor", 0.85, 0.0, 0.999999);
  out.max_iterations =
      static_cast<std::uint32_t>(config.integer("maxIterations", 20, 1, 1'000'000));
  out.tolerance = config.number("tolerance", 1e-7, 1e-15, 1.0);
  out.weighted = config.boolean("weighted", false);
  return out;
}

void require_weights(const ConfigReader& config, const GraphProjection& graph, bool weighted) {
  if (weighted && !graph.graph().weighted()) {
    config.invalid("'weighted' needs a projection with a weightProperty");
  }
}

// The sourceNodes of personalised PageRank as dense indexes: nodes or node ids.
std::vector<gpu::NodeIndex> read_sources(ConfigReader& config, const GraphProjection& graph) {
  query::Value raw = config.raw("sourceNodes");
  query::ValueList items;
  if (raw.is_list()) {
    items = raw.as_list();
  } else if (!raw.is_null()) {
    items.push_back(raw);
  }
  if (items.empty()) {
    config.invalid("'sourceNodes' must name at least one node");
  }
  std::vector<gpu::NodeIndex> out;
  for (const query::Value& item : items) {
    std::uint64_t id = 0;
    if (item.is_node()) {
      id = item.as_node().id;
    } else if (item.is_int() && item.as_int() >= 0) {
      id = static_cast<std::uint64_t>(item.as_int());
    } else {
      config.invalid("'sourceNodes' must hold nodes or node ids");
    }
    std::optional<gpu::NodeIndex> index = graph.index_of(id);
    if (!index) {
      config.invalid("source node " + std::to_string(id) + " is not in the projected graph");
    }
    out.push_back(*index);
  }
  return out;
}

std::string read_write_property(ConfigReader& config) {
  std::string name = config.string("writeProperty", "");
  if (name.empty()) {
    config.invalid("'writeProperty' names the node property to write and is required");
  }
  return name;
}

void add_pagerank(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.pageRank.stream", algo_inputs(), node_score_outputs("score")},
      "PageRank of every node of the graph.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.pageRank.stream", args);
        gpu::PageRankConfig config = read_pagerank(call.config);
        call.config.finish();
        require_weights(call.config, *call.graph, config.weighted);
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("PageRank", gpu::estimate_pagerank(shape, config), 0, call.memory_limit);
        auto result = take(gpu::pagerank(call.graph->graph(), config), "PageRank");
        return node_rows(*call.graph, result.scores);
      }});

  registry.add(query::Procedure{
      {"algo.pageRank.write",
       algo_inputs(),
       {{"nodePropertiesWritten", "INTEGER?"},
        {"ranIterations", "INTEGER?"},
        {"didConverge", "BOOLEAN?"},
        {"computeMillis", "FLOAT?"},
        {"writeMillis", "FLOAT?"}}},
      "Writes the PageRank of every node to the node property writeProperty.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.pageRank.write", args);
        gpu::PageRankConfig config = read_pagerank(call.config);
        std::string property = read_write_property(call.config);
        call.config.finish();
        require_weights(call.config, *call.graph, config.weighted);
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("PageRank", gpu::estimate_pagerank(shape, config), 0, call.memory_limit);

        Clock::time_point start = Clock::now();
        auto result = take(gpu::pagerank(call.graph->graph(), config), "PageRank");
        double compute = millis_since(start);
        start = Clock::now();
        std::uint32_t key = ctx.intern_key(property);
        for (gpu::NodeIndex i = 0; i < result.scores.size(); ++i) {
          write_node_property(ctx, key, call.graph->node_id(i), result.scores[i]);
        }
        return Rows{{static_cast<std::int64_t>(result.scores.size()),
                     static_cast<std::int64_t>(result.iterations), result.converged, compute,
                     millis_since(start)}};
      }});

  registry.add(query::Procedure{
      {"algo.pageRank.personalised", algo_inputs(), node_score_outputs("score")},
      "Personalised PageRank: teleports go to the sourceNodes only.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.pageRank.personalised", args);
        gpu::PageRankConfig config = read_pagerank(call.config);
        std::vector<gpu::NodeIndex> sources = read_sources(call.config, *call.graph);
        call.config.finish();
        require_weights(call.config, *call.graph, config.weighted);
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("PageRank", gpu::estimate_pagerank(shape, config), 0, call.memory_limit);
        auto result = take(gpu::personalised_pagerank(call.graph->graph(), sources, config),
                           "personalised PageRank");
        return node_rows(*call.graph, result.scores);
      }});

  add_estimate_procedure(registry, catalog, "algo.pageRank",
                         [](const gpu::GraphShape& shape, ConfigReader& config) {
                           gpu::PageRankConfig c = read_pagerank(config);
                           config.raw("writeProperty");
                           config.raw("sourceNodes");
                           return gpu::estimate_pagerank(shape, c);
                         });
}

void add_degree(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.degree.stream", algo_inputs(), node_score_outputs("score")},
      "Degree of every node along the projection's edges (out-degree for NATURAL, in-degree for "
      "REVERSE, both for UNDIRECTED), or the sum of edge weights when weighted.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.degree.stream", args);
        gpu::DegreeConfig config;
        config.weighted = call.config.boolean("weighted", false);
        call.config.finish();
        require_weights(call.config, *call.graph, config.weighted);
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("degree", gpu::estimate_degree(shape, config), 0, call.memory_limit);
        auto result = take(gpu::degree(call.graph->graph(), config), "degree");
        return node_rows(*call.graph, result);
      }});

  add_estimate_procedure(registry, catalog, "algo.degree",
                         [](const gpu::GraphShape& shape, ConfigReader& config) {
                           gpu::DegreeConfig c;
                           c.weighted = config.boolean("weighted", false);
                           return gpu::estimate_degree(shape, c);
                         });
}

// The component of each node, named by the database id of its smallest member.
std::vector<std::int64_t> component_ids(const GraphProjection& graph,
                                        const gpu::ComponentsResult& result) {
  std::vector<std::int64_t> out(result.component.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::int64_t>(graph.node_id(result.component[i]));
  }
  return out;
}

void add_wcc(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.wcc.stream",
       algo_inputs(),
       {{"nodeId", "INTEGER?"}, {"node", "NODE?"}, {"componentId", "INTEGER?"}}},
      "Weakly connected components; a component is named by the smallest node id in it.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.wcc.stream", args);
        call.config.finish();
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("WCC", gpu::estimate_weakly_connected_components(shape), 0, call.memory_limit);
        auto result = take(gpu::weakly_connected_components(call.graph->graph()), "WCC");
        return node_rows(*call.graph, component_ids(*call.graph, result));
      }});

  registry.add(query::Procedure{
      {"algo.wcc.write",
       algo_inputs(),
       {{"nodePropertiesWritten", "INTEGER?"},
        {"componentCount", "INTEGER?"},
        {"computeMillis", "FLOAT?"},
        {"writeMillis", "FLOAT?"}}},
      "Writes the weakly connected component of every node to the node property writeProperty.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.wcc.write", args);
        std::string property = read_write_property(call.config);
        call.config.finish();
        gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
        require_fits("WCC", gpu::estimate_weakly_connected_components(shape), 0, call.memory_limit);
        Clock::time_point start = Clock::now();
        auto result = take(gpu::weakly_connected_components(call.graph->graph()), "WCC");
        double compute = millis_since(start);
        start = Clock::now();
        std::vector<std::int64_t> ids = component_ids(*call.graph, result);
        std::uint32_t key = ctx.intern_key(property);
        for (gpu::NodeIndex i = 0; i < ids.size(); ++i) {
          write_node_property(ctx, key, call.graph->node_id(i), ids[i]);
        }
        return Rows{{static_cast<std::int64_t>(ids.size()),
                     static_cast<std::int64_t>(result.component_count), compute,
                     millis_since(start)}};
      }});

  add_estimate_procedure(registry, catalog, "algo.wcc",
                         [](const gpu::GraphShape& shape, ConfigReader& config) {
                           config.raw("writeProperty");
                           return gpu::estimate_weakly_connected_components(shape);
                         });
}

}  // namespace

void add_centrality_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  add_pagerank(registry, catalog);
  add_degree(registry, catalog);
  add_wcc(registry, catalog);
}

}  // namespace quiver::algo
