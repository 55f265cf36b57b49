// Parse and compile time of Cypher statements. The ANTLR prediction cache is shared by all
// parses in a process, so after the first iteration these measure the steady state a server
// sees (plans are cached by text, so a parse happens once per distinct query).

#include <string>

#include <benchmark/benchmark.h>

#include "query/analyze/analyzer.h"
#include "query/parse/parser.h"

namespace {

// A typical recommendation-style read query.
const std::string kTypicalQuery =
    "MATCH (u:User {id: $user})-[:BOUGHT]->(c:Course)<-[:BOUGHT]-(other:User)\n"
    "WHERE other <> u AND c.price > 10.0\n"
    "WITH u, other, count(c) AS shared\n"
    "ORDER BY shared DESC LIMIT 50\n"
    "MATCH (other)-[:BOUGHT]->(rec:Course)\n"
    "WHERE NOT (u)-[:BOUGHT]->(rec)\n"
    "RETURN rec.title AS title, sum(shared) AS score\n"
    "ORDER BY score DESC LIMIT 10";

const std::string kSmallQuery = "MATCH (n:Person) WHERE n.age > 30 RETURN n.name";

std::string large_create(int nodes) {
  std::string text = "CREATE ";
  for (int i = 0; i < nodes; ++i) {
    text += (i > 0 ? ", " : "") + std::string("(:Item {id: ") + std::to_string(i) +
            ", name: 'item " + std::to_string(i) + "', tags: ['a', 'b']})";
  }
  return text;
}

void BM_ParseTypicalQuery(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(quiver::query::parse(kTypicalQuery));
  }
}
BENCHMARK(BM_ParseTypicalQuery);

void BM_CompileTypicalQuery(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(quiver::query::compile(kTypicalQuery));
  }
}
BENCHMARK(BM_CompileTypicalQuery);

void BM_ParseSmallQuery(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(quiver::query::parse(kSmallQuery));
  }
}
BENCHMARK(BM_ParseSmallQuery);

void BM_ParseLargeCreate(benchmark::State& state) {
  std::string text = large_create(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(quiver::query::parse(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseLargeCreate)->Arg(100)->Arg(1000);

}  // namespace
