// Throughput of the gpu layer's kernels on a seeded random graph of 100k nodes and 1M edges
// (uniform sources, targets skewed towards low indexes so that in-degrees follow a heavy tail).
// The backend is the one quiver_gpu was built with; OMP_NUM_THREADS sets the CPU thread count.
// Times are wall-clock; the CPU column sums all threads of the process, which stays meaningful
// when other work shares the cores.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "gpu/algorithms.h"

namespace quiver::gpu {
namespace {

constexpr std::uint64_t kNodes = 100000;
constexpr std::uint64_t kEdges = 1000000;

const CsrGraph& bench_graph() {
  static const CsrGraph graph = [] {
    std::mt19937_64 rng(2024);
    std::uniform_int_distribution<NodeIndex> source(0, kNodes - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<NodeIndex> sources(kEdges);
    std::vector<NodeIndex> targets(kEdges);
    for (std::uint64_t e = 0; e < kEdges; ++e) {
      sources[e] = source(rng);
      const double u = unit(rng);
      targets[e] = static_cast<NodeIndex>(u * u * kNodes) % kNodes;
    }
    Result<CsrGraph> built = CsrGraph::from_edges(kNodes, sources, targets);
    if (!built.ok()) {
      std::fprintf(stderr, "bench graph: %s\n", built.error().message.c_str());
      std::abort();
    }
    return std::move(built).value();
  }();
  return graph;
}

// Stops the benchmark with the error's message when a kernel fails.
template <typename T>
bool check(benchmark::State& state, const Result<T>& result) {
  if (!result.ok()) {
    state.SkipWithError(result.error().message.c_str());
    return false;
  }
  return true;
}

void report_edges(benchmark::State& state, double edges_per_run) {
  state.counters["edges/s"] =
      benchmark::Counter(edges_per_run * state.iterations(), benchmark::Counter::kIsRate);
  Result<int> workers = backend_parallelism();
  state.counters["workers"] = workers.ok() ? workers.value() : 0;
}

void BM_Transpose(benchmark::State& state) {
  const CsrGraph& graph = bench_graph();
  for (auto _ : state) {
    Result<CsrGraph> out = transpose(graph);
    if (!check(state, out)) {
      return;
    }
  }
  report_edges(state, graph.edge_count());
}

void BM_PageRank(benchmark::State& state) {
  const CsrGraph& graph = bench_graph();
  PageRankConfig config;
  config.tolerance = 1e-9;
  config.max_iterations = 20;
  std::uint32_t iterations = 0;
  for (auto _ : state) {
    Result<PageRankResult> out = pagerank(graph, config);
    if (!check(state, out)) {
      return;
    }
    iterations = out.value().iterations;
  }
  // Edges per second counts every edge once per power iteration.
  report_edges(state, double(graph.edge_count()) * iterations);
  state.counters["iterations"] = iterations;
}

void BM_WeaklyConnectedComponents(benchmark::State& state) {
  const CsrGraph& graph = bench_graph();
  std::uint64_t components = 0;
  for (auto _ : state) {
    Result<ComponentsResult> out = weakly_connected_components(graph);
    if (!check(state, out)) {
      return;
    }
    components = out.value().component_count;
    state.counters["rounds"] = out.value().rounds;
  }
  report_edges(state, graph.edge_count());
  state.counters["components"] = static_cast<double>(components);
}

void BM_FastRp(benchmark::State& state) {
  const CsrGraph& graph = bench_graph();
  FastRpConfig config;
  config.dimension = static_cast<std::uint32_t>(state.range(0));
  config.iteration_weights = {0.0f, 1.0f, 1.0f};
  for (auto _ : state) {
    Result<Embeddings> out = fastrp(graph, config);
    if (!check(state, out)) {
      return;
    }
  }
  report_edges(state, double(graph.edge_count()) * config.iteration_weights.size());
}

void BM_NodeSimilarity(benchmark::State& state) {
  const CsrGraph& graph = bench_graph();
  NodeSimilarityConfig config;
  config.top_k = 10;
  std::uint64_t pairs = 0;
  for (auto _ : state) {
    Result<SimilarityPairs> out = node_similarity(graph, config);
    if (!check(state, out)) {
      return;
    }
    pairs = out.value().source.size();
  }
  report_edges(state, graph.edge_count());
  state.counters["pairs"] = static_cast<double>(pairs);
}

void BM_Knn(benchmark::State& state) {
  const std::uint64_t rows = static_cast<std::uint64_t>(state.range(0));
  const std::uint32_t dimension = 64;
  std::mt19937_64 rng(7);
  std::normal_distribution<float> value(0.0f, 1.0f);
  std::vector<float> vectors(rows * dimension);
  for (float& v : vectors) {
    v = value(rng);
  }
  for (auto _ : state) {
    Result<SimilarityPairs> out = knn(vectors, dimension, KnnConfig{});
    if (!check(state, out)) {
      return;
    }
  }
  state.counters["pairs/s"] = benchmark::Counter(
      double(rows) * double(rows - 1) * state.iterations(), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_Transpose)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_PageRank)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_WeaklyConnectedComponents)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_FastRp)
    ->Arg(64)
    ->Arg(128)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_NodeSimilarity)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_Knn)->Arg(5000)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

}  // namespace
}  // namespace quiver::gpu

BENCHMARK_MAIN();
