#pragma once

// What a TCK run reports: counts per folder and in total, the JSON report with every failure's
// reason, and the guard that compares the passes with the checked-in list of expected passes.

#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tck/tck_scenario.h"

namespace quiver::tck {

// One expanded scenario after its run.
struct ScenarioRecord {
  std::string id;      // stable id, see scenario_key()
  std::string folder;  // first two folders of the feature path, e.g. "clauses/match"
  std::string feature;
  std::string name;
  ScenarioOutcome outcome;
  double seconds = 0;
};

// The id the guard list uses: "<feature path>: <scenario name>" plus " #<n>" for the n-th
// Examples row of an outline. Line numbers are left out so that edits elsewhere in a feature file
// do not change it.
std::string scenario_key(const Scenario& scenario);

// The folder a feature path belongs to in the per-folder counts.
std::string folder_of(const std::string& feature_uri);

// Writes one line per folder ("clauses/match  12 passed, 3 failed"), the most common failure
// kinds (at most TOP), and last the line "N passed, N failed" (", N skipped" when any).
void print_summary(const std::vector<ScenarioRecord>& records, size_t top, std::ostream& out);

// Writes the JSON report to PATH: totals, per-folder counts, failure kinds with counts, and
// every failed or skipped scenario with its reason. Throws std::runtime_error when PATH cannot be
// written.
void write_json_report(const std::vector<ScenarioRecord>& records,
                       const std::filesystem::path& path);

// Reads a guard list: one scenario id per line; blank lines and lines starting with '#' are
// ignored. Throws std::runtime_error when PATH cannot be read.
std::set<std::string> read_expected_passes(const std::filesystem::path& path);

// Writes the ids of the passing RECORDS to PATH, sorted, under a comment that says what the
// file is. Throws std::runtime_error when PATH cannot be written.
void write_expected_passes(const std::vector<ScenarioRecord>& records,
                           const std::filesystem::path& path);

// Compares RECORDS with the EXPECTED passes: prints every listed scenario that did not pass
// (a regression) and every passing scenario missing from the list, with what to do about each.
// Listed ids that were not run (not in the suite, or filtered out) are counted, not judged.
// Returns the number of regressions.
size_t check_expected_passes(const std::vector<ScenarioRecord>& records,
                             const std::set<std::string>& expected, std::ostream& out);

}  // namespace quiver::tck
