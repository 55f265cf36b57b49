#include "shell/interactive.h"

#include <gtest/gtest.h>

#include <sstream>

#include "shell/commands.h"
#include "support/temp_dir.h"

namespace quiver::shell {
namespace {

using test_support::TempDir;

// One scripted shell session on a fresh database: INPUT is what the user types.
struct ShellRun {
  int code = 0;
  std::string out;
  std::string err;
};

ShellRun run_script(Database& db, const std::string& input, ShellSettings settings = {}) {
  std::istringstream in(input);
  StreamLineSource lines(in);
  std::ostringstream out, err;
  ShellRun run;
  run.code = run_shell(db, lines, settings, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

class InteractiveShell : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<Database> db_ = Database::open(dir_.path() / "db");
};

TEST_F(InteractiveShell, StatementSpanningLinesRunsAtItsSemicolon) {
  ShellRun run = run_script(*db_,
                            "CREATE (:N {v: 1}),\n  (:N {v: 2});\nMATCH (n:N)\nRETURN "
                            "sum(n.v) AS total;\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("total"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("3"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, FailedStatementShowsCaretAndSetsTheExitCodeButTheShellGoesOn) {
  ShellRun run = run_script(*db_, "RETURN nosuch;\nRETURN 41 + 1 AS answer;\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.err.find("UndefinedVariable"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("^"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("42"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, StopOnErrorEndsAtTheFirstFailure) {
  ShellSettings settings;
  settings.stop_on_error = true;
  ShellRun run = run_script(*db_, "RETURN nosuch;\nRETURN 41 + 1 AS answer;\n", settings);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_EQ(run.out.find("42"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, ParametersAreSetListedUsedAndCleared) {
  ShellRun run = run_script(*db_,
                            ":param min => 3\n:params\nUNWIND range(1, 5) AS x WITH x "
                            "WHERE x >= $min RETURN count(x) AS n;\n:params clear\n"
                            "RETURN $min;\n");
  EXPECT_EQ(run.code, kExitFailure);  // the last statement misses its parameter
  EXPECT_NE(run.out.find("$min = 3"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("| 3 "), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("min"), std::string::npos) << run.err;
}

TEST_F(InteractiveShell, ParametersGivenBeforeTheShellStartsAreSet) {
  ShellSettings settings;
  settings.params = {{"base", Value(int64_t{7})}};
  ShellRun run = run_script(*db_, ":params\nRETURN $base * 6 AS n;\n", settings);
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("$base = 7"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("| 42 "), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, ParameterThatIsNotALiteralIsRefused) {
  ShellRun run = run_script(*db_, ":param x => [1, \n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.err.find("not a Cypher literal"), std::string::npos) << run.err;
}

TEST_F(InteractiveShell, FormatSwitchesToCsvAndJson) {
  ShellRun run = run_script(*db_,
                            ":format csv\nRETURN 1 AS a, 'x' AS b;\n:format json\n"
                            "RETURN 2 AS c;\n:format xml\n");
  EXPECT_EQ(run.code, kExitFailure);  // xml is refused
  EXPECT_NE(run.out.find("a,b\r\n1,x\r\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"c\""), std::string::npos) << run.out;
  EXPECT_NE(run.err.find(":format expects"), std::string::npos) << run.err;
}

TEST_F(InteractiveShell, LongResultsAreCutWithACountOfTheRest) {
  ShellRun run = run_script(*db_, ":rows 3\nUNWIND range(1, 10) AS x RETURN x;\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("... 7 more rows"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, RowLimitMustBeAPositiveNumber) {
  for (const char* bad : {":rows 0\n", ":rows -1\n", ":rows 5x\n", ":rows\n"}) {
    ShellRun run = run_script(*db_, bad);
    EXPECT_EQ(run.code, kExitFailure) << bad;
    EXPECT_NE(run.err.find("positive number"), std::string::npos) << bad << run.err;
  }
}

TEST_F(InteractiveShell, TimingOffDropsTheSummaryLine) {
  ShellRun on = run_script(*db_, "RETURN 1 AS a;\n");
  ShellRun off = run_script(*db_, ":timing off\nRETURN 1 AS a;\n");
  EXPECT_NE(on.out.find("1 row"), std::string::npos) << on.out;
  EXPECT_EQ(off.out.find("1 row"), std::string::npos) << off.out;
}

TEST_F(InteractiveShell, SchemaListsLabelsTypesKeysAndIndexes) {
  ShellRun run = run_script(*db_,
                            "CREATE (:Course {code: 'A'})-[:COVERS]->(:Topic {name: 'x'});\n"
                            "CREATE INDEX FOR (c:Course) ON (c.code);\n:schema\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  for (const char* expected : {"2 nodes, 1 relationships", "Course", "COVERS", "code", "name"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
}

TEST_F(InteractiveShell, SourceRunsTheStatementsOfAFile) {
  std::string file = dir_.write("load.cypher", "CREATE (:S {v: 1});\nCREATE (:S {v: 2});\n");
  ShellRun run = run_script(*db_, ":source " + file +
                                      "\nMATCH (s:S) RETURN count(s) AS n;\n"
                                      ":source /no/such/file\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.out.find("| 2 "), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("cannot read"), std::string::npos) << run.err;
}

TEST_F(InteractiveShell, RollbackDiscardsAndCommitKeepsTheTransactionsWrites) {
  ShellRun run = run_script(*db_,
                            ":begin\nCREATE (:T);\n:rollback\n:begin\nCREATE (:T), (:T);\n"
                            ":commit\nMATCH (t:T) RETURN count(t) AS n;\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("rolled back"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("committed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("| 2 "), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, TransactionLeftOpenAtTheEndOfInputIsRolledBackAndFails) {
  ShellRun run = run_script(*db_, ":begin\nCREATE (:T);\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.err.find("rolled back"), std::string::npos) << run.err;
  ShellRun count = run_script(*db_, "MATCH (t:T) RETURN count(t) AS n;\n");
  EXPECT_NE(count.out.find("| 0 "), std::string::npos) << count.out;
}

TEST_F(InteractiveShell, TransactionCommandsOutOfOrderAreErrors) {
  ShellRun run = run_script(*db_, ":commit\n:begin\n:begin\n:rollback\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.err.find("no transaction is open"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("already open"), std::string::npos) << run.err;
}

TEST_F(InteractiveShell, UnknownCommandAndQuit) {
  ShellRun run = run_script(*db_, ":frobnicate\n:quit\nRETURN 1 AS never;\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_NE(run.err.find("unknown command :frobnicate"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("never"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, StatementWithoutItsSemicolonRunsAtTheEndOfInput) {
  ShellRun run = run_script(*db_, "RETURN 'last' AS word");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("last"), std::string::npos) << run.out;
}

TEST_F(InteractiveShell, HelpListsEveryCommand) {
  ShellRun run = run_script(*db_, ":help\n");
  for (const char* command : {":schema", ":param", ":params", ":format", ":timing", ":rows",
                              ":source", ":begin", ":commit", ":rollback", ":quit"}) {
    EXPECT_NE(run.out.find(command), std::string::npos) << command;
  }
}

}  // namespace
}  // namespace quiver::shell
