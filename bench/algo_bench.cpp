// Projection and each algo.* procedure through Cypher on a seeded power-law graph. The default
// size runs in seconds; `--nodes=1000000 --degree=10` gives the large graph (1M nodes, 10M
// relationships). Other arguments go to Google Benchmark.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "quiver/bulk_writer.h"
#include "quiver/quiver.h"

namespace quiver {
namespace {

constexpr uint64_t kSeed = 20261204;

int64_t g_nodes = 20'000;  // --nodes=N
int64_t g_degree = 10;     // --degree=D: relationships per node

// The generated graph, built once for all benchmarks and removed at exit. Every node is a
// :Node; one in twenty is also a :Sample. Relationship sources are uniform; targets follow the
// copying model (half uniform, half the target of an earlier relationship), which gives a
// power-law in-degree. A named projection 'g' of the whole graph is kept, and every :Sample
// carries a 32-dimensional FastRP embedding `emb` for knn.
class AlgoGraph {
 public:
  AlgoGraph() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "quiver-abench-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    Options options;
    options.durable = false;
    db_ = Database::open(path_, options);
    build();
    Session session = db_->session();
    session.run(
        "CALL algo.graph.project('g', {nodeLabels: ['Node'], relationshipTypes: ['LINKS']})");
    session.run(
        "CALL algo.fastRP.write({nodeLabels: ['Sample'], orientation: 'UNDIRECTED', "
        "embeddingDimension: 32, writeProperty: 'emb'})");
    // The write made 'g' stale; rebuild it now so that the benchmarks measure the algorithms.
    session.run("CALL algo.degree.stream('g') YIELD nodeId RETURN count(*)");
  }
  ~AlgoGraph() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  Database& db() { return *db_; }

 private:
  void build() {
    std::mt19937_64 rng(kSeed);
    std::uniform_int_distribution<int64_t> node(0, g_nodes - 1);
    std::bernoulli_distribution copy(0.5);

    BulkWriter writer(*db_);
    std::vector<PendingNode> nodes;
    nodes.reserve(static_cast<size_t>(g_nodes));
    for (int64_t i = 0; i < g_nodes; ++i) {
      std::vector<std::string> labels{"Node"};
      if (i % 20 == 0) {
        labels.push_back("Sample");
      }
      nodes.push_back(writer.add_node(labels, {{"i", i}}));
    }
    std::vector<int64_t> targets;
    targets.reserve(static_cast<size_t>(g_nodes * g_degree));
    for (int64_t e = 0; e < g_nodes * g_degree; ++e) {
      int64_t target = node(rng);
      if (!targets.empty() && copy(rng)) {
        target = targets[std::uniform_int_distribution<size_t>(0, targets.size() - 1)(rng)];
      }
      targets.push_back(target);
      writer.add_relationship(nodes[static_cast<size_t>(node(rng))],
                              nodes[static_cast<size_t>(target)], "LINKS");
    }
    writer.commit();
  }

  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

AlgoGraph& graph() {
  static AlgoGraph instance;
  return instance;
}

// Runs QUERY once per iteration; reports the rows of its single count column as items.
void run_query(benchmark::State& state, const std::string& query) {
  Session session = graph().db().session();
  int64_t items = 0;
  for (auto _ : state) {
    Result result = session.run(query);
    items += result.size() == 1 && result[0][0].is_int() ? result[0][0].as_int() : 0;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(items);
}

void BM_ProjectWholeGraph(benchmark::State& state) {
  run_query(state,
            "CALL algo.graph.project('p', {nodeLabels: ['Node'], relationshipTypes: ['LINKS']}) "
            "YIELD relationshipCount CALL algo.graph.drop('p') YIELD name "
            "RETURN relationshipCount");

  // The memory a projection of the whole graph holds: the kept projection 'g' has that shape.
  Result kept = graph().db().session().run(
      "CALL algo.graph.list() YIELD name, bytes WITH name, bytes WHERE name = 'g' RETURN bytes");
  if (kept.size() == 1 && kept[0][0].is_int()) {
    state.counters["projection_bytes"] = static_cast<double>(kept[0][0].as_int());
  }
}
BENCHMARK(BM_ProjectWholeGraph)->Unit(benchmark::kMillisecond);

void BM_ProjectUndirected(benchmark::State& state) {
  run_query(state,
            "CALL algo.graph.project('p', {orientation: 'UNDIRECTED'}) YIELD relationshipCount "
            "CALL algo.graph.drop('p') YIELD name RETURN relationshipCount");
}
BENCHMARK(BM_ProjectUndirected)->Unit(benchmark::kMillisecond);

void BM_PageRankNamed(benchmark::State& state) {
  run_query(state, "CALL algo.pageRank.stream('g') YIELD nodeId RETURN count(*)");
}
BENCHMARK(BM_PageRankNamed)->Unit(benchmark::kMillisecond);

void BM_PageRankInline(benchmark::State& state) {
  run_query(state,
            "CALL algo.pageRank.stream({relationshipTypes: ['LINKS']}) YIELD nodeId "
            "RETURN count(*)");
}
BENCHMARK(BM_PageRankInline)->Unit(benchmark::kMillisecond);

void BM_PersonalisedPageRank(benchmark::State& state) {
  run_query(state,
            "CALL algo.pageRank.personalised('g', {sourceNodes: [1, 2, 3]}) "
            "YIELD nodeId RETURN count(*)");
}
BENCHMARK(BM_PersonalisedPageRank)->Unit(benchmark::kMillisecond);

void BM_Degree(benchmark::State& state) {
  run_query(state, "CALL algo.degree.stream('g') YIELD nodeId RETURN count(*)");
}
BENCHMARK(BM_Degree)->Unit(benchmark::kMillisecond);

void BM_WeaklyConnectedComponents(benchmark::State& state) {
  run_query(state,
            "CALL algo.wcc.stream('g') YIELD componentId "
            "RETURN count(DISTINCT componentId)");
}
BENCHMARK(BM_WeaklyConnectedComponents)->Unit(benchmark::kMillisecond);

void BM_FastRp(benchmark::State& state) {
  run_query(state,
            "CALL algo.fastRP.stream('g', {embeddingDimension: 64}) YIELD nodeId "
            "RETURN count(*)");
}
BENCHMARK(BM_FastRp)->Unit(benchmark::kMillisecond);

void BM_NodeSimilaritySample(benchmark::State& state) {
  run_query(state,
            "CALL algo.nodeSimilarity.stream({nodeLabels: ['Sample'], "
            "orientation: 'UNDIRECTED', topK: 10}) YIELD node1 RETURN count(*)");
}
BENCHMARK(BM_NodeSimilaritySample)->Unit(benchmark::kMillisecond);

void BM_KnnExactSample(benchmark::State& state) {
  run_query(state,
            "CALL algo.knn.stream({nodeLabels: ['Sample'], "
            "nodeProperty: 'emb', topK: 10, approximate: false}) YIELD node1 "
            "RETURN count(*)");
}
BENCHMARK(BM_KnnExactSample)->Unit(benchmark::kMillisecond);

void BM_KnnApproximateSample(benchmark::State& state) {
  run_query(state,
            "CALL algo.knn.stream({nodeLabels: ['Sample'], "
            "nodeProperty: 'emb', topK: 10, approximate: true}) YIELD node1 "
            "RETURN count(*)");
}
BENCHMARK(BM_KnnApproximateSample)->Unit(benchmark::kMillisecond);

// Takes --nodes= and --degree= out of ARGV.
void parse_graph_size(int& argc, char** argv) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--nodes=", 8) == 0) {
      g_nodes = std::max<int64_t>(1, std::atoll(argv[i] + 8));
    } else if (std::strncmp(argv[i], "--degree=", 9) == 0) {
      g_degree = std::max<int64_t>(0, std::atoll(argv[i] + 9));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
}

}  // namespace
}  // namespace quiver

int main(int argc, char** argv) {
  quiver::parse_graph_size(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  benchmark::AddCustomContext("nodes", std::to_string(quiver::g_nodes));
  benchmark::AddCustomContext("relationships", std::to_string(quiver::g_nodes * quiver::g_degree));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
