// quiver_tck: runs the openCypher TCK against Quiver's embedded API and reports the pass count.
//
// Usage: quiver_tck [options] [FEATURES_DIR]
//   FEATURES_DIR          folder searched recursively for .feature files (default
//                         $QUIVER_SHARED_DIR/tck/features, else ../shared/tck/features next to
//                         the source tree); named graphs are read from FEATURES_DIR/../graphs
//   --json FILE           read scenarios from JSON already written by gherkin_to_json.mjs
//   --filter TEXT         run only scenarios whose id contains TEXT
//   --jobs N              scenarios run at once (default 2)
//   --timeout SECONDS     time limit per scenario (default 10)
//   --report FILE         write the JSON report there
//   --expected FILE       guard list: exit 1 when a listed scenario does not pass
//   --update-expected     rewrite the guard list from this run's passes
//   --verbose             print each failure with its reason as it happens
//
// Each scenario runs in a child process of its own on a fresh database in a temporary folder, so
// a crash or a hang is one failure and not the end of the run.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "tck/tck_pool.h"
#include "tck/tck_report.h"

namespace fs = std::filesystem;
using namespace quiver::tck;

namespace {

struct Arguments {
  fs::path features_dir;
  fs::path json;
  std::string filter;
  int jobs = 2;
  int timeout_s = 10;
  fs::path report;
  fs::path expected;
  bool update_expected = false;
  bool verbose = false;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "quiver_tck: " << problem
            << "\nusage: quiver_tck [--json FILE] [--filter TEXT] [--jobs N] [--timeout S]"
               " [--report FILE] [--expected FILE [--update-expected]] [--verbose]"
               " [FEATURES_DIR]\n";
  std::exit(2);
}

fs::path default_features_dir() {
  if (const char* shared = std::getenv("QUIVER_SHARED_DIR")) {
    return fs::path(shared) / "tck" / "features";
  }
  return fs::path(QUIVER_SOURCE_DIR) / ".." / "shared" / "tck" / "features";
}

Arguments parse_arguments(int argc, char** argv) {
  Arguments args;
  std::vector<std::string> rest(argv + 1, argv + argc);
  for (size_t i = 0; i < rest.size(); ++i) {
    const std::string& a = rest[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= rest.size()) {
        usage(a + " needs a value");
      }
      return rest[++i];
    };
    if (a == "--json") {
      args.json = value();
    } else if (a == "--filter") {
      args.filter = value();
    } else if (a == "--jobs") {
      args.jobs = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--timeout") {
      args.timeout_s = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--report") {
      args.report = value();
    } else if (a == "--expected") {
      args.expected = value();
    } else if (a == "--update-expected") {
      args.update_expected = true;
    } else if (a == "--verbose") {
      args.verbose = true;
    } else if (!a.empty() && a[0] == '-') {
      usage("unknown option " + a);
    } else if (args.features_dir.empty()) {
      args.features_dir = a;
    } else {
      usage("more than one features folder");
    }
  }
  if (args.update_expected && args.expected.empty()) {
    usage("--update-expected needs --expected FILE");
  }
  if (args.features_dir.empty()) {
    args.features_dir = default_features_dir();
  }
  return args;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// Converts every .feature file under DIR to JSON with the Gherkin parser and loads it.
Suite load_features(const fs::path& dir, const fs::path& work_dir) {
  if (!fs::is_directory(dir)) {
    throw std::runtime_error("no features folder at " + dir.string());
  }
  fs::path json = work_dir / "features.json";
  std::string command = shell_quote(QUIVER_NODE) + " " +
                        shell_quote(std::string(QUIVER_TCK_TOOLS_DIR) + "/gherkin_to_json.mjs") +
                        " " + shell_quote(dir.string()) + " " + shell_quote(json.string());
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("converting the feature files failed: " + command);
  }
  return Suite::load(json.string());
}

int run(const Arguments& args) {
  fs::path work_dir = fs::temp_directory_path() / ("quiver-tck-" + std::to_string(getpid()));
  fs::create_directories(work_dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{work_dir};

  Suite suite = args.json.empty() ? load_features(args.features_dir, work_dir)
                                  : Suite::load(args.json.string());
  std::vector<const Scenario*> scenarios;
  for (const auto& feature : suite.features()) {
    for (const auto& scenario : feature.scenarios) {
      if (args.filter.empty() || scenario_key(scenario).find(args.filter) != std::string::npos) {
        scenarios.push_back(&scenario);
      }
    }
  }
  std::cout << "Running " << scenarios.size() << " TCK scenarios from " << suite.features().size()
            << " features with " << args.jobs << " workers\n"
            << std::flush;

  PoolOptions pool{args.jobs, args.timeout_s, work_dir, args.features_dir / ".." / "graphs"};
  std::vector<ScenarioRecord> records =
      run_in_children(scenarios, pool, run_scenario, [&](const ScenarioRecord& r) {
        if (args.verbose && r.outcome.verdict == Verdict::kFailed) {
          std::cout << "FAIL " << r.id << "\n  " << r.outcome.reason << "\n" << std::flush;
        }
      });

  print_summary(records, 10, std::cout);
  if (!args.report.empty()) {
    write_json_report(records, args.report);
  }
  if (args.expected.empty()) {
    return 0;
  }
  if (args.update_expected) {
    write_expected_passes(records, args.expected);
    std::cout << "Wrote the expected-passes list " << args.expected.string() << "\n";
    return 0;
  }
  size_t regressions =
      check_expected_passes(records, read_expected_passes(args.expected), std::cout);
  return regressions == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args = parse_arguments(argc, argv);
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "quiver_tck: " << e.what() << "\n";
    return 2;
  }
}
