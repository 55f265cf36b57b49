// `quiver import`: typed headers, CSV quoting, bad rows (stop with nothing written, or skip and
// report), and the shipped MovieLens and Open University data converted and imported whole.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "quiver/quiver.h"
#include "shell/commands.h"
#include "support/temp_dir.h"

namespace quiver::shell {
namespace {

using test_support::TempDir;

struct ImportRun {
  int code;
  std::string out, err;
};

ImportRun import(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  std::vector<std::string> all = args;
  all.push_back("--quiet");
  int code = run_import(all, out, err);
  return ImportRun{code, out.str(), err.str()};
}

int64_t scalar(const std::filesystem::path& dir, const std::string& query) {
  auto db = Database::open(dir);
  Session session = db->session();
  return session.run(query)[0][0].as_int();
}

TEST(Import, TypedColumnsQuotesAndNewlinesArriveAsProperties) {
  TempDir tmp;
  std::string people =
      tmp.write("people.csv",
                "id:ID(P):int,name,age:int,score:float,tags:string[],active:boolean,:LABEL\n"
                "1,\"Ada, Countess\",36,1.5,math;poetry,true,Person;Author\n"
                "2,\"multi\nline \"\"quoted\"\"\",,2,,false,Person\n"
                "3,Zoë,40,-0.25,x,TRUE,\n");
  std::string knows = tmp.write("knows.csv",
                                ":START_ID(P),:END_ID(P),since:int\n"
                                "1,2,1840\n"
                                "2,3,1850\n");
  ImportRun r = import(
      {(tmp.path() / "db").string(), "--nodes=Human=" + people, "--relationships=KNOWS=" + knows});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("imported 3 nodes and 2 relationships"), std::string::npos) << r.out;

  auto db = Database::open(tmp.path() / "db");
  Session session = db->session();
  Result ada = session.run(
      "MATCH (p:Person:Author:Human {id: 1}) RETURN p.name, p.age, p.score, p.tags, p.active");
  ASSERT_EQ(ada.size(), 1u);
  EXPECT_EQ(ada[0][0].as_string(), "Ada, Countess");
  EXPECT_EQ(ada[0][1].as_int(), 36);
  EXPECT_EQ(ada[0][2].as_double(), 1.5);
  EXPECT_EQ(ada[0][3], Value(List{"math", "poetry"}));
  EXPECT_TRUE(ada[0][4].as_bool());

  Result two = session.run("MATCH (p {id: 2}) RETURN p.name, p.age IS NULL, p.tags");
  EXPECT_EQ(two[0][0].as_string(), "multi\nline \"quoted\"");
  EXPECT_TRUE(two[0][1].as_bool());
  EXPECT_TRUE(two[0][2].is_null());

  EXPECT_EQ(session.run("MATCH (p {id: 3}) RETURN p.name")[0][0].as_string(), "Zoë");
  EXPECT_EQ(session
                .run("MATCH (:Person {id: 1})-[k:KNOWS]->(b)-[:KNOWS]->(c) "
                     "RETURN k.since, c.id")[0][1]
                .as_int(),
            3);
  EXPECT_TRUE(db->check_integrity().ok());
}

TEST(Import, ABadRowStopsTheImportWithFileLineAndReasonAndWritesNothing) {
  TempDir tmp;
  std::string nodes = tmp.write("n.csv",
                                "id:ID,age:int\n"
                                "a,1\n"
                                "\"b\nb\",2\n"
                                "c,old\n");
  ImportRun r = import({(tmp.path() / "db").string(), "--nodes=N=" + nodes});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("n.csv:5: column 'age': 'old' is not an integer"), std::string::npos)
      << r.err;
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n) RETURN count(n)"), 0);
}

TEST(Import, TextThatIsNotUtf8IsABadRow) {
  TempDir tmp;
  std::string nodes = tmp.write("n.csv", "id:ID,name\na,ok\nb,\xFF\xFE bad\nc,caf\xC3\xA9\n");
  const std::string db = (tmp.path() / "db").string();
  ImportRun stopped = import({db, "--nodes=N=" + nodes});
  EXPECT_EQ(stopped.code, kExitFailure);
  EXPECT_NE(stopped.err.find("n.csv:3: field 2 is not valid UTF-8 (byte 1)"), std::string::npos)
      << stopped.err;
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n) RETURN count(n)"), 0);

  ImportRun skipped = import({db, "--nodes=N=" + nodes, "--skip-bad-rows"});
  ASSERT_EQ(skipped.code, kExitOk) << skipped.err;
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n) RETURN count(n)"), 2);
}

TEST(Import, ADatabaseThatHoldsNodesIsRefusedUnlessAppending) {
  TempDir tmp;
  std::string nodes = tmp.write("n.csv", "id:ID,name\na,Ann\nb,Bo\n");
  const std::string db = (tmp.path() / "db").string();
  ASSERT_EQ(import({db, "--nodes=N=" + nodes}).code, kExitOk);

  ImportRun again = import({db, "--nodes=N=" + nodes});
  EXPECT_EQ(again.code, kExitFailure);
  EXPECT_NE(again.err.find("already holds 2 nodes"), std::string::npos) << again.err;
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n) RETURN count(n)"), 2);

  EXPECT_EQ(import({db, "--nodes=N=" + nodes, "--append"}).code, kExitOk);
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n) RETURN count(n)"), 4);
}

TEST(Import, SkippedBadRowsAreReportedAndTheRestIsImported) {
  TempDir tmp;
  std::string nodes = tmp.write("n.csv",
                                "id:ID\n"
                                "a\n"
                                "a\n"
                                "b\n");
  std::string rels = tmp.write("r.csv",
                               ":START_ID,:END_ID,:TYPE\n"
                               "a,b,LIKES\n"
                               "a,zz,LIKES\n"
                               "a,b\n"
                               "b,a,\n");
  ImportRun r = import({(tmp.path() / "db").string(), "--nodes=N=" + nodes,
                        "--relationships=" + rels, "--skip-bad-rows"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("skipped 4 bad rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("n.csv:3: the id 'a' appears twice"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("r.csv:3: :END_ID 'zz' names no node"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("r.csv:4: expected 3 fields, found 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("r.csv:5: the :TYPE field is empty"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH (n:N) RETURN count(n)"), 2);
  EXPECT_EQ(scalar(tmp.path() / "db", "MATCH ()-[r:LIKES]->() RETURN count(r)"), 1);
}

TEST(Import, BrokenFilesAndHeadersGiveClearErrors) {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();

  ImportRun missing = import({db, "--nodes=" + (tmp.path() / "nope.csv").string()});
  EXPECT_EQ(missing.code, kExitFailure);
  EXPECT_NE(missing.err.find("nope.csv: cannot open"), std::string::npos) << missing.err;

  ImportRun type = import({db, "--nodes=" + tmp.write("t.csv", "id:ID,x:decimal\n1,2\n")});
  EXPECT_NE(type.err.find("unknown type 'decimal'"), std::string::npos) << type.err;

  ImportRun quote = import({db, "--nodes=" + tmp.write("q.csv", "id:ID,x\n1,\"open\n2,b\n")});
  EXPECT_EQ(quote.code, kExitFailure);
  EXPECT_NE(quote.err.find("malformed CSV"), std::string::npos) << quote.err;

  ImportRun rel = import({db, "--relationships=" + tmp.write("r.csv", ":START_ID,x\n1,2\n")});
  EXPECT_NE(rel.err.find("needs :START_ID and :END_ID"), std::string::npos) << rel.err;

  ImportRun usage = import({db});
  EXPECT_EQ(usage.code, kExitUsage);
  EXPECT_EQ(scalar(db, "MATCH (n) RETURN count(n)"), 0);
}

TEST(Import, ShippedDatasetsImportWithTheSourceCounts) {
  TempDir tmp;
  std::filesystem::path csv = tmp.path() / "csv";
  std::string convert =
      std::string("python3 ") + QUIVER_SOURCE_DIR + "/data/convert.py " + csv.string();
  ASSERT_EQ(std::system(convert.c_str()), 0);

  std::vector<std::string> args{(tmp.path() / "db").string()};
  std::ifstream list(csv / "import-args.txt");
  for (std::string line; std::getline(list, line);) {
    size_t eq = line.rfind('=');
    args.push_back(line.substr(0, eq + 1) + (csv / line.substr(eq + 1)).string());
  }
  ImportRun r = import(args);
  ASSERT_EQ(r.code, kExitOk) << r.err;

  std::filesystem::path db = tmp.path() / "db";
  EXPECT_EQ(scalar(db, "MATCH ()-[r:RATED]->() RETURN count(r)"), 100836);
  EXPECT_EQ(scalar(db, "MATCH (m:Movie) RETURN count(m)"), 9742);
  EXPECT_EQ(scalar(db, "MATCH (u:User) RETURN count(u)"), 610);
  EXPECT_EQ(scalar(db, "MATCH ()-[t:TAGGED]->() RETURN count(t)"), 3683);
  EXPECT_EQ(scalar(db, "MATCH ()-[e:ENROLLED]->() RETURN count(e)"), 32593);
  EXPECT_EQ(scalar(db, "MATCH (c:Content) RETURN count(c)"), 6364);
  EXPECT_EQ(scalar(db, "MATCH (p:Presentation) RETURN count(p)"), 22);
  EXPECT_EQ(scalar(db, "MATCH (a:Assessment) RETURN count(a)"), 206);
  auto opened = Database::open(db);
  EXPECT_TRUE(opened->check_integrity().ok());
}

}  // namespace
}  // namespace quiver::shell
