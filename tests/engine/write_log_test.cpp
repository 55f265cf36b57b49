// The log lines of large writes (quiver/log.h): progress while a statement runs, a summary when
// it or its transaction commits, and nothing for small statements.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <string>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

size_t occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// Registers a logger under kLoggerName that writes into a string, as a program would before
// opening its database.
class WriteLogTest : public ::testing::Test {
 protected:
  WriteLogTest() {
    spdlog::drop(kLoggerName);
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    sink->set_pattern("%l %v");
    spdlog::register_logger(std::make_shared<spdlog::logger>(kLoggerName, sink));
  }
  ~WriteLogTest() override { spdlog::drop(kLoggerName); }

  std::unique_ptr<Database> open(uint64_t every) {
    Options options;
    options.durable = false;
    options.log_progress_every = every;
    return Database::open(dir_.path(), options);
  }

  std::string log() { return lines_.str(); }

  TempDir dir_;
  std::ostringstream lines_;
};

TEST_F(WriteLogTest, LargeStatementLogsProgressAndACommitSummary) {
  auto db = open(1000);
  db->session().run("UNWIND range(1, 5000) AS x CREATE (:W {x: x})");
  std::string text = log();
  EXPECT_GE(occurrences(text, "info large write: "), 3u) << text;
  EXPECT_EQ(occurrences(text, "info large write committed: "), 1u) << text;
  EXPECT_NE(text.find("5000 nodes created, 5000 properties set"), std::string::npos) << text;
  EXPECT_NE(text.find("UNWIND range(1, 5000) AS x CREATE (:W {x: x})"), std::string::npos) << text;
}

TEST_F(WriteLogTest, SmallStatementsAndReadsLogNothing) {
  auto db = open(1000);
  Session session = db->session();
  session.run("UNWIND range(1, 300) AS x CREATE (:W {x: x})");
  session.run("MATCH (w:W) RETURN count(w)");
  session.run("UNWIND range(1, 100000) AS x RETURN count(x)");
  EXPECT_EQ(log(), "");
}

TEST_F(WriteLogTest, DefaultThresholdKeepsMediumStatementsQuiet) {
  auto db = open(Options().log_progress_every);
  db->session().run("UNWIND range(1, 20000) AS x CREATE (:W {x: x})");
  EXPECT_EQ(log(), "");
}

TEST_F(WriteLogTest, LargeTransactionLogsItsCommit) {
  auto db = open(1000);
  Transaction txn = db->session().begin_write();
  for (int i = 0; i < 3; ++i) {
    txn.run("UNWIND range(1, 200) AS x CREATE (:T {x: x})");
  }
  EXPECT_EQ(log(), "");  // no statement on its own reaches the threshold
  txn.commit();
  std::string text = log();
  EXPECT_EQ(occurrences(text, "info large transaction committed: 1800 changes"), 1u) << text;
  EXPECT_NE(text.find("in 3 statements"), std::string::npos) << text;
}

TEST_F(WriteLogTest, ZeroTurnsTheLinesOff) {
  auto db = open(0);
  db->session().run("UNWIND range(1, 5000) AS x CREATE (:W {x: x})");
  EXPECT_EQ(log(), "");
}

}  // namespace
}  // namespace quiver
