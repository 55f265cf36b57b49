#include "shell/commands.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace quiver::shell {
namespace {

using test_support::TempDir;

TEST(ShellCommands, DemoThenCheckPassesWithTheSameCountsEveryTime) {
  TempDir dir;
  std::ostringstream out1, out2, err;
  ASSERT_EQ(run_demo({dir.str("a")}, out1, err), kExitOk) << err.str();
  ASSERT_EQ(run_demo({dir.str("b")}, out2, err), kExitOk) << err.str();
  EXPECT_EQ(out1.str().substr(0, out1.str().find(" in ")),
            out2.str().substr(0, out2.str().find(" in ")));
  std::ostringstream check;
  EXPECT_EQ(run_check({dir.str("a")}, check, err), kExitOk) << err.str();
  EXPECT_NE(check.str().find("integrity: ok"), std::string::npos);
  EXPECT_NE(check.str().find("[:BOUGHT]"), std::string::npos);
}

TEST(ShellCommands, DemoRefusesANonEmptyDirectoryUnlessForced) {
  TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(run_demo({dir.str("db")}, out, err), kExitOk);
  EXPECT_EQ(run_demo({dir.str("db")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("not empty"), std::string::npos);
  EXPECT_EQ(run_demo({dir.str("db"), "--force"}, out, err), kExitOk);

  std::filesystem::create_directory(dir.str("other"));
  std::ofstream(dir.str("other/notes.txt")) << "keep me";
  EXPECT_EQ(run_demo({dir.str("other"), "--force"}, out, err), kExitFailure);
  EXPECT_TRUE(std::filesystem::exists(dir.str("other/notes.txt")));
}

TEST(ShellCommands, CheckOfMissingDirectoryFailsWithMessage) {
  TempDir dir;
  std::ostringstream out, err;
  EXPECT_EQ(run_check({dir.str("absent")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("not_found"), std::string::npos);
  EXPECT_EQ(run_check({}, out, err), kExitUsage);
  EXPECT_EQ(run_demo({}, out, err), kExitUsage);
}

TEST(ShellCommands, QueryCreatesTheDatabaseAndPrintsATableWithASummary) {
  TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(
      run_query({dir.str("db"), "-c", "CREATE (:P {name: 'Ada'}), (:P {name: 'Bo'})"}, out, err),
      kExitOk)
      << err.str();
  EXPECT_NE(out.str().find("0 rows, 2 nodes created, 2 properties set, 2 labels added"),
            std::string::npos)
      << out.str();

  std::ostringstream table;
  ASSERT_EQ(run_query({dir.str("db"), "-c", "MATCH (p:P) RETURN p.name AS name ORDER BY name"},
                      table, err),
            kExitOk);
  EXPECT_EQ(table.str().substr(0, table.str().find("2 rows")),
            "+-------+\n| name  |\n+-------+\n| 'Ada' |\n| 'Bo'  |\n+-------+\n");
}

TEST(ShellCommands, QueryFileRunsEveryStatementInOrder) {
  TempDir dir;
  std::ofstream(dir.str("script.cypher"))
      << "// a script\nCREATE (:T {s: 'a;b'});\nCREATE (:T {s: 'c'}) ;\n"
         "MATCH (t:T) RETURN t.s AS s ORDER BY s;\n";
  std::ostringstream out, err;
  ASSERT_EQ(run_query({dir.str("db"), "-f", dir.str("script.cypher"), "--format", "csv"}, out, err),
            kExitOk)
      << err.str();
  EXPECT_EQ(out.str(), "s\r\na;b\r\nc\r\n");
}

TEST(ShellCommands, QueryOptionMayHoldSeveralStatements) {
  TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(run_query({dir.str("db"), "-c", "CREATE (:T {s: ';'}); MATCH (t:T) RETURN t.s AS s;",
                       "--format", "csv"},
                      out, err),
            kExitOk)
      << err.str();
  EXPECT_EQ(out.str(), "s\r\n;\r\n");
}

TEST(ShellCommands, QueryParametersAreCypherLiterals) {
  TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(run_query({dir.str("db"), "--param", "xs=[1, 2, 3]", "-p", "name='Ada'", "-c",
                       "RETURN size($xs) AS n, $name AS name", "--format", "json"},
                      out, err),
            kExitOk)
      << err.str();
  EXPECT_EQ(out.str().substr(0, out.str().find(",\"time_ms\"")),
            R"({"columns":["n","name"],"counters":{},"rows":[[3,"Ada"]])");

  std::ostringstream bad;
  EXPECT_EQ(run_query({dir.str("db"), "--param", "x=[1,", "-c", "RETURN $x"}, out, bad),
            kExitFailure);
  EXPECT_NE(bad.str().find("parameter x"), std::string::npos) << bad.str();
}

TEST(ShellCommands, QueryErrorShowsCategoryPositionAndCaretAndStops) {
  TempDir dir;
  std::ofstream(dir.str("bad.cypher")) << "CREATE (:A);\n\nMATCH (n) RETURN m;\nCREATE (:B);\n";
  std::ostringstream out, err;
  EXPECT_EQ(run_query({dir.str("db"), "-f", dir.str("bad.cypher")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("SyntaxError (UndefinedVariable)"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("line 1, column 18"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("MATCH (n) RETURN m\n                 ^"), std::string::npos)
      << err.str();
  EXPECT_NE(err.str().find("starting at line 3 of"), std::string::npos) << err.str();

  std::ostringstream count, err2;
  ASSERT_EQ(run_query({dir.str("db"), "-c", "MATCH (n) RETURN count(n) AS n", "--format", "csv"},
                      count, err2),
            kExitOk);
  EXPECT_EQ(count.str(), "n\r\n1\r\n");  // the statement after the failed one never ran
}

TEST(ShellCommands, QueryTimeoutStopsALongStatementAndFails) {
  TempDir dir;
  std::ostringstream out, err;
  EXPECT_EQ(run_query({dir.str("db"), "--timeout", "200", "-c",
                       "UNWIND range(1, 1000) AS i CREATE (:P {i: i})", "-c",
                       "MATCH (a:P), (b:P), (c:P) WHERE a.i <= b.i RETURN count(*)"},
                      out, err),
            kExitFailure);
  EXPECT_NE(err.str().find("TimeoutError (QueryTimeout)"), std::string::npos) << err.str();

  std::ostringstream quick, err2;
  EXPECT_EQ(run_query({dir.str("db"), "--timeout", "60000", "-c", "RETURN 1 AS one"}, quick, err2),
            kExitOk)
      << err2.str();
  EXPECT_EQ(run_query({dir.str("db"), "--timeout", "soon", "-c", "RETURN 1"}, out, err),
            kExitUsage);
}

TEST(ShellCommands, QueryCommandLineMistakesAreUsageErrors) {
  TempDir dir;
  std::ostringstream out, err;
  EXPECT_EQ(run_query({}, out, err), kExitUsage);
  EXPECT_EQ(run_query({dir.str("db"), "-c"}, out, err), kExitUsage);
  EXPECT_EQ(run_query({dir.str("db"), "-c", "RETURN 1", "--format", "xml"}, out, err), kExitUsage);
  EXPECT_EQ(run_query({dir.str("db"), "-p", "novalue", "-c", "RETURN 1"}, out, err), kExitUsage);
  EXPECT_FALSE(std::filesystem::exists(dir.str("db")));
}

TEST(ShellCommands, QueryOfAMissingFileFails) {
  TempDir dir;
  std::ostringstream out, err;
  EXPECT_EQ(run_query({dir.str("db"), "-f", dir.str("absent.cypher")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace quiver::shell
