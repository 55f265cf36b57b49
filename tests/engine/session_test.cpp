// The embedded API's sessions, transactions and results, as a program sees them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "quiver/procedures.h"
#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

class SessionTest : public ::testing::Test {
 protected:
  SessionTest() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path(), options);
  }

  int64_t count(std::string_view label_pattern) {
    Result r = db_->session().run("MATCH (n" + std::string(label_pattern) + ") RETURN count(n)");
    return r[0][0].as_int();
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SessionTest, AutoCommitStatementIsVisibleToTheNextStatement) {
  Session session = db_->session();
  Result created = session.run("CREATE (:Person {name: 'Ada', born: 1815})");
  EXPECT_TRUE(created.columns().empty());
  EXPECT_EQ(created.summary().counters.nodes_created, 1);
  EXPECT_EQ(created.summary().counters.properties_set, 2);
  EXPECT_EQ(created.summary().counters.labels_added, 1);
  EXPECT_TRUE(created.summary().counters.contains_updates());
  EXPECT_EQ(count(":Person"), 1);
}

TEST_F(SessionTest, FailedAutoCommitStatementChangesNothing) {
  Session session = db_->session();
  Outcome<Result> failed =
      session.try_run("CREATE (:A) WITH 1 AS x RETURN 9223372036854775807 + x");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().category(), "ArithmeticError");
  EXPECT_EQ(failed.error().detail(), "IntegerOverflow");
  EXPECT_EQ(failed.error().phase(), "runtime");
  EXPECT_EQ(count(""), 0);
}

TEST_F(SessionTest, WriteTransactionCommitMakesAllWritesVisibleAtOnce) {
  Session session = db_->session();
  Transaction txn = session.begin_write();
  EXPECT_TRUE(txn.open());
  EXPECT_TRUE(txn.writable());
  txn.run("CREATE (:T {i: 1})");
  txn.run("CREATE (:T {i: 2})");
  EXPECT_EQ(txn.run("MATCH (t:T) RETURN count(t) AS n")[0].get("n").as_int(), 2);
  txn.commit();
  EXPECT_FALSE(txn.open());
  EXPECT_EQ(count(":T"), 2);
}

TEST_F(SessionTest, RollbackAndDestructionDiscardWrites) {
  Session session = db_->session();
  {
    Transaction txn = session.begin_write();
    txn.run("CREATE (:T)");
    txn.rollback();
    EXPECT_FALSE(txn.open());
  }
  {
    Transaction txn = session.begin_write();
    txn.run("CREATE (:T)");
  }
  EXPECT_EQ(count(":T"), 0);
}

TEST_F(SessionTest, ReadTransactionSeesOneSnapshot) {
  Session session = db_->session();
  session.run("CREATE (:T)");
  Transaction reader = session.begin_read();
  EXPECT_FALSE(reader.writable());
  db_->session().run("CREATE (:T)");
  EXPECT_EQ(reader.run("MATCH (t:T) RETURN count(t)")[0][0].as_int(), 1);
  reader.commit();
  EXPECT_EQ(count(":T"), 2);
}

TEST_F(SessionTest, WriteInAReadTransactionIsATransactionError) {
  Session session = db_->session();
  Transaction txn = session.begin_read();
  try {
    txn.run("CREATE (:T)");
    FAIL() << "a read transaction accepted a write";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), "TransactionError");
    EXPECT_EQ(e.detail(), "ReadOnlyTransaction");
  }
  EXPECT_TRUE(txn.open());  // the failed statement leaves the transaction usable
  EXPECT_EQ(txn.run("RETURN 1 AS one")[0][0].as_int(), 1);
}

TEST_F(SessionTest, EndedTransactionRefusesStatements) {
  Session session = db_->session();
  Transaction txn = session.begin_write();
  txn.commit();
  Outcome<Result> late = txn.try_run("RETURN 1");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().category(), "TransactionError");
  EXPECT_EQ(late.error().detail(), "TransactionClosed");
  txn.commit();  // no-op on an ended transaction
  txn.rollback();
}

TEST_F(SessionTest, TryRunReportsSyntaxErrorsWithPositionInsteadOfThrowing) {
  Session session = db_->session();
  Outcome<Result> bad = session.try_run("MATCH (n)\nRETURN m");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().category(), "SyntaxError");
  EXPECT_EQ(bad.error().detail(), "UndefinedVariable");
  EXPECT_EQ(bad.error().phase(), "compile time");
  EXPECT_EQ(bad.error().line(), 2u);
  EXPECT_EQ(bad.error().column(), 8u);
  EXPECT_NE(std::string(bad.error().what()).find("RETURN m\n       ^"), std::string::npos)
      << bad.error().what();

  Outcome<Result> good = session.try_run("RETURN 1 AS x");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->size(), 1u);
}

TEST_F(SessionTest, ParametersOfEveryKindReachTheQuery) {
  Session session = db_->session();
  Params params = {{"i", 41},           {"f", 0.5},     {"s", "text"},
                   {"b", true},         {"n", nullptr}, {"l", List{1, "two"}},
                   {"m", Map{{"k", 3}}}};
  Result r = session.run(
      "RETURN $i + 1 AS i, $f * 2 AS f, $s + '!' AS s, NOT $b AS b, $n IS NULL AS n, "
      "size($l) AS l, $m.k AS k",
      params);
  const Record& row = r[0];
  EXPECT_EQ(row.get("i"), Value(42));
  EXPECT_EQ(row.get("f"), Value(1.0));
  EXPECT_EQ(row.get("s"), Value("text!"));
  EXPECT_EQ(row.get("b"), Value(false));
  EXPECT_EQ(row.get("n"), Value(true));
  EXPECT_EQ(row.get("l"), Value(2));
  EXPECT_EQ(row.get("k"), Value(3));
}

TEST_F(SessionTest, MissingParameterIsReportedBeforeRunning) {
  Outcome<Result> r = db_->session().try_run("CREATE (:T {v: $v})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().category(), "ParameterMissing");
  EXPECT_EQ(count(":T"), 0);
}

TEST_F(SessionTest, RecordsGiveNodesRelationshipsAndPathsTheirStructure) {
  Session session = db_->session();
  session.run("CREATE (:Person:Author {name: 'Ada'})-[:WROTE {year: 1843}]->(:Note {n: 'G'})");
  Result r = session.run("MATCH p = (a:Person)-[w:WROTE]->(b) RETURN a, w, b, p");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.columns(), (std::vector<std::string>{"a", "w", "b", "p"}));
  const Node& a = r[0].get("a").as_node();
  const Relationship& w = r[0].get("w").as_relationship();
  const Node& b = r[0].get("b").as_node();
  const Path& p = r[0].get("p").as_path();
  EXPECT_EQ(a.labels, (std::vector<std::string>{"Author", "Person"}));
  EXPECT_EQ(a.properties.at("name"), Value("Ada"));
  EXPECT_EQ(w.type, "WROTE");
  EXPECT_EQ(w.start, a.id);
  EXPECT_EQ(w.end, b.id);
  EXPECT_EQ(w.properties.at("year"), Value(1843));
  ASSERT_EQ(p.nodes.size(), 2u);
  EXPECT_EQ(p.nodes[0], a);
  EXPECT_EQ(p.relationships.at(0), w);
  EXPECT_EQ(r[0].get("p").to_string(),
            "<(:Author:Person {name: 'Ada'})-[:WROTE {year: 1843}]->(:Note {n: 'G'})>");
  EXPECT_THROW(r[0].get("missing"), Error);
}

TEST_F(SessionTest, NodeReturnedEarlierCanBeAParameter) {
  Session session = db_->session();
  session.run("CREATE (:A {k: 1}), (:A {k: 2})");
  Result first = session.run("MATCH (a:A {k: 2}) RETURN a");
  Result again = session.run("MATCH (a:A) WHERE a = $node RETURN a.k", {{"node", first[0][0]}});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0][0], Value(2));
}

TEST_F(SessionTest, ResultOutlivesItsSessionAndIteratesInOrder) {
  Result r;
  {
    Session session = db_->session();
    r = session.run("UNWIND range(1, 3) AS x RETURN x ORDER BY x DESC");
  }
  std::vector<int64_t> seen;
  for (const Record& row : r) {
    seen.push_back(row[0].as_int());
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{3, 2, 1}));
}

TEST_F(SessionTest, RepeatedQueryTextComesFromThePlanCache) {
  Session session = db_->session();
  Result first = session.run("RETURN $x AS x", {{"x", 1}});
  Result second = session.run("RETURN $x AS x", {{"x", 2}});
  EXPECT_FALSE(first.summary().plan_cached);
  EXPECT_TRUE(second.summary().plan_cached);
  EXPECT_EQ(second[0][0], Value(2));
}

TEST_F(SessionTest, ProfileReportsRowsPerOperator) {
  Session session = db_->session();
  session.run("UNWIND range(1, 10) AS i CREATE (:N {i: i})");
  Result r = session.run("PROFILE MATCH (n:N) WHERE n.i > 4 RETURN n.i");
  EXPECT_EQ(r.size(), 6u);
  ASSERT_FALSE(r.summary().profile.empty());
  EXPECT_EQ(r.summary().profile.front().depth, 0);
  EXPECT_EQ(r.summary().profile.front().rows, 6);
  EXPECT_FALSE(r.summary().plan.empty());

  Result explained = session.run("EXPLAIN MATCH (n:N) RETURN n");
  EXPECT_TRUE(explained.empty());
  EXPECT_FALSE(explained.summary().plan.empty());
  EXPECT_TRUE(explained.summary().profile.empty());
}

TEST_F(SessionTest, ReadOnlyDatabaseRefusesWriteStatements) {
  db_.reset();
  Options options;
  options.read_only = true;
  auto db = Database::open(dir_.path(), options);
  Outcome<Result> r = db->session().try_run("CREATE (:T)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().category(), "DatabaseError");
  EXPECT_EQ(r.error().detail(), "read_only");
  EXPECT_TRUE(db->session().try_run("MATCH (n) RETURN count(n)").ok());
}

TEST_F(SessionTest, ProceduresListWhatTheGraphHolds) {
  Session session = db_->session();
  session.run("CREATE (:B {y: 1})-[:R {z: 2}]->(:A {x: 1})");
  auto column = [&](std::string_view query) {
    std::vector<std::string> out;
    for (const Record& row : session.run(query)) {
      out.push_back(row[0].as_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(column("CALL db.labels() YIELD label RETURN label"),
            (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(column("CALL db.relationshipTypes()"), (std::vector<std::string>{"R"}));
  EXPECT_EQ(column("CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey"),
            (std::vector<std::string>{"x", "y", "z"}));
}

TEST_F(SessionTest, TableProcedureAnswersCallsFromItsRows) {
  register_table_procedure(
      *db_,
      TableProcedure{"test.square", {{"x", "INTEGER?"}}, {{"sq", "INTEGER?"}}, {{2, 4}, {3, 9}}});
  Result r = db_->session().run("CALL test.square(3) YIELD sq RETURN sq");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], Value(9));
}

}  // namespace
}  // namespace quiver
