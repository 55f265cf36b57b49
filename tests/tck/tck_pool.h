#pragma once

// Runs scenarios in child processes, a few at a time, each with a time limit: a scenario that
// crashes or hangs its process ends as one failure and the run goes on.

#include <filesystem>
#include <functional>
#include <vector>

#include "tck/tck_report.h"

namespace quiver::tck {

struct PoolOptions {
  int jobs = 2;                      // children running at once
  int timeout_s = 10;                // wall-clock limit per scenario; then SIGKILL
  std::filesystem::path work_dir;    // each child gets a fresh database folder under it
  std::filesystem::path graphs_dir;  // tck/graphs, for named graphs
};

// Plays one scenario in a child process; run_scenario in the runner.
using ScenarioFunction =
    std::function<ScenarioOutcome(const Scenario&, const ScenarioEnvironment&)>;

// Runs RUN on every scenario of SCENARIOS (which must outlive the call), each in a child process
// of its own, and returns one record per scenario, in the order given. ON_DONE is called in this
// process as each one finishes (for progress output). Must be called from a single-threaded
// process: it forks. Throws std::system_error when no child can be started at all.
std::vector<ScenarioRecord> run_in_children(
    const std::vector<const Scenario*>& scenarios, const PoolOptions& options,
    const ScenarioFunction& run, const std::function<void(const ScenarioRecord&)>& on_done);

}  // namespace quiver::tck
