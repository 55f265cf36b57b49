#include "tck/tck_suite.h"

#include <fstream>
#include <map>
#include <regex>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace quiver::tck {

namespace {

using nlohmann::json;

using Substitutions = std::map<std::string, std::string>;

// Replaces every <name> of an outline by its value in the current Examples row.
std::string substitute(std::string text, const Substitutions& values) {
  for (const auto& [name, value] : values) {
    std::string placeholder = "<" + name + ">";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

Step read_step(const json& j, const Substitutions& values) {
  Step step;
  step.keyword = j.at("keyword").get<std::string>();
  step.keyword_type = j.value("keywordType", "");
  step.text = substitute(j.at("text").get<std::string>(), values);
  step.line = j.at("line").get<int>();
  if (!j.at("docString").is_null()) {
    step.doc_string = substitute(j.at("docString").get<std::string>(), values);
  }
  if (!j.at("dataTable").is_null()) {
    Table table;
    for (const auto& row : j.at("dataTable")) {
      std::vector<std::string> cells;
      for (const auto& cell : row) {
        cells.push_back(substitute(cell.get<std::string>(), values));
      }
      table.push_back(std::move(cells));
    }
    step.data_table = std::move(table);
  }
  return step;
}

std::vector<std::string> read_strings(const json& j) {
  std::vector<std::string> out;
  for (const auto& item : j) {
    out.push_back(item.get<std::string>());
  }
  return out;
}

Scenario make_scenario(const Feature& feature, const json& background, const json& s,
                       const std::vector<std::string>& extra_tags, const Substitutions& values) {
  Scenario out;
  out.feature_uri = feature.uri;
  out.feature_name = feature.name;
  out.name = substitute(s.at("name").get<std::string>(), values);
  out.line = s.at("line").get<int>();
  out.tags = feature.tags;
  for (const auto& tag : read_strings(s.at("tags"))) {
    out.tags.push_back(tag);
  }
  out.tags.insert(out.tags.end(), extra_tags.begin(), extra_tags.end());
  for (const auto& step : background) {
    out.steps.push_back(read_step(step, values));
  }
  for (const auto& step : s.at("steps")) {
    out.steps.push_back(read_step(step, values));
  }
  return out;
}

// Appends the scenarios of one Gherkin scenario: itself, or one per row of its Examples.
void expand(Feature& feature, const json& background, const json& s) {
  const json& examples = s.at("examples");
  if (examples.empty()) {
    feature.scenarios.push_back(make_scenario(feature, background, s, {}, {}));
    return;
  }
  size_t row_number = 0;
  for (const auto& block : examples) {
    std::vector<std::string> header = read_strings(block.at("header"));
    std::vector<std::string> block_tags = read_strings(block.at("tags"));
    for (const auto& row : block.at("rows")) {
      Substitutions values;
      for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
        values[header[i]] = row[i].get<std::string>();
      }
      Scenario scenario = make_scenario(feature, background, s, block_tags, values);
      scenario.example = ++row_number;
      feature.scenarios.push_back(std::move(scenario));
    }
  }
}

}  // namespace

std::string Scenario::id() const {
  std::string text = feature_uri + ":" + std::to_string(line);
  if (example) {
    text += "#" + std::to_string(*example);
  }
  return text;
}

bool Scenario::has_tag(std::string_view tag) const {
  for (const auto& t : tags) {
    if (t == tag) {
      return true;
    }
  }
  return false;
}

std::optional<ExpectedError> expected_error(const Step& step) {
  static const std::regex kPattern(
      R"(an? (\w+) should be raised at (compile time|runtime|any time)(?::\s*(\w+))?\s*)");
  std::smatch match;
  if (!std::regex_match(step.text, match, kPattern)) {
    return std::nullopt;
  }
  return ExpectedError{match[1].str(), match[2].str(), match[3].str()};
}

Suite Suite::load(const std::string& json_path) {
  std::ifstream in(json_path);
  if (!in) {
    throw std::runtime_error("cannot read TCK JSON file " + json_path);
  }

  Suite suite;
  try {
    json document = json::parse(in);
    for (const auto& f : document.at("features")) {
      Feature feature;
      feature.uri = f.at("uri").get<std::string>();
      feature.name = f.at("name").get<std::string>();
      feature.tags = read_strings(f.at("tags"));
      for (const auto& s : f.at("scenarios")) {
        expand(feature, f.at("background"), s);
      }
      suite.features_.push_back(std::move(feature));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("malformed TCK JSON file " + json_path + ": " + e.what());
  }
  return suite;
}

size_t Suite::scenario_count() const {
  size_t count = 0;
  for (const auto& feature : features_) {
    count += feature.scenarios.size();
  }
  return count;
}

}  // namespace quiver::tck
