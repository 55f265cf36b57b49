// algo.fastRP.*: FastRP node embeddings, streamed as lists or written as float-vector properties.
#include <cmath>

#include "engine/src/algo/procedures.h"
#include "gpu/embedding.h"

namespace quiver::algo {

namespace {

using Rows = std::vector<std::vector<query::Value>>;
using Args = std::vector<query::Value>;
using Clock = std::chrono::steady_clock;

gpu::FastRpConfig read_fastrp(ConfigReader& config) {
  gpu::FastRpConfig out;
  out.dimension = static_cast<std::uint32_t>(config.integer("embeddingDimension", 128, 1, 4096));
  if (config.has("iterationWeights")) {
    std::vector<double> weights = config.numbers("iterationWeights");
    if (weights.empty()) {
      config.invalid("'iterationWeights' needs at least one weight");
    }
    out.iteration_weights.assign(weights.begin(), weights.end());
  }
  out.normalisation_strength =
      static_cast<float>(config.number("normalizationStrength", 0.0, -10.0, 10.0));
  out.self_influence = static_cast<float>(config.number("nodeSelfInfluence", 0.0, -1e6, 1e6));
  out.seed = static_cast<std::uint64_t>(
      config.integer("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));
  out.weighted = config.boolean("weighted", false);
  return out;
}

// FastRP on CALL's graph after the shared checks.
gpu::Embeddings run_fastrp(AlgoCall& call, const gpu::FastRpConfig& config) {
  if (config.weighted && !call.graph->graph().weighted()) {
    call.config.invalid("'weighted' needs a projection with a weightProperty");
  }
  gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
  require_fits("FastRP", gpu::estimate_fastrp(shape, config), 0, call.memory_limit);
  return take(gpu::fastrp(call.graph->graph(), config), "FastRP");
}

}  // namespace

void add_embedding_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.fastRP.stream",
       algo_inputs(),
       {{"nodeId", "INTEGER?"}, {"node", "NODE?"}, {"embedding", "LIST? OF FLOAT?"}}},
      "FastRP embedding of every node; the same seed gives the same vectors.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.fastRP.stream", args);
        gpu::FastRpConfig config = read_fastrp(call.config);
        call.config.finish();
        gpu::Embeddings e = run_fastrp(call, config);
        Rows rows;
        rows.reserve(call.graph->node_count());
        for (gpu::NodeIndex i = 0; i < call.graph->node_count(); ++i) {
          query::ValueList vector;
          vector.reserve(e.dimension);
          for (std::uint32_t d = 0; d < e.dimension; ++d) {
            vector.emplace_back(static_cast<double>(e.values[std::size_t{i} * e.dimension + d]));
          }
          std::uint64_t id = call.graph->node_id(i);
          rows.push_back({static_cast<std::int64_t>(id), query::NodeRef{id}, std::move(vector)});
        }
        return rows;
      }});

  registry.add(query::Procedure{
      {"algo.fastRP.write",
       algo_inputs(),
       {{"nodePropertiesWritten", "INTEGER?"},
        {"embeddingDimension", "INTEGER?"},
        {"computeMillis", "FLOAT?"},
        {"writeMillis", "FLOAT?"}}},
      "Writes the FastRP embedding of every node as a float-vector property writeProperty.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.fastRP.write", args);
        gpu::FastRpConfig config = read_fastrp(call.config);
        std::string property = call.config.string("writeProperty", "");
        if (property.empty()) {
          call.config.invalid("'writeProperty' names the node property to write and is required");
        }
        call.config.finish();
        Clock::time_point start = Clock::now();
        gpu::Embeddings e = run_fastrp(call, config);
        double compute = millis_since(start);

        start = Clock::now();
        std::uint32_t key = ctx.intern_key(property);
        for (gpu::NodeIndex i = 0; i < call.graph->node_count(); ++i) {
          auto first = e.values.begin() + static_cast<std::ptrdiff_t>(std::size_t{i} * e.dimension);
          storage::FloatVector vector(first, first + e.dimension);
          write_node_property(ctx, key, call.graph->node_id(i), std::move(vector));
        }
        return Rows{{static_cast<std::int64_t>(call.graph->node_count()),
                     static_cast<std::int64_t>(e.dimension), compute, millis_since(start)}};
      }});

  add_estimate_procedure(registry, catalog, "algo.fastRP",
                         [](const gpu::GraphShape& shape, ConfigReader& config) {
                           gpu::FastRpConfig c = read_fastrp(config);
                           config.raw("writeProperty");
                           return gpu::estimate_fastrp(shape, c);
                         });
}

}  // namespace quiver::algo
