#pragma once

// Runs one TCK scenario against Quiver's embedded API: sets up the graph, runs the query, and
// checks results, errors and side effects step by step.

#include <filesystem>
#include <string>

#include "tck/tck_suite.h"

namespace quiver::tck {

enum class Verdict { kPassed, kFailed, kSkipped };

// How one scenario ended. For a failure, KIND is a short class of the cause that groups alike
// failures ("error SyntaxError/UnexpectedSyntax", "wrong rows", "missing error ...") and REASON
// the full explanation with the step; both are empty for a pass.
struct ScenarioOutcome {
  Verdict verdict = Verdict::kFailed;
  std::string kind;
  std::string reason;
};

// Where a scenario finds what it needs.
struct ScenarioEnvironment {
  std::filesystem::path database_dir;  // a fresh, empty folder the scenario may use and fill
  std::filesystem::path graphs_dir;    // tck/graphs: <name>/<name>.json and its scripts
};

// Runs every step of SCENARIO on a new database in ENV.database_dir, in this process. Never
// throws: any failure, including an exception from the engine or a malformed step, ends as a
// kFailed outcome with its reason. A crash or hang inside the engine is not contained here; run
// it in a child process for that (tck_main.cpp does).
ScenarioOutcome run_scenario(const Scenario& scenario, const ScenarioEnvironment& env);

}  // namespace quiver::tck
