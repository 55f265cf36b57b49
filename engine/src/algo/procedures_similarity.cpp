// algo.nodeSimilarity.* (over neighbour sets) and algo.knn.* (over a vector property): scored
// node pairs, streamed or written back as relationships.
#include <limits>

#include "engine/src/algo/procedures.h"
#include "gpu/approximate_knn.h"
#include "gpu/similarity.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::algo {

namespace {

using Rows = std::vector<std::vector<query::Value>>;
using Args = std::vector<query::Value>;
using Clock = std::chrono::steady_clock;

// Sets at or above this many vectors use the HNSW index unless the call says approximate: false.
constexpr std::uint64_t kApproximateFrom = 50'000;

std::vector<query::ProcedureField> pair_outputs() {
  return {{"node1", "INTEGER?"}, {"node2", "INTEGER?"}, {"similarity", "FLOAT?"}};
}

std::vector<query::ProcedureField> pair_write_outputs() {
  return {{"relationshipsWritten", "INTEGER?"},
          {"nodesCompared", "INTEGER?"},
          {"computeMillis", "FLOAT?"},
          {"writeMillis", "FLOAT?"}};
}

std::uint32_t read_top_k(ConfigReader& config) {
  return static_cast<std::uint32_t>(config.integer("topK", 10, 1, 1'000'000));
}

gpu::NodeSimilarityConfig read_node_similarity(ConfigReader& config) {
  gpu::NodeSimilarityConfig out;
  std::string metric =
      config.choice("similarityMetric", "JACCARD", {"JACCARD", "OVERLAP", "COSINE"});
  out.metric = metric == "OVERLAP"  ? gpu::SetSimilarity::kOverlap
               : metric == "COSINE" ? gpu::SetSimilarity::kCosine
                                    : gpu::SetSimilarity::kJaccard;
  out.top_k = read_top_k(config);
  out.cutoff = static_cast<float>(config.number("similarityCutoff", 0.0, 0.0, 1.0));
  return out;
}

// What the write procedures write: the relationship type and its score property.
struct PairWrite {
  std::string type;
  std::string property;
};

PairWrite read_pair_write(ConfigReader& config) {
  PairWrite out{config.string("writeRelationshipType", ""),
                config.string("writeProperty", "score")};
  if (out.type.empty()) {
    config.invalid("'writeRelationshipType' names the relationships to create and is required");
  }
  if (out.property.empty()) {
    config.invalid("'writeProperty' must not be empty");
  }
  return out;
}

Rows pair_rows(const GraphProjection& graph, const gpu::SimilarityPairs& pairs) {
  Rows rows;
  rows.reserve(pairs.source.size());
  for (std::size_t i = 0; i < pairs.source.size(); ++i) {
    rows.push_back({static_cast<std::int64_t>(graph.node_id(pairs.source[i])),
                    static_cast<std::int64_t>(graph.node_id(pairs.target[i])),
                    static_cast<double>(pairs.score[i])});
  }
  return rows;
}

// Creates one relationship per pair; returns how many.
std::int64_t write_pairs(query::ExecContext& ctx, const GraphProjection& graph,
                         const gpu::SimilarityPairs& pairs, const PairWrite& write) {
  std::uint32_t type = ctx.intern_type(write.type);
  std::uint32_t key = ctx.intern_key(write.property);
  storage::RelationshipStore rels(ctx.txn());
  for (std::size_t i = 0; i < pairs.source.size(); ++i) {
    ctx.checkpoint_often();
    storage::Properties props{{key, static_cast<double>(pairs.score[i])}};
    query::unwrap(
        rels.create(type, graph.node_id(pairs.source[i]), graph.node_id(pairs.target[i]), props));
  }
  auto written = static_cast<std::int64_t>(pairs.source.size());
  ctx.counters().relationships_created += written;
  ctx.counters().properties_set += written;
  return written;
}

gpu::SimilarityPairs run_node_similarity(const AlgoCall& call,
                                         const gpu::NodeSimilarityConfig& config) {
  gpu::GraphShape shape = gpu::shape_of(call.graph->graph());
  require_fits("node similarity", gpu::estimate_node_similarity(shape, config), 0,
               call.memory_limit);
  return take(gpu::node_similarity(call.graph->graph(), config), "node similarity");
}

void add_node_similarity(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.nodeSimilarity.stream", algo_inputs(), pair_outputs()},
      "Similarity of nodes by their neighbour sets (JACCARD, OVERLAP or COSINE), the topK most "
      "similar per node.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.nodeSimilarity.stream", args);
        gpu::NodeSimilarityConfig config = read_node_similarity(call.config);
        call.config.finish();
        return pair_rows(*call.graph, run_node_similarity(call, config));
      }});

  registry.add(query::Procedure{
      {"algo.nodeSimilarity.write", algo_inputs(), pair_write_outputs()},
      "Creates a writeRelationshipType relationship with the score in writeProperty for every "
      "pair node similarity reports.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.nodeSimilarity.write", args);
        gpu::NodeSimilarityConfig config = read_node_similarity(call.config);
        PairWrite write = read_pair_write(call.config);
        call.config.finish();
        Clock::time_point start = Clock::now();
        gpu::SimilarityPairs pairs = run_node_similarity(call, config);
        double compute = millis_since(start);
        start = Clock::now();
        std::int64_t written = write_pairs(ctx, *call.graph, pairs, write);
        return Rows{{written, static_cast<std::int64_t>(call.graph->node_count()), compute,
                     millis_since(start)}};
      }});

  add_estimate_procedure(registry, catalog, "algo.nodeSimilarity",
                         [](const gpu::GraphShape& shape, ConfigReader& config) {
                           gpu::NodeSimilarityConfig c = read_node_similarity(config);
                           config.raw("writeRelationshipType");
                           config.raw("writeProperty");
                           return gpu::estimate_node_similarity(shape, c);
                         });
}

// What a knn call asks for beyond the graph.
struct KnnRequest {
  std::string property;
  gpu::KnnConfig knn;
  std::optional<bool> approximate;  // absent: decided by the set's size
  gpu::HnswConfig hnsw;
};

KnnRequest read_knn(ConfigReader& config) {
  KnnRequest out;
  out.property = config.string("nodeProperty", "");
  std::string metric = config.choice("similarityMetric", "COSINE", {"COSINE", "DOT", "EUCLIDEAN"});
  out.knn.metric = metric == "DOT"         ? gpu::VectorSimilarity::kDot
                   : metric == "EUCLIDEAN" ? gpu::VectorSimilarity::kEuclidean
                                           : gpu::VectorSimilarity::kCosine;
  out.knn.top_k = read_top_k(config);
  out.knn.cutoff = static_cast<float>(config.number("similarityCutoff", -3.0e38, -3.0e38, 3.0e38));
  if (config.has("approximate")) {
    out.approximate = config.boolean("approximate", false);
  }
  out.hnsw.m = static_cast<std::uint32_t>(config.integer("m", 16, 2, 256));
  out.hnsw.ef_construction =
      static_cast<std::uint32_t>(config.integer("efConstruction", 200, 1, 100'000));
  out.hnsw.ef_search = static_cast<std::uint32_t>(config.integer("ef", 0, 0, 100'000));
  out.hnsw.seed = static_cast<std::uint64_t>(
      config.integer("seed", 100, 0, std::numeric_limits<std::int64_t>::max()));
  return out;
}

// The vectors of every projected node, row-major; their common dimension in DIMENSION.
std::vector<float> read_vectors(query::ExecContext& ctx, const GraphProjection& graph,
                                const std::string& property, std::uint32_t& dimension) {
  std::optional<std::uint32_t> key = ctx.key_id(property);
  if (!key) {
    fail("MissingProperty", "algo.knn: no node has the property '" + property + "'");
  }
  storage::NodeStore nodes(ctx.txn());
  std::vector<float> out;
  dimension = 0;
  for (gpu::NodeIndex i = 0; i < graph.node_count(); ++i) {
    storage::PropertyValue v = query::unwrap(nodes.property(graph.node_id(i), *key));
    std::vector<float> row;
    if (v.is_float_vector()) {
      row = v.as_float_vector();
    } else if (v.is_list()) {
      for (const storage::PropertyValue& e : v.as_list()) {
        if (!e.is_int() && !e.is_double()) {
          fail("InvalidConfiguration", "algo.knn: node " + std::to_string(graph.node_id(i)) +
                                           " holds a '" + property + "' that is not a vector");
        }
        row.push_back(
            static_cast<float>(e.is_int() ? static_cast<double>(e.as_int()) : e.as_double()));
      }
    } else {
      fail("MissingProperty", "algo.knn: node " + std::to_string(graph.node_id(i)) +
                                  " has no vector property '" + property + "'");
    }
    if (i == 0) {
      dimension = static_cast<std::uint32_t>(row.size());
    }
    if (row.size() != dimension || row.empty()) {
      fail("InvalidConfiguration",
           "algo.knn: node " + std::to_string(graph.node_id(i)) + " has a '" + property + "' of " +
               std::to_string(row.size()) + " values, not " + std::to_string(dimension));
    }
    out.insert(out.end(), row.begin(), row.end());
  }
  return out;
}

gpu::SimilarityPairs run_knn(query::ExecContext& ctx, const AlgoCall& call,
                             const KnnRequest& request) {
  if (request.property.empty()) {
    call.config.invalid("'nodeProperty' names the vector property to compare and is required");
  }
  std::uint32_t dimension = 0;
  std::vector<float> vectors = read_vectors(ctx, *call.graph, request.property, dimension);
  std::uint64_t rows = call.graph->node_count();
  if (rows == 0) {
    return {};
  }
  bool approximate = request.approximate.value_or(rows >= kApproximateFrom);
  if (approximate) {
    return take(gpu::approximate_knn(vectors, dimension, request.knn, request.hnsw),
                "approximate knn");
  }
  require_fits("knn", gpu::estimate_knn(rows, dimension, request.knn), 0, call.memory_limit);
  return take(gpu::knn(vectors, dimension, request.knn), "knn");
}

void add_knn(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  registry.add(query::Procedure{
      {"algo.knn.stream", algo_inputs(), pair_outputs()},
      "The topK most similar nodes of every node by a vector property (COSINE, DOT or "
      "EUCLIDEAN); exact, or through an HNSW index when approximate or the set is large.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.knn.stream", args, false);
        KnnRequest request = read_knn(call.config);
        call.config.finish();
        return pair_rows(*call.graph, run_knn(ctx, call, request));
      }});

  registry.add(query::Procedure{
      {"algo.knn.write", algo_inputs(), pair_write_outputs()},
      "Creates a writeRelationshipType relationship with the score in writeProperty for every "
      "pair knn reports.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        AlgoCall call = resolve_call(ctx, catalog, "algo.knn.write", args, false);
        KnnRequest request = read_knn(call.config);
        PairWrite write = read_pair_write(call.config);
        call.config.finish();
        Clock::time_point start = Clock::now();
        gpu::SimilarityPairs pairs = run_knn(ctx, call, request);
        double compute = millis_since(start);
        start = Clock::now();
        std::int64_t written = write_pairs(ctx, *call.graph, pairs, write);
        return Rows{{written, static_cast<std::int64_t>(call.graph->node_count()), compute,
                     millis_since(start)}};
      }});

  add_estimate_procedure(
      registry, catalog, "algo.knn", [](const gpu::GraphShape& shape, ConfigReader& config) {
        KnnRequest request = read_knn(config);
        auto dimension =
            static_cast<std::uint32_t>(config.integer("vectorDimension", 128, 1, 1 << 20));
        config.raw("writeRelationshipType");
        config.raw("writeProperty");
        return gpu::estimate_knn(shape.node_count, dimension, request.knn);
      });
}

}  // namespace

void add_similarity_procedures(query::ProcedureRegistry& registry, ProjectionCatalog& catalog) {
  add_node_similarity(registry, catalog);
  add_knn(registry, catalog);
}

}  // namespace quiver::algo
