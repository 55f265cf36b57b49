// Writes through the full query path: single-row CREATE in auto-commit (durable and not), batched
// CREATE through UNWIND, and MERGE on a uniquely constrained (indexed) key. Items per second are
// rows written.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "quiver/quiver.h"

namespace quiver {
namespace {

class BenchDb {
 public:
  explicit BenchDb(bool durable) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "quiver-wbench-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    Options options;
    options.durable = durable;
    db_ = Database::open(path_, options);
  }
  ~BenchDb() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  Database& db() { return *db_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

void BM_CreateSingleRowAutoCommit(benchmark::State& state) {
  BenchDb bench(state.range(0) != 0);
  Session session = bench.db().session();
  int64_t i = 0;
  for (auto _ : state) {
    session.run("CREATE (:Item {id: $id, title: 'x'})", {{"id", Value(i++)}});
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) != 0 ? "durable" : "no fsync");
}
BENCHMARK(BM_CreateSingleRowAutoCommit)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_CreateBatchedUnwind(benchmark::State& state) {
  BenchDb bench(true);
  Session session = bench.db().session();
  const int64_t batch = state.range(0);
  int64_t base = 0;
  for (auto _ : state) {
    session.run(
        "UNWIND range($base, $base + $n - 1) AS i "
        "CREATE (:Item {id: i})-[:IN]->(:Topic {id: i % 100})",
        {{"base", Value(base)}, {"n", Value(batch)}});
    base += batch;
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_CreateBatchedUnwind)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_MergeOnUniqueKey(benchmark::State& state) {
  BenchDb bench(true);
  Session session = bench.db().session();
  session.run("CREATE CONSTRAINT FOR (u:User) REQUIRE u.id IS UNIQUE");
  session.run("UNWIND range(0, 49999) AS i CREATE (:User {id: i})");
  const int64_t batch = 1000;
  int64_t base = 25000;  // half of each batch matches existing users, half creates new ones
  for (auto _ : state) {
    session.run(
        "UNWIND range($base, $base + $n - 1) AS i MERGE (u:User {id: i}) "
        "ON MATCH SET u.seen = true ON CREATE SET u.seen = false",
        {{"base", Value(base)}, {"n", Value(batch)}});
    base += batch / 2;
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_MergeOnUniqueKey)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace quiver

BENCHMARK_MAIN();
