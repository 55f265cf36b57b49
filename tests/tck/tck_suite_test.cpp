#include "tck/tck_suite.h"
#include "support/temp_dir.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace quiver::tck {
namespace {

// Writes `text` to a file in a directory of this process's own and returns its path.
std::string write_temp(const std::string& text) {
  static test_support::TempDir dir("quiver-tck-suite");
  return dir.write("suite.json", text);
}

constexpr const char* kOutlineJson = R"({"root": "x", "features": [{
  "uri": "a/A1.feature", "name": "A1", "tags": ["@f"],
  "background": [{"keyword": "Given", "keywordType": "Context", "text": "an empty graph",
                  "line": 3, "docString": null, "dataTable": null}],
  "scenarios": [{
    "name": "Outline <v>", "keyword": "Scenario Outline", "line": 5, "tags": ["@s"],
    "steps": [{"keyword": "When", "keywordType": "Action", "text": "executing query:",
               "line": 6, "docString": "RETURN <v> AS x", "dataTable": null},
              {"keyword": "Then", "keywordType": "Outcome", "text": "the result should be:",
               "line": 9, "docString": null, "dataTable": [["x"], ["<v>"]]}],
    "examples": [{"name": "", "tags": ["@e"], "line": 12, "header": ["v"],
                  "rows": [["1"], ["'a'"]]}]
  }]
}]})";

TEST(TckSuiteTest, ExpandsOutlineRowsWithSubstitutedPlaceholders) {
  Suite suite = Suite::load(write_temp(kOutlineJson));

  ASSERT_EQ(suite.features().size(), 1u);
  ASSERT_EQ(suite.scenario_count(), 2u);
  const Scenario& second = suite.features()[0].scenarios[1];
  EXPECT_EQ(second.name, "Outline 'a'");
  EXPECT_EQ(second.id(), "a/A1.feature:5#2");
  ASSERT_EQ(second.steps.size(), 3u);
  EXPECT_EQ(second.steps[0].text, "an empty graph");
  EXPECT_EQ(second.steps[1].doc_string.value(), "RETURN 'a' AS x");
  EXPECT_EQ(second.steps[2].data_table.value()[1][0], "'a'");
  EXPECT_TRUE(second.has_tag("@f"));
  EXPECT_TRUE(second.has_tag("@s"));
  EXPECT_TRUE(second.has_tag("@e"));
}

TEST(TckSuiteTest, ParsesExpectedErrorSteps) {
  Step step;
  step.text = "a SyntaxError should be raised at compile time: UndefinedVariable";
  auto error = expected_error(step);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->category, "SyntaxError");
  EXPECT_EQ(error->phase, "compile time");
  EXPECT_EQ(error->detail, "UndefinedVariable");

  step.text = "the result should be empty";
  EXPECT_FALSE(expected_error(step).has_value());
}

TEST(TckSuiteTest, RejectsMalformedJson) {
  EXPECT_THROW(Suite::load(write_temp("{\"features\": 3}")), std::runtime_error);
  EXPECT_THROW(Suite::load(testing::TempDir() + "no-such-file.json"), std::runtime_error);
}

TEST(TckSuiteTest, LoadsTheSharedTck) {
  Suite suite = Suite::load(QUIVER_TCK_JSON);

  // The TCK has well over a hundred features; every scenario has at least one step.
  EXPECT_GT(suite.features().size(), 100u);
  for (const auto& feature : suite.features()) {
    for (const auto& scenario : feature.scenarios) {
      EXPECT_FALSE(scenario.steps.empty()) << scenario.id();
    }
  }
}

}  // namespace
}  // namespace quiver::tck
