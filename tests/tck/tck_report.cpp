#include "tck/tck_report.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace quiver::tck {

namespace {

struct Counts {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;

  void add(Verdict v) {
    (v == Verdict::kPassed ? passed : v == Verdict::kFailed ? failed : skipped) += 1;
  }
};

std::string counts_text(const Counts& c) {
  std::string out = std::to_string(c.passed) + " passed, " + std::to_string(c.failed) + " failed";
  if (c.skipped > 0) {
    out += ", " + std::to_string(c.skipped) + " skipped";
  }
  return out;
}

const char* verdict_name(Verdict v) {
  return v == Verdict::kPassed ? "passed" : v == Verdict::kFailed ? "failed" : "skipped";
}

// Failure kinds by count, most common first, ties by name.
std::vector<std::pair<std::string, size_t>> failure_kinds(
    const std::vector<ScenarioRecord>& records) {
  std::map<std::string, size_t> counts;
  for (const auto& r : records) {
    if (r.outcome.verdict == Verdict::kFailed) {
      ++counts[r.outcome.kind];
    }
  }
  std::vector<std::pair<std::string, size_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

std::string scenario_key(const Scenario& scenario) {
  std::string key = scenario.feature_uri + ": " + scenario.name;
  if (scenario.example) {
    key += " #" + std::to_string(*scenario.example);
  }
  return key;
}

std::string folder_of(const std::string& feature_uri) {
  size_t first = feature_uri.find('/');
  if (first == std::string::npos) {
    return ".";
  }
  size_t second = feature_uri.find('/', first + 1);
  return feature_uri.substr(0, second == std::string::npos ? first : second);
}

void print_summary(const std::vector<ScenarioRecord>& records, size_t top, std::ostream& out) {
  std::map<std::string, Counts> folders;
  Counts total;
  for (const auto& r : records) {
    folders[r.folder].add(r.outcome.verdict);
    total.add(r.outcome.verdict);
  }

  size_t width = 0;
  for (const auto& [folder, counts] : folders) {
    width = std::max(width, folder.size());
  }
  for (const auto& [folder, counts] : folders) {
    out << std::left << std::setw(static_cast<int>(width + 2)) << folder << counts_text(counts)
        << "\n";
  }

  auto kinds = failure_kinds(records);
  if (!kinds.empty()) {
    out << "\nMost common failure kinds:\n";
    for (size_t i = 0; i < kinds.size() && i < top; ++i) {
      out << std::right << std::setw(6) << kinds[i].second << "  " << kinds[i].first << "\n";
    }
  }
  out << "\n" << counts_text(total) << std::endl;
}

void write_json_report(const std::vector<ScenarioRecord>& records,
                       const std::filesystem::path& path) {
  nlohmann::json folders = nlohmann::json::object();
  nlohmann::json scenarios = nlohmann::json::array();
  Counts total;
  std::map<std::string, Counts> by_folder;
  for (const auto& r : records) {
    total.add(r.outcome.verdict);
    by_folder[r.folder].add(r.outcome.verdict);
    if (r.outcome.verdict != Verdict::kPassed) {
      scenarios.push_back({{"id", r.id},
                           {"feature", r.feature},
                           {"scenario", r.name},
                           {"verdict", verdict_name(r.outcome.verdict)},
                           {"kind", r.outcome.kind},
                           {"reason", r.outcome.reason},
                           {"seconds", r.seconds}});
    }
  }
  for (const auto& [folder, c] : by_folder) {
    folders[folder] = {{"passed", c.passed}, {"failed", c.failed}, {"skipped", c.skipped}};
  }
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& [kind, count] : failure_kinds(records)) {
    kinds.push_back({{"kind", kind}, {"count", count}});
  }

  nlohmann::json report = {
      {"total", records.size()},  {"passed", total.passed}, {"failed", total.failed},
      {"skipped", total.skipped}, {"folders", folders},     {"failure_kinds", kinds},
      {"not_passed", scenarios},
  };
  std::ofstream file(path);
  if (!file) {
    throw std::runtime_error("cannot write the report " + path.string());
  }
  file << report.dump(2) << "\n";
}

std::set<std::string> read_expected_passes(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read the expected-passes list " + path.string());
  }
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!line.empty() && line[0] != '#') {
      out.insert(line);
    }
  }
  return out;
}

void write_expected_passes(const std::vector<ScenarioRecord>& records,
                           const std::filesystem::path& path) {
  std::vector<std::string> ids;
  for (const auto& r : records) {
    if (r.outcome.verdict == Verdict::kPassed) {
      ids.push_back(r.id);
    }
  }
  std::sort(ids.begin(), ids.end());

  std::ofstream file(path);
  if (!file) {
    throw std::runtime_error("cannot write the expected-passes list " + path.string());
  }
  file << "# openCypher TCK scenarios that Quiver passes; quiver_tck --expected fails when one of\n"
       << "# them stops passing. Regenerate with: quiver_tck --expected FILE --update-expected\n";
  for (const auto& id : ids) {
    file << id << "\n";
  }
}

size_t check_expected_passes(const std::vector<ScenarioRecord>& records,
                             const std::set<std::string>& expected, std::ostream& out) {
  std::vector<const ScenarioRecord*> regressions;
  std::vector<const ScenarioRecord*> new_passes;
  size_t seen = 0;
  for (const auto& r : records) {
    bool listed = expected.count(r.id) > 0;
    seen += listed;
    bool passed = r.outcome.verdict == Verdict::kPassed;
    if (listed && !passed) {
      regressions.push_back(&r);
    } else if (!listed && passed) {
      new_passes.push_back(&r);
    }
  }

  if (!new_passes.empty()) {
    out << "\n" << new_passes.size() << " scenarios pass that the expected-passes list lacks:\n";
    for (const auto* r : new_passes) {
      out << "  + " << r->id << "\n";
    }
    out << "Add them: run quiver_tck with --update-expected and commit the list.\n";
  }
  if (seen < expected.size()) {
    out << "\n"
        << expected.size() - seen
        << " listed scenarios were not run (filtered out or no longer in the suite).\n";
  }
  if (!regressions.empty()) {
    out << "\nREGRESSION: " << regressions.size() << " listed scenarios no longer pass:\n";
    for (const auto* r : regressions) {
      out << "  - " << r->id << "\n      " << r->outcome.kind << "\n";
    }
  }
  return regressions.size();
}

}  // namespace quiver::tck
