// Every query text of the openCypher TCK goes through the front end (parse + analyze): it must be
// accepted, or rejected with exactly the category and detail its scenario expects when that is a
// compile-time error. Known mismatches are listed, one scenario id per line, in
// tck_known_mismatches.txt; anything else fails the test.

#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/analyze/analyzer.h"
#include "query/errors.h"
#include "tck/tck_suite.h"

namespace quiver::query {
namespace {

// Procedures a scenario declares with `there exists a procedure name(in :: T) :: (out :: T):`.
std::map<std::string, ProcedureSignature> declared_procedures(const tck::Scenario& scenario) {
  static const std::regex kDeclaration(
      R"(there exists a procedure ([\w.]+)\((.*)\)\s*::\s*\((.*)\)\s*:?)");
  static const std::regex kField(R"((\w+)\s*::\s*([\w?]+(?:\s+OF\s+[\w?]+)?))");
  auto fields = [](const std::string& text) {
    std::vector<ProcedureField> out;
    for (std::sregex_iterator it(text.begin(), text.end(), kField), end; it != end; ++it) {
      out.push_back({(*it)[1].str(), (*it)[2].str()});
    }
    return out;
  };

  std::map<std::string, ProcedureSignature> out;
  for (const auto& step : scenario.steps) {
    std::smatch match;
    if (std::regex_match(step.text, match, kDeclaration)) {
      ProcedureSignature signature{match[1].str(), fields(match[2].str()), fields(match[3].str())};
      out[signature.name] = signature;
    }
  }
  return out;
}

// Parameter names a scenario supplies with `parameters are:` tables.
std::unordered_set<std::string> supplied_parameters(const tck::Scenario& scenario) {
  std::unordered_set<std::string> out;
  for (const auto& step : scenario.steps) {
    if (step.text.rfind("parameters are", 0) == 0 && step.data_table) {
      for (const auto& row : *step.data_table) {
        if (!row.empty()) {
          out.insert(row[0]);
        }
      }
    }
  }
  return out;
}

bool is_query_step(const tck::Step& step) {
  return step.doc_string && (step.text == "executing query:" || step.text == "having executed:" ||
                             step.text == "executing control query:");
}

std::set<std::string> load_allow_list(const std::string& path) {
  std::set<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    size_t end = line.find_first_of(" \t#");
    std::string id = line.substr(0, end);
    if (!id.empty()) {
      out.insert(id);
    }
  }
  return out;
}

struct Tally {
  size_t total = 0;
  size_t accepted = 0;
  size_t rejected = 0;
  std::vector<std::pair<std::string, std::string>> mismatches;  // scenario id, what happened
};

// Runs one query of a scenario and records whether the outcome matches the expectation.
void check_query(const tck::Scenario& scenario, const tck::Step& step,
                 const std::optional<tck::ExpectedError>& expected, const AnalyzeOptions& options,
                 Tally& tally) {
  ++tally.total;
  bool expect_rejection =
      expected && expected->phase == "compile time" && step.text != "having executed:";
  std::string where = scenario.id() + " (line " + std::to_string(step.line) + ")";
  try {
    (void)compile(*step.doc_string, options);
    if (expect_rejection) {
      tally.mismatches.push_back({scenario.id(), where + ": accepted, expected " +
                                                     expected->category + ": " + expected->detail});
    } else {
      ++tally.accepted;
    }
  } catch (const QueryError& e) {
    bool same = expect_rejection && category_name(e.category()) == expected->category &&
                (expected->detail.empty() || e.detail() == expected->detail);
    if (same) {
      ++tally.rejected;
      return;
    }
    std::string wanted =
        expect_rejection ? expected->category + ": " + expected->detail : std::string("acceptance");
    tally.mismatches.push_back(
        {scenario.id(), where + ": rejected with " + std::string(category_name(e.category())) +
                            ": " + e.detail() + " (" + e.message() + "), expected " + wanted});
  }
}

TEST(TckQueriesTest, EveryQueryTextCompilesOrFailsAsItsScenarioExpects) {
  tck::Suite suite = tck::Suite::load(QUIVER_TCK_JSON);
  std::set<std::string> allowed = load_allow_list(QUIVER_TCK_ALLOW_LIST);

  Tally tally;
  for (const auto& feature : suite.features()) {
    for (const auto& scenario : feature.scenarios) {
      std::optional<tck::ExpectedError> expected;
      for (const auto& step : scenario.steps) {
        if (auto e = tck::expected_error(step)) {
          expected = e;
        }
      }
      auto procedures = declared_procedures(scenario);
      AnalyzeOptions options;
      options.find_procedure = [&procedures](std::string_view name) -> const ProcedureSignature* {
        auto it = procedures.find(std::string(name));
        return it == procedures.end() ? nullptr : &it->second;
      };
      options.parameter_names = supplied_parameters(scenario);
      for (const auto& step : scenario.steps) {
        if (is_query_step(step)) {
          check_query(scenario, step, expected, options, tally);
        }
      }
    }
  }

  size_t unexpected = 0;
  std::set<std::string> seen;
  for (const auto& [id, what] : tally.mismatches) {
    seen.insert(id);
    bool known = allowed.count(id) > 0;
    unexpected += known ? 0 : 1;
    std::cout << (known ? "known mismatch: " : "MISMATCH: ") << what << "\n";
  }
  for (const auto& id : allowed) {
    if (seen.count(id) == 0) {
      std::cout << "allow-list entry now passes (remove it): " << id << "\n";
    }
  }
  std::cout << "TCK query texts: " << tally.total << " total, " << tally.accepted
            << " accepted as expected, " << tally.rejected << " rejected as expected, "
            << tally.mismatches.size() << " mismatches (" << allowed.size() << " allow-listed)\n";

  EXPECT_GT(tally.total, 1000u);
  EXPECT_EQ(unexpected, 0u) << "query texts whose outcome differs from their scenario";
}

}  // namespace
}  // namespace quiver::query
