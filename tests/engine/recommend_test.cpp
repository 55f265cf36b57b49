// The rec.* procedures through the embedded API, on a behaviour graph small enough to work the
// answers out by hand: fitting, recommending with explanations and filters, cold start, similar
// items, profiles, saving across a restart, refitting, evaluation, the split export and bad
// configuration.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

// Users U1..U4, items I1..I4, topics T1 (I1, I2) and T2 (I3, I4). U1 bought I1, I2; U2 bought
// I1, I2, I3; U3 bought I3, I4; U4 viewed I1 (a view weighs 0.5).
constexpr const char* kGraph =
    "CREATE (u1:User {name: 'U1', uid: 1}), (u2:User {name: 'U2', uid: 2}), "
    "(u3:User {name: 'U3', uid: 3}), (u4:User {name: 'U4', uid: 4}), "
    "(i1:Item {name: 'I1', iid: 11, format: 'book'}), "
    "(i2:Item {name: 'I2', iid: 12, format: 'book'}), "
    "(i3:Item:Course {name: 'I3', iid: 13, format: 'video'}), "
    "(i4:Item:Course {name: 'I4', iid: 14, format: 'course'}), "
    "(t1:Topic {name: 'T1'}), (t2:Topic {name: 'T2'}), "
    "(i1)-[:ABOUT]->(t1), (i2)-[:ABOUT]->(t1), (i3)-[:ABOUT]->(t2), (i4)-[:ABOUT]->(t2), "
    "(u1)-[:BOUGHT {at: 10}]->(i1), (u1)-[:BOUGHT {at: 20}]->(i2), "
    "(u2)-[:BOUGHT {at: 10}]->(i1), (u2)-[:BOUGHT {at: 30}]->(i2), "
    "(u2)-[:BOUGHT {at: 20}]->(i3), (u3)-[:BOUGHT {at: 40}]->(i3), "
    "(u3)-[:BOUGHT {at: 50}]->(i4), (u4)-[:VIEWED {at: 60}]->(i1)";

// The graph keys every call shares.
constexpr const char* kBehaviour =
    "userLabel: 'User', itemLabels: 'Item', interactionTypes: ['BOUGHT', 'VIEWED'], "
    "typeWeights: {VIEWED: 0.5}, timestampProperty: 'at', topicLabels: 'Topic', "
    "topicTypes: 'ABOUT'";

class RecProceduresTest : public ::testing::Test {
 protected:
  RecProceduresTest() { open(); }

  void open() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path(), options);
  }

  Result run(const std::string& query, const Params& params = {}) {
    return db_->session().run(query, params);
  }

  Error error_of(const std::string& query) {
    Outcome<Result> r = db_->session().try_run(query);
    EXPECT_FALSE(r.ok()) << query;
    return r.ok() ? Error("none", "none", "none", "the query succeeded") : r.error();
  }

  // Fits MODEL_KEYS (a Cypher map body) as model NAME; every user counts as having history
  // unless the keys set coldStartThreshold.
  Result fit(const std::string& name, const std::string& model_keys) {
    std::string keys = model_keys;
    if (keys.find("coldStartThreshold") == std::string::npos) {
      keys += ", coldStartThreshold: 0";
    }
    return run("CALL rec.fit('" + name + "', {" + std::string(kBehaviour) + ", " + keys + "})");
  }

  struct Row {
    std::string item;
    double score;
    std::vector<std::string> because_items;
    std::vector<std::string> because_topics;
    std::string source;
  };

  std::vector<Row> recommend(const std::string& model, const std::string& user,
                             const std::string& config = "{}") {
    std::vector<Row> out;
    Result r = run("MATCH (u:User {name: '" + user + "'}) CALL rec.recommend('" + model + "', u, " +
                   config +
                   ") YIELD item, score, becauseItems, becauseTopics, source RETURN item.name "
                   "AS item, score, [x IN becauseItems | x.name] AS bi, "
                   "[x IN becauseTopics | x.name] AS bt, source");
    for (const Record& rec : r) {
      Row row{rec.get("item").as_string(),
              rec.get("score").as_double(),
              {},
              {},
              rec.get("source").as_string()};
      for (const Value& v : rec.get("bi").as_list()) {
        row.because_items.push_back(v.as_string());
      }
      for (const Value& v : rec.get("bt").as_list()) {
        row.because_topics.push_back(v.as_string());
      }
      out.push_back(std::move(row));
    }
    return out;
  }

  std::vector<std::string> items_of(const std::vector<Row>& rows) {
    std::vector<std::string> out;
    for (const Row& r : rows) {
      out.push_back(r.item);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(RecProceduresTest, FitReportsTheShapeOfTheBehaviourGraph) {
  run(kGraph);
  Result r = fit("knn", "model: 'itemKnn'");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].get("name").as_string(), "knn");
  EXPECT_EQ(r[0].get("model").as_string(), "item_knn");
  EXPECT_EQ(r[0].get("users").as_int(), 4);
  EXPECT_EQ(r[0].get("items").as_int(), 4);
  EXPECT_EQ(r[0].get("interactions").as_int(), 8);
  EXPECT_EQ(r[0].get("topics").as_int(), 2);
}

TEST_F(RecProceduresTest, ItemKnnScoresAreTheCosineSumsWorkedOutByHand) {
  run(kGraph);
  fit("knn", "model: 'itemKnn', shrink: 0");
  // Item columns: I1 = (U1 1, U2 1, U4 0.5), I2 = (U1 1, U2 1), I3 = (U2 1, U3 1), I4 = (U3 1).
  // score(U1, I3) = cos(I1, I3) + cos(I2, I3) = 1 / (1.5 sqrt 2) + 1 / 2.
  std::vector<Row> rows = recommend("knn", "U1");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].item, "I3");
  EXPECT_NEAR(rows[0].score, 1.0 / (1.5 * std::sqrt(2.0)) + 0.5, 1e-5);
  EXPECT_EQ(rows[0].because_items, (std::vector<std::string>{"I2", "I1"}));
  EXPECT_EQ(rows[0].source, "item_knn");
  EXPECT_EQ(rows[1].item, "I4");
  EXPECT_NEAR(rows[1].score, 0.0, 1e-6);
}

TEST_F(RecProceduresTest, ExplanationsNameTheTopicsTheUserCameFor) {
  run(kGraph);
  fit("knn", "model: 'itemKnn'");
  // U2's profile: T1 2/3 (I1, I2), T2 1/3 (I3); the one item left, I4, is about T2.
  std::vector<Row> rows = recommend("knn", "U2");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].item, "I4");
  EXPECT_EQ(rows[0].because_topics, (std::vector<std::string>{"T2"}));
}

TEST_F(RecProceduresTest, EveryFamilyLeavesConsumedItemsOutAndRanksTheCoPurchaseFirst) {
  run(kGraph);
  for (const char* family : {"itemKnn", "rp3beta", "ease", "ials", "popularity", "embedding"}) {
    fit(family, std::string("model: '") + family + "'");
    std::vector<Row> rows = recommend(family, "U1");
    ASSERT_EQ(items_of(rows), (std::vector<std::string>{"I3", "I4"})) << family;
    EXPECT_GE(rows[0].score, rows[1].score) << family;
  }
  fit("blend",
      "model: 'hybrid', parts: [{model: 'ease', weight: 0.7}, {model: 'rp3beta', weight: 0.3}]");
  EXPECT_EQ(items_of(recommend("blend", "U1")), (std::vector<std::string>{"I3", "I4"}));
  Result listed = run("CALL rec.models() YIELD name RETURN count(*) AS n");
  EXPECT_EQ(listed[0].get("n").as_int(), 7);
}

TEST_F(RecProceduresTest, FiltersOnItemLabelsAndPropertiesNarrowTheCandidates) {
  run(kGraph);
  fit("knn", "model: 'itemKnn'");
  EXPECT_EQ(items_of(recommend("knn", "U1", "{itemProperties: {format: 'course'}}")),
            (std::vector<std::string>{"I4"}));
  EXPECT_EQ(items_of(recommend("knn", "U1", "{itemProperties: {format: ['video', 'book']}}")),
            (std::vector<std::string>{"I3"}));
  EXPECT_EQ(items_of(recommend("knn", "U1", "{itemLabels: 'Course', k: 1}")),
            (std::vector<std::string>{"I3"}));
  EXPECT_TRUE(recommend("knn", "U1", "{itemLabels: 'NoSuchLabel'}").empty());
}

TEST_F(RecProceduresTest, UsersWithLittleHistoryGetPopularItemsWithinTheirTopics) {
  run(kGraph);
  fit("knn", "model: 'itemKnn', coldStartThreshold: 2");
  // U4 touched only I1 (topic T1): I2 is the popular item of T1, ahead of the more popular I3.
  std::vector<Row> rows = recommend("knn", "U4");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].item, "I2");
  EXPECT_EQ(rows[0].source, "popularity_in_topics");

  // A user who arrived after the fit gets the most popular items.
  run("CREATE (:User {name: 'U5'})");
  rows = recommend("knn", "U5", "{k: 2}");
  EXPECT_EQ(items_of(rows), (std::vector<std::string>{"I1", "I2"}));
  EXPECT_EQ(rows[0].source, "popularity");
}

TEST_F(RecProceduresTest, SimilarItemsComeFromTheModelsItemItemRelation) {
  run(kGraph);
  fit("knn", "model: 'itemKnn', shrink: 0");
  Result r =
      run("MATCH (i:Item {name: 'I1'}) CALL rec.similar('knn', i, {k: 2}) YIELD rank, item, score "
          "RETURN rank, item.name AS name, score");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].get("name").as_string(), "I2");
  EXPECT_NEAR(r[0].get("score").as_double(), 2.0 / (1.5 * std::sqrt(2.0)), 1e-5);
  EXPECT_EQ(r[1].get("name").as_string(), "I3");

  fit("pop", "model: 'popularity'");
  Error e = error_of("MATCH (i:Item {name: 'I1'}) CALL rec.similar('pop', i) YIELD item RETURN *");
  EXPECT_EQ(e.detail(), "InvalidConfiguration");
  EXPECT_NE(e.message().find("relates no items"), std::string::npos) << e.message();
}

TEST_F(RecProceduresTest, ProfilesWeighTheTopicsOfAUsersBehaviour) {
  run(kGraph);
  fit("knn", "model: 'itemKnn'");
  Result r =
      run("MATCH (u:User {name: 'U2'}) CALL rec.profile('knn', u) YIELD rank, topic, weight "
          "RETURN rank, topic.name AS topic, weight");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].get("topic").as_string(), "T1");
  EXPECT_NEAR(r[0].get("weight").as_double(), 2.0 / 3.0, 1e-6);
  EXPECT_EQ(r[1].get("topic").as_string(), "T2");
  EXPECT_NEAR(r[1].get("weight").as_double(), 1.0 / 3.0, 1e-6);
}

TEST_F(RecProceduresTest, SavedModelsSurviveARestartAndAreFittedAgainOnFirstUse) {
  run(kGraph);
  fit("kept", "model: 'rp3beta'");
  std::vector<Row> before = recommend("kept", "U1");
  run("CALL rec.save('kept')");
  fit("unsaved", "model: 'itemKnn'");

  db_.reset();
  open();
  Result listed = run("CALL rec.models() YIELD name, saved, users RETURN name, saved, users");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].get("name").as_string(), "kept");
  EXPECT_TRUE(listed[0].get("saved").as_bool());
  EXPECT_TRUE(listed[0].get("users").is_null());

  std::vector<Row> after = recommend("kept", "U1");
  ASSERT_EQ(items_of(after), items_of(before));
  EXPECT_NEAR(after[0].score, before[0].score, 1e-6);
  EXPECT_EQ(error_of("MATCH (u:User {name: 'U1'}) CALL rec.recommend('unsaved', u) YIELD item "
                     "RETURN item")
                .detail(),
            "ModelNotFound");

  run("CALL rec.drop('kept')");
  db_.reset();
  open();
  EXPECT_EQ(run("CALL rec.models() YIELD name RETURN name").size(), 0u);
}

TEST_F(RecProceduresTest, RefitReadsTheDataAsItIsNow) {
  run(kGraph);
  fit("knn", "model: 'itemKnn'");
  run("MATCH (u:User {name: 'U1'}), (i:Item {name: 'I3'}) CREATE (u)-[:BOUGHT {at: 70}]->(i)");
  Result stale = run("CALL rec.models() YIELD upToDate RETURN upToDate");
  EXPECT_FALSE(stale[0].get("upToDate").as_bool());
  Result refit = run("CALL rec.refit('knn') YIELD interactions RETURN interactions");
  EXPECT_EQ(refit[0].get("interactions").as_int(), 9);
  EXPECT_EQ(items_of(recommend("knn", "U1")), (std::vector<std::string>{"I4"}));
}

TEST_F(RecProceduresTest, EvaluationScoresEachModelOnTheSameLatestSplit) {
  run(kGraph);
  const std::string call = "CALL rec.evaluate({" + std::string(kBehaviour) +
                           ", split: {method: 'latest', testFraction: 0.34}, cutoffs: [1, 2], "
                           "models: ['popularity', {model: 'itemKnn', name: 'knn'}]}) "
                           "YIELD model, k, users, precision, recall, ndcg, hitRate, coverage "
                           "RETURN model, k, users, precision, recall, ndcg, hitRate, coverage";
  Result r = run(call);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].get("model").as_string(), "popularity");
  EXPECT_EQ(r[2].get("model").as_string(), "knn");
  // Held out: U1's I2 (at 20), U2's I2 (at 30), U3's I4 (at 50); U4's one view stays in train.
  EXPECT_EQ(r[0].get("users").as_int(), 3);
  // Popularity within topics on train (U1 {I1}, U2 {I1, I3}, U3 {I3}, U4 {I1}) puts the items of
  // a user's own topics first: U1 gets I2 (T1), U2 I2 before I4 (a tie, broken by item order),
  // U3 I4 (T2). Every held-out item is the first recommendation.
  EXPECT_EQ(r[0].get("k").as_int(), 1);
  EXPECT_DOUBLE_EQ(r[0].get("precision").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(r[0].get("hitRate").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(r[0].get("ndcg").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(r[1].get("precision").as_double(), 0.5);
  EXPECT_DOUBLE_EQ(r[1].get("recall").as_double(), 1.0);
  for (const Record& row : r) {
    for (const char* metric : {"precision", "recall", "ndcg", "hitRate", "coverage"}) {
      double v = row.get(metric).as_double();
      EXPECT_GE(v, 0.0) << metric;
      EXPECT_LE(v, 1.0) << metric;
    }
  }
  Result again = run(call);
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r[i].get("ndcg").as_double(), again[i].get("ndcg").as_double());
  }
}

TEST_F(RecProceduresTest, TheExportedSplitHoldsEveryInteractionOnce) {
  run(kGraph);
  const std::string path = (dir_.path() / "split.csv").string();
  Result r = run("CALL rec.exportSplit({" + std::string(kBehaviour) +
                     ", split: {method: 'latest', testFraction: 0.34}, path: $path, "
                     "userIdProperty: 'uid', itemIdProperty: 'iid'}) "
                     "YIELD trainInteractions, testInteractions RETURN *",
                 {{"path", Value(path)}});
  EXPECT_EQ(r[0].get("trainInteractions").as_int(), 5);
  EXPECT_EQ(r[0].get("testInteractions").as_int(), 3);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "user,item,set");
  std::set<std::string> lines;
  while (std::getline(in, line)) {
    lines.insert(line);
  }
  EXPECT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines.count("1,12,test"), 1u);
  EXPECT_EQ(lines.count("3,14,test"), 1u);
  EXPECT_EQ(lines.count("4,11,train"), 1u);
}

TEST_F(RecProceduresTest, ARestrictedCallerRecommendsButNeitherFitsDropsNorExports) {
  run(kGraph);
  fit("kept", "model: 'itemKnn'");
  RunOptions restricted;
  restricted.restricted = true;
  Session session = db_->session();
  for (const std::string& query :
       {"CALL rec.fit('kept', {" + std::string(kBehaviour) + ", model: 'popularity'})",
        std::string("CALL rec.refit('kept')"), std::string("CALL rec.save('kept')"),
        std::string("CALL rec.drop('kept')"),
        "CALL rec.exportSplit({" + std::string(kBehaviour) + ", path: 'x.csv'})",
        std::string("CALL algo.graph.project('g', {})"),
        std::string("CALL algo.graph.drop('g')")}) {
    Outcome<Result> r = session.try_run(query, {}, restricted);
    ASSERT_FALSE(r.ok()) << query;
    EXPECT_EQ(r.error().category(), "SecurityError") << query;
    EXPECT_EQ(r.error().detail(), "Forbidden") << query;
  }

  Outcome<Result> recommended = session.try_run(
      "MATCH (u:User {name: 'U1'}) CALL rec.recommend('kept', u, {k: 2}) YIELD item "
      "RETURN count(item) AS n",
      {}, restricted);
  ASSERT_TRUE(recommended.ok()) << recommended.error().what();
  EXPECT_EQ(run("CALL rec.models() YIELD name, model RETURN model")[0].get("model").as_string(),
            "item_knn");
}

TEST_F(RecProceduresTest, TheSplitIsWrittenOnlyWhereLoadCsvMayRead) {
  db_.reset();
  Options options;
  options.durable = false;
  options.load_csv_root = dir_.path() / "exports";
  std::filesystem::create_directories(options.load_csv_root);
  db_ = Database::open(dir_.path() / "db", options);
  run(kGraph);

  std::string call = "CALL rec.exportSplit({" + std::string(kBehaviour) + ", path: $path})";
  Outcome<Result> outside =
      db_->session().try_run(call, {{"path", Value((dir_.path() / "elsewhere.csv").string())}});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().detail(), "FileAccessDenied");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "elsewhere.csv"));
  Outcome<Result> climbing = db_->session().try_run(call, {{"path", Value("../up.csv")}});
  ASSERT_FALSE(climbing.ok());
  EXPECT_EQ(climbing.error().detail(), "FileAccessDenied");

  run(call, {{"path", Value("split.csv")}});
  EXPECT_TRUE(std::filesystem::exists(options.load_csv_root / "split.csv"));
}

TEST_F(RecProceduresTest, BadConfigurationGivesClearErrors) {
  run(kGraph);
  Error e = error_of(
      "CALL rec.fit('m', {userLabel: 'Nobody', itemLabels: 'Item', "
      "interactionTypes: 'BOUGHT', model: 'ease'})");
  EXPECT_EQ(e.detail(), "UnknownLabel");
  EXPECT_NE(e.message().find("Nobody"), std::string::npos);

  e = error_of(
      "CALL rec.fit('m', {userLabel: 'User', itemLabels: 'Item', "
      "interactionTypes: 'BOUGHT'})");
  EXPECT_EQ(e.detail(), "InvalidConfiguration");
  EXPECT_NE(e.message().find("'model'"), std::string::npos) << e.message();

  e = error_of(
      "CALL rec.fit('m', {userLabel: 'User', itemLabels: 'Item', "
      "interactionTypes: 'BOUGHT', model: 'ease', lamda: 3})");
  EXPECT_NE(e.message().find("lamda"), std::string::npos) << e.message();

  e = error_of(
      "CALL rec.fit('m', {userLabel: 'User', itemLabels: 'Item', "
      "interactionTypes: 'BOUGHT', model: 'ease', memoryLimit: 16})");
  EXPECT_EQ(e.detail(), "InsufficientMemory");

  fit("knn", "model: 'itemKnn'");
  e = error_of(
      "MATCH (u:User {name: 'U1'}) CALL rec.recommend('knn', u, {k: 0}) YIELD item "
      "RETURN item");
  EXPECT_EQ(e.detail(), "InvalidConfiguration");
  EXPECT_NE(e.message().find("'k'"), std::string::npos) << e.message();
  e = error_of(
      "MATCH (i:Item {name: 'I1'}) CALL rec.recommend('knn', i) YIELD item "
      "RETURN item");
  EXPECT_EQ(e.detail(), "UnknownUser");
  e = error_of(
      "MATCH (u:User {name: 'U1'}) CALL rec.recommend('nope', u) YIELD item "
      "RETURN item");
  EXPECT_EQ(e.detail(), "ModelNotFound");
}

}  // namespace
}  // namespace quiver
