// The algo.* procedures through the embedded API: projections, their reuse and invalidation,
// each algorithm on a small graph with a known answer, the write modes and bad configuration.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

class AlgoTest : public ::testing::Test {
 protected:
  AlgoTest() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path(), options);
  }

  Result run(const std::string& query, const Params& params = {}) {
    return db_->session().run(query, params);
  }

  // The error a query fails with; fails the test when it succeeds.
  Error error_of(const std::string& query) {
    Outcome<Result> r = db_->session().try_run(query);
    EXPECT_FALSE(r.ok()) << query;
    return r.ok() ? Error("none", "none", "none", "the query succeeded") : r.error();
  }

  // name -> column value of a stream keyed by node name.
  std::map<std::string, double> scores(const std::string& call, const std::string& column) {
    std::map<std::string, double> out;
    for (const Record& r :
         run(call + " YIELD node, " + column + " RETURN node.name AS name, " + column + " AS v")) {
      out[r.get("name").as_string()] =
          r.get("v").is_int() ? static_cast<double>(r.get("v").as_int()) : r.get("v").as_double();
    }
    return out;
  }

  // A -> B, A -> C, B -> C, C -> A: the classic PageRank example.
  void create_triangle() {
    run("CREATE (a:Page {name: 'A'}), (b:Page {name: 'B'}), (c:Page {name: 'C'}), "
        "(a)-[:LINKS {w: 1.0}]->(b), (a)-[:LINKS {w: 3.0}]->(c), (b)-[:LINKS]->(c), "
        "(c)-[:LINKS]->(a)");
  }

  // Users and the items they like: U1 {I1, I2}, U2 {I1, I2, I3}, U3 {I3}.
  void create_likes() {
    run("CREATE (u1:User {name: 'U1'}), (u2:User {name: 'U2'}), (u3:User {name: 'U3'}), "
        "(i1:Item {name: 'I1'}), (i2:Item {name: 'I2'}), (i3:Item {name: 'I3'}), "
        "(u1)-[:LIKES]->(i1), (u1)-[:LIKES]->(i2), (u2)-[:LIKES]->(i1), (u2)-[:LIKES]->(i2), "
        "(u2)-[:LIKES]->(i3), (u3)-[:LIKES]->(i3)");
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AlgoTest, PageRankMatchesTheHandComputedFixedPoint) {
  create_triangle();
  // a = 0.05 + 0.85 c, b = 0.05 + 0.85 a / 2, c = 0.05 + 0.85 (a / 2 + b).
  auto s = scores(
      "CALL algo.pageRank.stream({nodeLabels: ['Page'], relationshipTypes: ['LINKS'], "
      "maxIterations: 200, tolerance: 1e-12})",
      "score");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s["A"], 0.387790, 1e-5);
  EXPECT_NEAR(s["B"], 0.214811, 1e-5);
  EXPECT_NEAR(s["C"], 0.397400, 1e-5);
}

TEST_F(AlgoTest, PersonalisedPageRankTeleportsToTheSources) {
  create_triangle();
  // With every teleport to A: a = 0.15 + 0.85 c, b = 0.425 a, c = 0.425 a + 0.85 b.
  auto s = scores(
      "MATCH (a:Page {name: 'A'}) CALL algo.pageRank.personalised({sourceNodes: [a], "
      "maxIterations: 200, tolerance: 1e-12})",
      "score");
  EXPECT_NEAR(s["A"], 0.452233, 1e-5);
  EXPECT_NEAR(s["B"], 0.192199, 1e-5);
  EXPECT_NEAR(s["C"], 0.355568, 1e-5);
}

TEST_F(AlgoTest, WeightedPageRankFollowsTheWeights) {
  create_triangle();
  auto plain = scores("CALL algo.pageRank.stream({})", "score");
  auto weighted =
      scores("CALL algo.pageRank.stream({weightProperty: 'w', weighted: true})", "score");
  // A sends three quarters of its rank to C instead of half, so B loses and C gains.
  EXPECT_LT(weighted["B"], plain["B"]);
  EXPECT_GT(weighted["C"], plain["C"]);
}

TEST_F(AlgoTest, PageRankWriteStoresTheScores) {
  create_triangle();
  Result written =
      run("CALL algo.pageRank.write({writeProperty: 'rank', maxIterations: 200, "
          "tolerance: 1e-12}) YIELD nodePropertiesWritten, didConverge "
          "RETURN nodePropertiesWritten, didConverge");
  EXPECT_EQ(written[0][0].as_int(), 3);
  EXPECT_TRUE(written[0][1].as_bool());
  EXPECT_EQ(written.summary().counters.properties_set, 3);
  Result a = run("MATCH (p:Page {name: 'A'}) RETURN p.rank");
  EXPECT_NEAR(a[0][0].as_double(), 0.387790, 1e-5);
}

TEST_F(AlgoTest, WriteProcedureIsRefusedInAReadTransaction) {
  create_triangle();
  Transaction txn = db_->session().begin_read();
  Outcome<Result> r = txn.try_run("CALL algo.pageRank.write({writeProperty: 'rank'})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail(), "ReadOnlyTransaction");
}

TEST_F(AlgoTest, WeaklyConnectedComponentsNameTheSmallestNodeId) {
  run("CREATE (a {name: 'a'})-[:R]->(b {name: 'b'}), (c {name: 'c'})-[:R]->(b), "
      "(d {name: 'd'})-[:R]->(e {name: 'e'}), ({name: 'f'})");
  std::map<std::string, int64_t> ids;
  for (const Record& r : run("MATCH (n) RETURN n.name AS name, id(n) AS id")) {
    ids[r.get("name").as_string()] = r.get("id").as_int();
  }
  auto c = scores("CALL algo.wcc.stream({})", "componentId");
  EXPECT_EQ(c["a"], ids["a"]);
  EXPECT_EQ(c["b"], ids["a"]);
  EXPECT_EQ(c["c"], ids["a"]);
  EXPECT_EQ(c["d"], ids["d"]);
  EXPECT_EQ(c["e"], ids["d"]);
  EXPECT_EQ(c["f"], ids["f"]);

  Result written =
      run("CALL algo.wcc.write({writeProperty: 'component'}) "
          "YIELD componentCount RETURN componentCount");
  EXPECT_EQ(written[0][0].as_int(), 3);
  EXPECT_EQ(run("MATCH (n) RETURN count(DISTINCT n.component)")[0][0].as_int(), 3);
}

TEST_F(AlgoTest, DegreeFollowsTheOrientation) {
  create_triangle();
  auto out = scores("CALL algo.degree.stream({})", "score");
  EXPECT_EQ(out["A"], 2);
  EXPECT_EQ(out["B"], 1);
  auto in = scores("CALL algo.degree.stream({orientation: 'REVERSE'})", "score");
  EXPECT_EQ(in["C"], 2);
  EXPECT_EQ(in["B"], 1);
  auto both = scores("CALL algo.degree.stream({orientation: 'undirected'})", "score");
  EXPECT_EQ(both["A"], 3);
  EXPECT_EQ(both["C"], 3);
  auto weighted = scores("CALL algo.degree.stream({weightProperty: 'w', weighted: true})", "score");
  EXPECT_DOUBLE_EQ(weighted["A"], 4.0);
  EXPECT_DOUBLE_EQ(weighted["B"], 1.0);
}

TEST_F(AlgoTest, NodeSimilarityGivesJaccardOverlapAndCosine) {
  create_likes();
  const std::string pairs =
      " YIELD node1, node2, similarity MATCH (a), (b) WHERE id(a) = node1 AND id(b) = node2 "
      "RETURN a.name + b.name AS pair, similarity";
  auto collect = [&](const std::string& metric) {
    std::map<std::string, double> out;
    for (const Record& r : run("CALL algo.nodeSimilarity.stream({nodeLabels: ['User', 'Item'], "
                               "similarityMetric: '" +
                               metric + "'})" + pairs)) {
      out[r.get("pair").as_string()] = r.get("similarity").as_double();
    }
    return out;
  };
  auto jaccard = collect("JACCARD");
  EXPECT_EQ(jaccard.size(), 4u);  // U1-U2 and U2-U3, both ways; U1 and U3 share nothing
  EXPECT_NEAR(jaccard["U1U2"], 2.0 / 3.0, 1e-6);
  EXPECT_NEAR(jaccard["U2U1"], 2.0 / 3.0, 1e-6);
  EXPECT_NEAR(jaccard["U2U3"], 1.0 / 3.0, 1e-6);
  EXPECT_EQ(jaccard.count("U1U3"), 0u);
  EXPECT_NEAR(collect("OVERLAP")["U1U2"], 1.0, 1e-6);
  EXPECT_NEAR(collect("cosine")["U1U2"], 2.0 / std::sqrt(6.0), 1e-6);

  Result top =
      run("CALL algo.nodeSimilarity.stream({topK: 1, similarityCutoff: 0.5}) "
          "YIELD node1 RETURN count(*)");
  EXPECT_EQ(top[0][0].as_int(), 2);  // U1 -> U2 and U2 -> U1; U3's best scores 1/3
}

TEST_F(AlgoTest, NodeSimilarityWriteCreatesScoredRelationships) {
  create_likes();
  Result written =
      run("CALL algo.nodeSimilarity.write({writeRelationshipType: 'SIMILAR'}) "
          "YIELD relationshipsWritten RETURN relationshipsWritten");
  EXPECT_EQ(written[0][0].as_int(), 4);
  EXPECT_EQ(written.summary().counters.relationships_created, 4);
  Result score =
      run("MATCH (:User {name: 'U1'})-[s:SIMILAR]->(:User {name: 'U2'}) "
          "RETURN s.score");
  ASSERT_EQ(score.size(), 1u);
  EXPECT_NEAR(score[0][0].as_double(), 2.0 / 3.0, 1e-6);
}

TEST_F(AlgoTest, FastRpIsDeterministicForASeedAndWritesFloatVectors) {
  create_likes();
  const std::string call =
      "CALL algo.fastRP.stream({orientation: 'UNDIRECTED', embeddingDimension: 16, seed: 7}) "
      "YIELD node, embedding RETURN node.name AS name, embedding ORDER BY name";
  Result first = run(call);
  Result second = run(call);
  ASSERT_EQ(first.size(), 6u);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i][1], second[i][1]);
    EXPECT_EQ(first[i][1].as_list().size(), 16u);
  }
  Result other =
      run("CALL algo.fastRP.stream({orientation: 'UNDIRECTED', "
          "embeddingDimension: 16, seed: 8}) YIELD node, embedding "
          "RETURN node.name AS name, embedding ORDER BY name");
  EXPECT_NE(first[0][1], other[0][1]);

  Result written =
      run("CALL algo.fastRP.write({orientation: 'UNDIRECTED', "
          "embeddingDimension: 16, seed: 7, writeProperty: 'emb'}) "
          "YIELD nodePropertiesWritten RETURN nodePropertiesWritten");
  EXPECT_EQ(written[0][0].as_int(), 6);
  Result stored = run("MATCH (n {name: 'I1'}) RETURN n.emb");
  ASSERT_TRUE(stored[0][0].is_float_vector());
  ASSERT_EQ(stored[0][0].as_float_vector().size(), 16u);
  Result streamed = run(call + " LIMIT 1");
  EXPECT_FLOAT_EQ(stored[0][0].as_float_vector()[0],
                  static_cast<float>(streamed[0][1].as_list()[0].as_double()));
}

TEST_F(AlgoTest, KnnFindsTheNearestVectorsExactlyAndApproximately) {
  run("CREATE (:Doc {name: 'x', v: [1.0, 0.0]}), (:Doc {name: 'y', v: [0.9, 0.1]}), "
      "(:Doc {name: 'z', v: [0.0, 1.0]})");
  for (const std::string approximate : {"false", "true"}) {
    Result r =
        run("CALL algo.knn.stream({nodeLabels: ['Doc'], nodeProperty: 'v', topK: 1, "
            "approximate: " +
            approximate +
            "}) YIELD node1, node2, similarity "
            "MATCH (a), (b) WHERE id(a) = node1 AND id(b) = node2 "
            "RETURN a.name + b.name AS pair, similarity ORDER BY pair");
    ASSERT_EQ(r.size(), 3u) << approximate;
    EXPECT_EQ(r[0][0].as_string(), "xy");
    EXPECT_EQ(r[1][0].as_string(), "yx");
    EXPECT_EQ(r[2][0].as_string(), "zy");
    EXPECT_NEAR(r[0][1].as_double(), 0.9 / std::sqrt(0.82), 1e-5);
  }
  Result euclid =
      run("CALL algo.knn.stream({nodeProperty: 'v', topK: 1, "
          "similarityMetric: 'EUCLIDEAN'}) YIELD similarity "
          "RETURN max(similarity)");
  EXPECT_NEAR(euclid[0][0].as_double(), 1.0 / (1.0 + std::sqrt(0.02)), 1e-5);

  Result written =
      run("CALL algo.knn.write({nodeProperty: 'v', topK: 1, "
          "writeRelationshipType: 'NEAR', writeProperty: 'sim'}) "
          "YIELD relationshipsWritten RETURN relationshipsWritten");
  EXPECT_EQ(written[0][0].as_int(), 3);
  EXPECT_EQ(run("MATCH (:Doc {name: 'z'})-[n:NEAR]->(m) RETURN m.name")[0][0].as_string(), "y");
}

TEST_F(AlgoTest, NamedProjectionIsReusedUntilTheDataChanges) {
  create_triangle();
  Result projected =
      run("CALL algo.graph.project('g', {nodeLabels: ['Page'], "
          "relationshipTypes: ['LINKS'], orientation: 'UNDIRECTED'})");
  EXPECT_EQ(projected[0].get("name").as_string(), "g");
  EXPECT_EQ(projected[0].get("nodeCount").as_int(), 3);
  EXPECT_EQ(projected[0].get("relationshipCount").as_int(), 4);

  Result listed = run("CALL algo.graph.list() YIELD name, dataVersion, upToDate, orientation");
  ASSERT_EQ(listed.size(), 1u);
  int64_t version = listed[0].get("dataVersion").as_int();
  EXPECT_TRUE(listed[0].get("upToDate").as_bool());
  EXPECT_EQ(listed[0].get("orientation").as_string(), "UNDIRECTED");

  // A read and a write that changes nothing keep the projection.
  EXPECT_EQ(run("CALL algo.degree.stream('g')").size(), 3u);
  run("MATCH (n:Page {name: 'zzz'}) SET n.name = 'q'");
  listed = run("CALL algo.graph.list() YIELD dataVersion, upToDate");
  EXPECT_EQ(listed[0].get("dataVersion").as_int(), version);
  EXPECT_TRUE(listed[0].get("upToDate").as_bool());

  // A committed change makes it stale; the next use rebuilds it from the same configuration.
  run("MATCH (a:Page {name: 'A'}) CREATE (a)-[:LINKS]->(:Page {name: 'D'})");
  listed = run("CALL algo.graph.list() YIELD upToDate");
  EXPECT_FALSE(listed[0].get("upToDate").as_bool());
  auto degree = scores("CALL algo.degree.stream('g', {})", "score");
  EXPECT_EQ(degree.size(), 4u);
  EXPECT_EQ(degree["A"], 4);
  listed = run("CALL algo.graph.list() YIELD dataVersion, upToDate, nodeCount");
  EXPECT_GT(listed[0].get("dataVersion").as_int(), version);
  EXPECT_TRUE(listed[0].get("upToDate").as_bool());
  EXPECT_EQ(listed[0].get("nodeCount").as_int(), 4);

  Result dropped = run("CALL algo.graph.drop('g')");
  EXPECT_EQ(dropped[0].get("nodeCount").as_int(), 4);
  EXPECT_EQ(run("CALL algo.graph.list()").size(), 0u);
  EXPECT_EQ(error_of("CALL algo.pageRank.stream('g')").detail(), "GraphNotFound");
  EXPECT_EQ(error_of("CALL algo.graph.drop('g')").detail(), "GraphNotFound");
}

TEST_F(AlgoTest, ProjectionSeesTheTransactionsOwnWritesWithoutKeepingThem) {
  create_triangle();
  run("CALL algo.graph.project('g', {})");
  Transaction txn = db_->session().begin_write();
  txn.run("CREATE (:Page {name: 'D'})");
  EXPECT_EQ(txn.run("CALL algo.degree.stream('g')").size(), 4u);
  Outcome<Result> kept = txn.try_run("CALL algo.graph.project('h', {})");
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(kept.error().detail(), "InvalidConfiguration");
}

TEST_F(AlgoTest, ProjectingTakenNameIsRefused) {
  create_triangle();
  run("CALL algo.graph.project('g')");
  EXPECT_EQ(error_of("CALL algo.graph.project('g')").detail(), "GraphExists");
}

TEST_F(AlgoTest, BadConfigurationIsAProcedureError) {
  create_triangle();
  Error unknown_label = error_of("CALL algo.pageRank.stream({nodeLabels: ['Nope']})");
  EXPECT_EQ(unknown_label.category(), "ProcedureError");
  EXPECT_EQ(unknown_label.detail(), "UnknownLabel");
  EXPECT_EQ(error_of("CALL algo.wcc.stream({relationshipTypes: 'NOPE'})").detail(),
            "UnknownRelationshipType");

  Error unknown_key = error_of("CALL algo.pageRank.stream({damping: 0.5})");
  EXPECT_EQ(unknown_key.detail(), "InvalidConfiguration");
  EXPECT_NE(std::string(unknown_key.what()).find("damping"), std::string::npos);

  EXPECT_EQ(error_of("CALL algo.nodeSimilarity.stream({topK: -1})").detail(),
            "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.pageRank.stream({dampingFactor: 1.5})").detail(),
            "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.pageRank.stream({maxIterations: 'ten'})").detail(),
            "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.pageRank.stream({weighted: true})").detail(),
            "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.pageRank.write({})").detail(), "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.knn.stream({nodeProperty: 'missing'})").detail(),
            "MissingProperty");
  EXPECT_EQ(error_of("CALL algo.knn.stream({nodeProperty: 'name'})").detail(), "MissingProperty");
  EXPECT_EQ(error_of("CALL algo.pageRank.stream(42)").detail(), "InvalidConfiguration");
  EXPECT_EQ(error_of("CALL algo.nodeSimilarity.stream({similarityMetric: 'EUCLID'})").detail(),
            "InvalidConfiguration");

  // The named graph's configuration cannot be changed per call.
  run("CALL algo.graph.project('g')");
  EXPECT_EQ(error_of("CALL algo.pageRank.stream('g', {nodeLabels: ['Page']})").detail(),
            "InvalidConfiguration");
}

TEST_F(AlgoTest, WorkThatWouldNotFitIsRefusedBeforeItRuns) {
  create_triangle();
  Error projection = error_of("CALL algo.pageRank.stream({memoryLimit: 10})");
  EXPECT_EQ(projection.detail(), "InsufficientMemory");
  run("CALL algo.graph.project('g')");
  EXPECT_EQ(error_of("CALL algo.fastRP.stream('g', {memoryLimit: 100})").detail(),
            "InsufficientMemory");
}

TEST_F(AlgoTest, EstimateReportsMemoryWithoutRunning) {
  create_triangle();
  run("CALL algo.graph.project('g')");
  Result named = run("CALL algo.pageRank.estimate('g')");
  EXPECT_EQ(named[0].get("nodeCount").as_int(), 3);
  EXPECT_EQ(named[0].get("relationshipCount").as_int(), 4);
  EXPECT_GT(named[0].get("requiredBytes").as_int(), 0);
  EXPECT_TRUE(named[0].get("fits").as_bool());
  Result inline_config =
      run("CALL algo.fastRP.estimate({nodeLabels: ['Page'], "
          "embeddingDimension: 64})");
  EXPECT_EQ(inline_config[0].get("nodeCount").as_int(), 3);
  EXPECT_GT(inline_config[0].get("resultBytes").as_int(), 3 * 64 * 4 - 1);
  EXPECT_EQ(error_of("CALL algo.knn.estimate({topk: 3})").detail(), "InvalidConfiguration");
}

TEST_F(AlgoTest, BackendNamesItself) {
  Result r = run("CALL algo.backend()");
  ASSERT_EQ(r.size(), 1u);
  std::string backend = r[0].get("backend").as_string();
  EXPECT_TRUE(backend == "omp" || backend == "cuda") << backend;
  EXPECT_GE(r[0].get("parallelism").as_int(), 1);
  EXPECT_GT(r[0].get("freeBytes").as_int(), 0);
}

TEST_F(AlgoTest, EmptyGraphGivesNoRows) {
  EXPECT_EQ(run("CALL algo.pageRank.stream({})").size(), 0u);
  EXPECT_EQ(run("CALL algo.wcc.stream({})").size(), 0u);
  EXPECT_EQ(run("CALL algo.nodeSimilarity.stream({})").size(), 0u);
}

}  // namespace
}  // namespace quiver
