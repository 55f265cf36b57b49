#include "tck/tck_pool.h"
#include "support/temp_dir.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

namespace quiver::tck {
namespace {

namespace fs = std::filesystem;

Scenario make_scenario(const std::string& uri, const std::string& name) {
  Scenario s;
  s.feature_uri = uri;
  s.name = name;
  return s;
}

// Plays a scenario by its name: "pass", "fail", "crash", "hang", or "skip".
ScenarioOutcome play(const Scenario& s, const ScenarioEnvironment& env) {
  if (s.name == "crash") {
    std::raise(SIGSEGV);
  }
  if (s.name == "hang") {
    std::this_thread::sleep_for(std::chrono::seconds(30));
  }
  if (s.name == "skip") {
    return {Verdict::kSkipped, "tagged @ignore", ""};
  }
  if (s.name == "fail") {
    return {Verdict::kFailed, "wrong rows", "row 1 differs"};
  }
  // A pass also proves the scenario got a folder of its own.
  return {fs::exists(env.database_dir.parent_path()) ? Verdict::kPassed : Verdict::kFailed, "", ""};
}

class TckPoolTest : public testing::Test {
 protected:
  test_support::TempDir scratch_{"quiver-tck-pool"};
  fs::path dir_ = scratch_.path();
};

TEST_F(TckPoolTest, CrashAndHangAreOneFailureEachAndTheRunGoesOn) {
  std::vector<Scenario> all = {
      make_scenario("a/b/One.feature", "pass"), make_scenario("a/b/One.feature", "crash"),
      make_scenario("a/c/Two.feature", "hang"), make_scenario("a/c/Two.feature", "fail"),
      make_scenario("Three.feature", "skip"),   make_scenario("a/b/One.feature", "pass")};
  all.back().example = 2;
  std::vector<const Scenario*> scenarios;
  for (const auto& s : all) {
    scenarios.push_back(&s);
  }

  size_t reported = 0;
  auto started = std::chrono::steady_clock::now();
  auto records = run_in_children(scenarios, {2, 3, dir_, dir_}, play,
                                 [&](const ScenarioRecord&) { ++reported; });
  auto took = std::chrono::steady_clock::now() - started;

  ASSERT_EQ(records.size(), all.size());
  EXPECT_EQ(reported, all.size());
  EXPECT_LT(took, std::chrono::seconds(20));
  EXPECT_EQ(records[0].outcome.verdict, Verdict::kPassed);
  EXPECT_EQ(records[1].outcome.verdict, Verdict::kFailed);
  EXPECT_EQ(records[1].outcome.kind.rfind("crash", 0), 0u) << records[1].outcome.kind;
  EXPECT_EQ(records[2].outcome.kind, "timeout");
  EXPECT_EQ(records[3].outcome.reason, "row 1 differs");
  EXPECT_EQ(records[4].outcome.verdict, Verdict::kSkipped);
  EXPECT_EQ(records[5].outcome.verdict, Verdict::kPassed);

  EXPECT_EQ(records[0].folder, "a/b");
  EXPECT_EQ(records[4].folder, ".");
  EXPECT_EQ(records[5].id, "a/b/One.feature: pass #2");

  // Every scenario's folder is gone afterwards.
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(TckPoolTest, SummaryEndsWithTheTotalsLine) {
  std::vector<ScenarioRecord> records(3);
  records[0].folder = "clauses/match";
  records[0].outcome = {Verdict::kPassed, "", ""};
  records[1].folder = "clauses/match";
  records[1].outcome = {Verdict::kFailed, "wrong rows", "x"};
  records[2].folder = "expressions/list";
  records[2].outcome = {Verdict::kSkipped, "tagged @ignore", ""};

  std::ostringstream out;
  print_summary(records, 10, out);
  std::string text = out.str();
  EXPECT_NE(text.find("clauses/match     1 passed, 1 failed\n"), std::string::npos) << text;
  EXPECT_NE(text.find("1  wrong rows"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.rfind('\n', text.size() - 2) + 1), "1 passed, 1 failed, 1 skipped\n");
}

TEST_F(TckPoolTest, GuardCountsRegressionsAndListsNewPasses) {
  std::vector<ScenarioRecord> records(3);
  records[0].id = "kept";
  records[0].outcome = {Verdict::kPassed, "", ""};
  records[1].id = "lost";
  records[1].outcome = {Verdict::kFailed, "wrong rows", "x"};
  records[2].id = "new";
  records[2].outcome = {Verdict::kPassed, "", ""};

  std::ostringstream out;
  EXPECT_EQ(check_expected_passes(records, {"kept", "lost", "gone"}, out), 1u);
  EXPECT_NE(out.str().find("  - lost"), std::string::npos);
  EXPECT_NE(out.str().find("  + new"), std::string::npos);
  EXPECT_NE(out.str().find("1 listed scenarios were not run"), std::string::npos);

  fs::path list = dir_ / "expected.txt";
  write_expected_passes(records, list);
  EXPECT_EQ(read_expected_passes(list), (std::set<std::string>{"kept", "new"}));
  std::ostringstream quiet;
  EXPECT_EQ(check_expected_passes(records, read_expected_passes(list), quiet), 0u);
}

}  // namespace
}  // namespace quiver::tck
