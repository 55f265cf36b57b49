// Internal to engine/: the algo.* procedures (projections, centrality, components, embeddings,
// similarity) and what their implementations share.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/src/algo/config.h"
#include "engine/src/algo/projection.h"
#include "gpu/memory_estimate.h"
#include "query/execute/context.h"
#include "query/execute/procedures.h"

namespace quiver::algo {

// Adds every algo.* procedure to REGISTRY. They keep named projections in CATALOG, which must
// outlive every statement that calls them.
void add_algorithm_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog);

// The parts of add_algorithm_procedures, one per topic.
void add_graph_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog);
void add_centrality_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog);
void add_embedding_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog);
void add_similarity_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog);

class RecommenderCatalog;

// Adds every rec.* procedure to REGISTRY. They keep fitted models in CATALOG, which must
// outlive every statement that calls them.
void add_recommend_procedures(query::ProcedureRegistry& registry, RecommenderCatalog& catalog);

// The graph and configuration an algorithm call names: either `('name', {config})` for a
// projection kept in CATALOG, or `({projection and algorithm config})` for a projection built for
// this call alone.
struct AlgoCall {
  ProjectionPtr graph;
  ConfigReader config;
  std::optional<std::uint64_t> memory_limit;  // the memoryLimit key, in bytes
};

// Reads the graph argument and the configuration of a call of PROCEDURE and projects the graph
// (or finds it kept, brought up to date). Throws query::QueryError (ProcedureError) for a bad
// argument, an unknown graph, label or type, or a projection that would not fit in memory.
// An inline projection reads relationships only when WITH_RELATIONSHIPS.
AlgoCall resolve_call(query::ExecContext& ctx, ProjectionCatalog& catalog,
                      const std::string& procedure, const std::vector<query::Value>& args,
                      bool with_relationships = true);

// Like resolve_call but builds nothing: the shape of the named projection, or an upper bound on
// the shape an inline configuration would project (from the stored counts), for .estimate.
struct ShapeCall {
  gpu::GraphShape shape;
  std::uint64_t relationships = 0;
  ConfigReader config;
};
ShapeCall resolve_shape(query::ExecContext& ctx, ProjectionCatalog& catalog,
                        const std::string& procedure, const std::vector<query::Value>& args);

// The signature inputs of every algorithm procedure: graph (a name or a map), configuration.
std::vector<query::ProcedureField> algo_inputs();

// The output fields of every .estimate procedure, and its one row.
std::vector<query::ProcedureField> estimate_outputs();
std::vector<std::vector<query::Value>> estimate_row(const ShapeCall& call,
                                                    const gpu::MemoryEstimate& estimate);

// Registers `NAME.estimate` computing ESTIMATE from the shape and configuration (the reader
// must read every key the algorithm takes, so unknown ones are still refused).
using EstimateFn = std::function<gpu::MemoryEstimate(const gpu::GraphShape&, ConfigReader&)>;
void add_estimate_procedure(query::ProcedureRegistry& registry, ProjectionCatalog& catalog,
                            const std::string& name, EstimateFn estimate);

// Interns KEY and sets it on node ID; counts it in CTX's counters. Throws StorageFailure.
void write_node_property(query::ExecContext& ctx, std::uint32_t key, std::uint64_t id,
                         const storage::PropertyValue& value);

// Milliseconds since START.
double millis_since(std::chrono::steady_clock::time_point start);

}  // namespace quiver::algo
