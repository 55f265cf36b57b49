// Storage baseline: inserts in large transactions, point lookups, expansion, label scans.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <random>

#include "storage/adjacency.h"
#include "storage/environment.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::storage {
namespace {

constexpr int kNodes = 100'000;
constexpr int kDegree = 10;

// A database in a temporary directory, removed at exit. Benchmarks open with the product's
// durable default; one commit per large transaction makes fsync cost negligible.
class BenchDb {
 public:
  BenchDb() {
    std::string pattern = (std::filesystem::temp_directory_path() / "quiver-bench-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    auto env = Environment::open(path_, EnvironmentOptions{});
    if (!env.ok()) {
      throw std::runtime_error(env.error().message);
    }
    env_ = std::move(env).value();
  }
  ~BenchDb() {
    env_.reset();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  Environment& env() { return *env_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Environment> env_;
};

// A graph of kNodes nodes (label 1 on every other node, two properties each) and kDegree
// outgoing relationships per node, built once and shared by the read benchmarks.
BenchDb& shared_graph() {
  static BenchDb* db = [] {
    auto* created = new BenchDb();
    auto status = created->env().write([](WriteTransaction& txn) -> Status {
      NodeStore nodes(txn);
      RelationshipStore rels(txn);
      LabelId label[] = {1};
      for (int i = 0; i < kNodes; ++i) {
        std::span<const LabelId> labels =
            i % 2 == 0 ? std::span<const LabelId>(label) : std::span<const LabelId>();
        QUIVER_STORAGE_TRY(nodes.create(labels, {{1, i}, {2, "name"}}));
      }
      std::mt19937_64 random(7);
      for (int i = 1; i <= kNodes; ++i) {
        for (int d = 0; d < kDegree; ++d) {
          NodeId other = 1 + random() % kNodes;
          QUIVER_STORAGE_TRY(rels.create(1 + d % 2, i, other, {}));
        }
      }
      return {};
    });
    if (!status.ok()) {
      throw std::runtime_error(status.error().message);
    }
    return created;
  }();
  return *db;
}

void BM_NodeInsert(benchmark::State& state) {
  BenchDb db;
  const auto batch = state.range(0);
  for (auto _ : state) {
    auto status = db.env().write([&](WriteTransaction& txn) -> Status {
      NodeStore nodes(txn);
      LabelId label[] = {1};
      for (std::int64_t i = 0; i < batch; ++i) {
        QUIVER_STORAGE_TRY(nodes.create(label, {{1, i}, {2, "a user name"}}));
      }
      return {};
    });
    if (!status.ok()) {
      state.SkipWithError(status.error().message.c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_NodeInsert)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_RelationshipInsert(benchmark::State& state) {
  BenchDb db;
  const auto batch = state.range(0);
  (void)db.env().write([](WriteTransaction& txn) -> Status {
    NodeStore nodes(txn);
    for (int i = 0; i < 10'000; ++i) {
      QUIVER_STORAGE_TRY(nodes.create({}, {}));
    }
    return {};
  });
  std::mt19937_64 random(11);
  for (auto _ : state) {
    auto status = db.env().write([&](WriteTransaction& txn) -> Status {
      RelationshipStore rels(txn);
      for (std::int64_t i = 0; i < batch; ++i) {
        QUIVER_STORAGE_TRY(rels.create(1, 1 + random() % 10'000, 1 + random() % 10'000, {{1, i}}));
      }
      return {};
    });
    if (!status.ok()) {
      state.SkipWithError(status.error().message.c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_RelationshipInsert)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_NodePointLookup(benchmark::State& state) {
  auto txn = shared_graph().env().begin_read();
  NodeStore nodes(*txn);
  std::mt19937_64 random(3);
  for (auto _ : state) {
    auto node = nodes.get(1 + random() % kNodes);
    benchmark::DoNotOptimize(node);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NodePointLookup);

void BM_ExpandPerNeighbour(benchmark::State& state) {
  auto txn = shared_graph().env().begin_read();
  Adjacency adjacency(*txn);
  std::mt19937_64 random(5);
  Neighbour batch[1024];
  std::int64_t neighbours = 0;
  for (auto _ : state) {
    auto cursor = adjacency.expand(1 + random() % kNodes, Direction::Both);
    for (;;) {
      auto n = cursor->next_batch(batch);
      if (!n.ok() || *n == 0) {
        break;
      }
      neighbours += static_cast<std::int64_t>(*n);
    }
  }
  state.SetItemsProcessed(neighbours);
  state.counters["neighbours_per_node"] =
      static_cast<double>(neighbours) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ExpandPerNeighbour);

void BM_Degree(benchmark::State& state) {
  auto txn = shared_graph().env().begin_read();
  Adjacency adjacency(*txn);
  std::mt19937_64 random(9);
  for (auto _ : state) {
    auto degree = adjacency.degree(1 + random() % kNodes, Direction::Both);
    benchmark::DoNotOptimize(degree);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Degree);

void BM_LabelScan(benchmark::State& state) {
  auto txn = shared_graph().env().begin_read();
  NodeStore nodes(*txn);
  std::uint64_t batch[1024];
  std::int64_t scanned = 0;
  for (auto _ : state) {
    auto scan = nodes.scan_label(1);
    for (;;) {
      auto n = scan->next_batch(batch);
      if (!n.ok() || *n == 0) {
        break;
      }
      scanned += static_cast<std::int64_t>(*n);
    }
  }
  state.SetItemsProcessed(scanned);
}
BENCHMARK(BM_LabelScan)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace quiver::storage

BENCHMARK_MAIN();
