#pragma once

// The openCypher TCK as data: features, scenarios (outlines expanded) and steps with their doc
// strings and tables, read from the JSON that gherkin_to_json.mjs writes. Test suites build on it:
// the query-text test in tests/query and the full TCK runner.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::tck {

using Table = std::vector<std::vector<std::string>>;

// One Given/When/Then step, placeholders of its outline already substituted.
struct Step {
  std::string keyword;       // "Given", "When", "Then", "And", "But"
  std::string keyword_type;  // Gherkin's resolved type: "Context", "Action", "Outcome", or ""
  std::string text;          // the step text after the keyword
  int line = 0;
  std::optional<std::string> doc_string;
  std::optional<Table> data_table;
};

// One runnable scenario: a plain scenario, or one Examples row of an outline.
struct Scenario {
  std::string feature_uri;  // path of the feature file relative to the features folder
  std::string feature_name;
  std::string name;
  int line = 0;
  std::vector<std::string> tags;  // feature, scenario and Examples tags, in that order
  std::optional<size_t> example;  // 1-based row number across the outline's Examples
  std::vector<Step> steps;        // the feature's Background steps first

  // "uri:line" or "uri:line#row": stable across runs, for allow-lists and messages.
  std::string id() const;

  bool has_tag(std::string_view tag) const;
};

struct Feature {
  std::string uri;
  std::string name;
  std::vector<std::string> tags;
  std::vector<Scenario> scenarios;
};

// An error a scenario expects: `Then a <category> should be raised at <phase>: <detail>`.
struct ExpectedError {
  std::string category;  // "SyntaxError", "TypeError", ...
  std::string phase;     // "compile time", "runtime" or "any time"
  std::string detail;    // may be empty
};

// The parsed error expectation of a step, or nullopt when the step is not one.
std::optional<ExpectedError> expected_error(const Step& step);

// The whole TCK as loaded from one JSON document. Immutable after loading; safe to share between
// threads.
class Suite {
 public:
  // Reads the JSON written by gherkin_to_json.mjs. Throws std::runtime_error when the file cannot
  // be read or does not have the expected shape.
  static Suite load(const std::string& json_path);

  const std::vector<Feature>& features() const { return features_; }

  // Number of runnable scenarios (outline rows counted one by one).
  size_t scenario_count() const;

 private:
  std::vector<Feature> features_;
};

}  // namespace quiver::tck
