// Queries through the full path (parse or plan cache, plan, execute, materialised Result) on a
// seeded social-commerce graph: users who follow users and buy products.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <random>

#include "quiver/bulk_writer.h"
#include "quiver/quiver.h"

namespace quiver {
namespace {

constexpr int kUsers = 20'000;
constexpr int kProducts = 2'000;
constexpr int kFollowsPerUser = 10;
constexpr int kPurchasesPerUser = 5;
constexpr int kCities = 20;
constexpr int kCategories = 10;
constexpr uint64_t kSeed = 20261203;

// The generated graph in a temporary directory, built once for all benchmarks and removed at
// exit. Users carry uid (indexed), name, age and city; products pid, category and price.
class BenchGraph {
 public:
  BenchGraph() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "quiver-qbench-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    db_ = Database::open(path_);
    build();
    db_->session().run("CREATE INDEX FOR (u:User) ON (u.uid)");
  }
  ~BenchGraph() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  Database& db() { return *db_; }

 private:
  void build() {
    std::mt19937_64 rng(kSeed);
    std::uniform_int_distribution<int> user(0, kUsers - 1);
    std::uniform_int_distribution<int> product(0, kProducts - 1);
    std::uniform_int_distribution<int> age(18, 80);
    std::uniform_int_distribution<int> price(5, 200);

    BulkWriter writer(*db_);
    std::vector<PendingNode> users;
    std::vector<PendingNode> products;
    for (int i = 0; i < kUsers; ++i) {
      users.push_back(writer.add_node({"User"}, {{"uid", i},
                                                 {"name", "user" + std::to_string(i)},
                                                 {"age", age(rng)},
                                                 {"city", "city" + std::to_string(i % kCities)}}));
    }
    for (int i = 0; i < kProducts; ++i) {
      products.push_back(writer.add_node(
          {"Product"}, {{"pid", i}, {"category", i % kCategories}, {"price", price(rng)}}));
    }
    for (int i = 0; i < kUsers; ++i) {
      for (int k = 0; k < kFollowsPerUser; ++k) {
        writer.add_relationship(users[i], users[user(rng)], "FOLLOWS");
      }
      for (int k = 0; k < kPurchasesPerUser; ++k) {
        writer.add_relationship(users[i], products[product(rng)], "BOUGHT");
      }
    }
    writer.commit();
  }

  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

BenchGraph& graph() {
  static BenchGraph instance;
  return instance;
}

// Runs QUERY once per iteration with $uid drawn from a seeded sequence of users; reports the
// rows returned per second as items.
void run_per_user(benchmark::State& state, const char* query) {
  Session session = graph().db().session();
  std::mt19937_64 rng(kSeed + 1);
  std::uniform_int_distribution<int> user(0, kUsers - 1);
  int64_t rows = 0;
  for (auto _ : state) {
    Result result = session.run(query, {{"uid", user(rng)}});
    rows += static_cast<int64_t>(result.size());
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(rows);
}

void run_whole_graph(benchmark::State& state, const char* query) {
  Session session = graph().db().session();
  int64_t rows = 0;
  for (auto _ : state) {
    Result result = session.run(query);
    rows += static_cast<int64_t>(result.size());
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(rows);
}

void BM_PointLookupByIndexedProperty(benchmark::State& state) {
  run_per_user(state, "MATCH (u:User {uid: $uid}) RETURN u.name AS name");
}
BENCHMARK(BM_PointLookupByIndexedProperty);

void BM_OneHopCount(benchmark::State& state) {
  run_per_user(state, "MATCH (u:User {uid: $uid})-[:FOLLOWS]->(f) RETURN count(f) AS n");
}
BENCHMARK(BM_OneHopCount);

void BM_TwoHopCount(benchmark::State& state) {
  run_per_user(state,
               "MATCH (u:User {uid: $uid})-[:FOLLOWS]->()-[:FOLLOWS]->(f) RETURN count(f) AS n");
}
BENCHMARK(BM_TwoHopCount);

void BM_TwoHopDistinctRecommendation(benchmark::State& state) {
  run_per_user(state,
               "MATCH (u:User {uid: $uid})-[:FOLLOWS]->()-[:BOUGHT]->(p) "
               "RETURN p.pid AS pid, count(*) AS n ORDER BY n DESC, pid LIMIT 5");
}
BENCHMARK(BM_TwoHopDistinctRecommendation);

void BM_LabelScanWithFilter(benchmark::State& state) {
  run_whole_graph(state, "MATCH (u:User) WHERE u.age > 70 RETURN count(u) AS n");
}
BENCHMARK(BM_LabelScanWithFilter)->Unit(benchmark::kMillisecond);

void BM_GroupedAggregation(benchmark::State& state) {
  run_whole_graph(state,
                  "MATCH (u:User) RETURN u.city AS city, count(*) AS n, avg(u.age) AS age, "
                  "max(u.age) AS oldest");
}
BENCHMARK(BM_GroupedAggregation)->Unit(benchmark::kMillisecond);

void BM_AggregationOverExpansion(benchmark::State& state) {
  run_whole_graph(state,
                  "MATCH (:User)-[:BOUGHT]->(p:Product) "
                  "RETURN p.category AS category, count(*) AS n, sum(p.price) AS revenue");
}
BENCHMARK(BM_AggregationOverExpansion)->Unit(benchmark::kMillisecond);

// The same count twice: from adjacency (CountPattern), and path by path (WHERE true keeps the
// matches and takes the ordinary match path), for the ratio of the two in one run.
void BM_WholeGraphTwoHopCountFromAdjacency(benchmark::State& state) {
  run_whole_graph(state,
                  "MATCH (:User)-[:FOLLOWS]->(:User)-[:FOLLOWS]->(:User) RETURN count(*) AS n");
}
BENCHMARK(BM_WholeGraphTwoHopCountFromAdjacency)->Unit(benchmark::kMillisecond);

void BM_WholeGraphTwoHopCountPathByPath(benchmark::State& state) {
  run_whole_graph(state,
                  "MATCH (:User)-[:FOLLOWS]->(:User)-[:FOLLOWS]->(:User) WHERE true "
                  "RETURN count(*) AS n");
}
BENCHMARK(BM_WholeGraphTwoHopCountPathByPath)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace quiver

BENCHMARK_MAIN();
