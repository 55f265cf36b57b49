// Counting chain patterns from adjacency (CountPatternOp) gives the counts that matching every
// path gives, on graphs with labels, several types, self-loops and parallel relationships.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

int64_t count_of(Session& session, const std::string& query) {
  Result r = session.run(query);
  return r[0].get("c").as_int();
}

std::string plan_of(Session& session, const std::string& query) {
  return session.run("EXPLAIN " + query).summary().plan;
}

// Seeded random graph: 60 nodes labelled A, B, both or neither; 400 relationships of types R
// and S, among them self-loops and parallel relationships.
void build_random_graph(Session& session, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string create =
      "UNWIND range(0, 59) AS i CREATE (n:N {i: i}) WITH n, i "
      "FOREACH (x IN CASE WHEN i % 3 = 0 THEN [1] ELSE [] END | SET n:A) "
      "FOREACH (x IN CASE WHEN i % 4 = 0 THEN [1] ELSE [] END | SET n:B)";
  session.run(create);
  std::string edges = "UNWIND [";
  for (int e = 0; e < 400; ++e) {
    int from = static_cast<int>(rng() % 60);
    int to = (rng() % 10 == 0) ? from : static_cast<int>(rng() % 60);
    const char* type = rng() % 3 == 0 ? "S" : "R";
    edges +=
        (e ? ", [" : "[") + std::to_string(from) + ", " + std::to_string(to) + ", '" + type + "']";
  }
  edges +=
      "] AS e MATCH (a:N {i: e[0]}), (b:N {i: e[1]}) "
      "FOREACH (x IN CASE WHEN e[2] = 'R' THEN [1] ELSE [] END | CREATE (a)-[:R]->(b)) "
      "FOREACH (x IN CASE WHEN e[2] = 'S' THEN [1] ELSE [] END | CREATE (a)-[:S]->(b))";
  session.run(edges);
}

const std::vector<std::string> kPatterns = {
    "(n)",
    "(n:A)",
    "(n:A:B)",
    "(n:Missing)",
    "(a)-[r]->(b)",
    "(a)-[:R]->(b)",
    "(a:A)-[:R]->(b)",
    "(a)-[:R]->(b:B)",
    "(a:A)<-[:S]-(b:B)",
    "(a)-[:R|S]-(b)",
    "(a:A)-[r]-(b)",
    "(a)-[:Missing]->(b)",
    "(a)-[:R]->(b)-[:R]->(c)",
    "(a)-[:R]->(b)<-[:R]-(c)",
    "(a)<-[:R]-(b)-[:R]->(c)",
    "(a)-[r1]-(b)-[r2]-(c)",
    "(a:A)-[:R]->(b)-[:S]->(c:B)",
    "(a:A)-[:R|S]-(b:B)-[:R]-(c)",
    "(a)-[:S]->(:A:B)-[:S]->(c)",
    "(a)-[:R]->(b)-[:Missing]->(c)",
    "()-[]-()-[]->()",
    "(a:N)-[:R]->(b:N)-[:R]->(c:N)",
    "(a:A)-[:R]->(b)<-[:R]-(c:A)",
    "(a)-[:R]->(b)-[:R|S]->(c)",
    "(a)-[]->(b)-[:S]->(c)",
    "(a)<-[]-(b:B)<-[]-(c)",
    "(a)-[:R]-(b)-[:R]->(c)",
};

TEST(CountPattern, CountsEqualThoseOfMatchingEveryPath) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  build_random_graph(session, 11);

  for (const std::string& p : kPatterns) {
    std::string fast = "MATCH " + p + " RETURN count(*) AS c";
    // WHERE true keeps the same matches and takes the ordinary match path.
    std::string slow = "MATCH " + p + " WHERE true RETURN count(*) AS c";
    EXPECT_NE(plan_of(session, fast).find("CountPattern"), std::string::npos) << p;
    EXPECT_EQ(plan_of(session, slow).find("CountPattern"), std::string::npos) << p;
    EXPECT_EQ(count_of(session, fast), count_of(session, slow)) << p;
  }
}

TEST(CountPattern, CountOfAVariableIsCountedTheSameWay) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  build_random_graph(session, 5);

  std::string q = "MATCH (a:A)-[r:R]->(b)-[s]-(c) RETURN count(r) AS c";
  EXPECT_NE(plan_of(session, q).find("CountPattern"), std::string::npos);
  EXPECT_EQ(count_of(session, q),
            count_of(session, "MATCH (a:A)-[r:R]->(b)-[s]-(c) WITH r RETURN count(r) AS c"));
}

TEST(CountPattern, ARepeatedVariableOrAPropertyMapTakesTheMatchPath) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  session.run("CREATE (a:P {v: 1})-[:R]->(b:P {v: 2})-[:R]->(a)");

  // A cycle: a is both ends.
  std::string cycle = "MATCH (a)-[:R]->(b)-[:R]->(a) RETURN count(*) AS c";
  EXPECT_EQ(plan_of(session, cycle).find("CountPattern"), std::string::npos);
  EXPECT_EQ(count_of(session, cycle), 2);
  std::string props = "MATCH (a {v: 1})-[:R]->(b) RETURN count(*) AS c";
  EXPECT_EQ(plan_of(session, props).find("CountPattern"), std::string::npos);
  EXPECT_EQ(count_of(session, props), 1);
  std::string distinct = "MATCH (a)-[:R]->(b) RETURN count(DISTINCT b) AS c";
  EXPECT_EQ(plan_of(session, distinct).find("CountPattern"), std::string::npos);
  EXPECT_EQ(count_of(session, distinct), 2);
}

TEST(CountPattern, SeesTheTransactionsOwnWritesAndAnEmptyGraph) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  EXPECT_EQ(count_of(session, "MATCH (a)-[:R]->(b)-[:R]->(c) RETURN count(*) AS c"), 0);

  Transaction txn = session.begin_write();
  txn.run("CREATE (:P)-[:R]->(:P)-[:R]->(:P)");
  EXPECT_EQ(txn.run("MATCH (a)-[:R]->(b)-[:R]->(c) RETURN count(*) AS c")[0].get("c").as_int(), 1);
  txn.run("MATCH ()-[r:R]->() WITH r LIMIT 1 DELETE r");
  EXPECT_EQ(txn.run("MATCH (a)-[:R]->(b)-[:R]->(c) RETURN count(*) AS c")[0].get("c").as_int(), 0);
  txn.rollback();
  EXPECT_EQ(count_of(session, "MATCH (a)-[:R]->(b) RETURN count(*) AS c"), 0);
}

}  // namespace
}  // namespace quiver
