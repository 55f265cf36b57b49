#include "tck/tck_scenario.h"

#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "quiver/database.h"
#include "quiver/procedures.h"
#include "tck/tck_results.h"
#include "tck/tck_side_effects.h"
#include "tck/tck_values.h"

namespace quiver::tck {

namespace {

// A step whose expectation does not hold. KIND groups alike failures (see ScenarioOutcome).
struct StepFailure {
  std::string kind;
  std::string message;
};

std::string describe(const Error& e) {
  std::string where =
      e.line() ? " at " + std::to_string(e.line()) + ":" + std::to_string(e.column()) : "";
  return e.category() + "/" + e.detail() + " (" + e.phase() + ")" + where + ": " + e.message();
}

std::string error_kind(const Error& e) {
  return "error " + e.category() + "/" + e.detail();
}

// Temporal values and vectors are written the way the engine writes them.
std::string engine_text(const Value& v) {
  return v.to_string();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw StepFailure{"runner: missing file", "cannot read " + path.string()};
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Splits a script into statements at semicolons that end a line.
std::vector<std::string> split_statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    size_t end = line.find_last_not_of(" \t\r");
    bool last = end != std::string::npos && line[end] == ';';
    current += (last ? line.substr(0, end) : line) + "\n";
    if (last) {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) {
    out.push_back(current);
  }
  return out;
}

// "name :: TYPE, name :: TYPE" into fields.
std::vector<ProcedureParameter> parse_fields(const std::string& text) {
  static const std::regex kField(R"(\s*(\w+)\s*::\s*([\w?]+)\s*)");
  std::vector<ProcedureParameter> out;
  std::stringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) {
    if (part.find_first_not_of(" \t") == std::string::npos) {
      continue;
    }
    std::smatch m;
    if (!std::regex_match(part, m, kField)) {
      throw StepFailure{"runner: malformed step", "cannot read procedure field `" + part + "`"};
    }
    out.push_back({m[1].str(), m[2].str()});
  }
  return out;
}

class ScenarioRun {
 public:
  ScenarioRun(const Scenario& scenario, const ScenarioEnvironment& env)
      : scenario_(scenario), env_(env) {}

  void run() {
    Options options;
    options.durable = false;
    db_ = Database::open(env_.database_dir, options);
    session_ = std::make_unique<Session>(db_->session());
    for (const Step& step : scenario_.steps) {
      current_ = &step;
      run_step(step);
    }
  }

  const Step* current_step() const { return current_; }

 private:
  void run_step(const Step& step) {
    static const std::regex kNamedGraph(R"(the ([\w-]+) graph)");
    static const std::regex kProcedure(
        R"(there exists a procedure ([\w.]+)\((.*)\)\s*::\s*\((.*)\)\s*:?\s*)");
    const std::string& text = step.text;
    std::smatch m;

    if (text == "an empty graph" || text == "any graph") {
      return;
    }
    if (std::regex_match(text, m, kNamedGraph)) {
      return load_named_graph(m[1].str());
    }
    if (text == "having executed:") {
      return setup(doc(step));
    }
    if (text == "parameters are:" || text == "parameter values are:") {
      return read_parameters(step);
    }
    if (std::regex_match(text, m, kProcedure)) {
      return define_procedure(step, m[1].str(), m[2].str(), m[3].str());
    }
    if (text == "executing query:") {
      return execute_main(doc(step));
    }
    if (text == "executing control query:") {
      last_ = session_->try_run(doc(step), params_);
      return;
    }
    if (text == "the result should be empty") {
      return check_empty();
    }
    if (auto order = result_order(text)) {
      return check_rows(step, *order);
    }
    if (auto error = expected_error(step)) {
      return check_error(*error);
    }
    if (text == "no side effects") {
      return check_side_effects({});
    }
    if (text == "the side effects should be:") {
      return check_side_effects(table(step));
    }
    throw StepFailure{"runner: unknown step", "no implementation for this step"};
  }

  static const std::string& doc(const Step& step) {
    if (!step.doc_string) {
      throw StepFailure{"runner: malformed step", "the step has no query text"};
    }
    return *step.doc_string;
  }

  static const Table& table(const Step& step) {
    if (!step.data_table) {
      throw StepFailure{"runner: malformed step", "the step has no table"};
    }
    return *step.data_table;
  }

  void setup(const std::string& query) {
    Outcome<Result> outcome = session_->try_run(query, params_);
    if (!outcome.ok()) {
      throw StepFailure{"setup " + error_kind(outcome.error()),
                        "setup query failed with " + describe(outcome.error())};
    }
  }

  void load_named_graph(const std::string& name) {
    std::filesystem::path dir = env_.graphs_dir / name;
    nlohmann::json meta;
    try {
      meta = nlohmann::json::parse(read_file(dir / (name + ".json")));
      for (const auto& script : meta.at("scripts")) {
        std::string file = script.get<std::string>() + ".cypher";
        for (const std::string& statement : split_statements(read_file(dir / file))) {
          setup(statement);
        }
      }
    } catch (const nlohmann::json::exception& e) {
      throw StepFailure{"runner: bad graph", "graph " + name + ": " + e.what()};
    }
  }

  void read_parameters(const Step& step) {
    for (const auto& row : table(step)) {
      if (row.size() != 2) {
        throw StepFailure{"runner: malformed step", "a parameter row needs two cells"};
      }
      params_[row[0]] = parse_value(row[1]);
    }
  }

  void define_procedure(const Step& step, const std::string& name, const std::string& inputs,
                        const std::string& outputs) {
    TableProcedure proc;
    proc.name = name;
    proc.inputs = parse_fields(inputs);
    proc.outputs = parse_fields(outputs);

    // The table's header names the columns; map them onto the signature's order.
    const Table& rows = table(step);
    std::vector<size_t> column_of;
    for (const auto* fields : {&proc.inputs, &proc.outputs}) {
      for (const auto& field : *fields) {
        size_t at = 0;
        while (at < rows[0].size() && rows[0][at] != field.name) {
          ++at;
        }
        if (at == rows[0].size()) {
          throw StepFailure{"runner: malformed step", "no column for field " + field.name};
        }
        column_of.push_back(at);
      }
    }
    for (size_t r = 1; r < rows.size(); ++r) {
      std::vector<Value> values;
      for (size_t column : column_of) {
        values.push_back(parse_value(rows[r].at(column)));
      }
      proc.rows.push_back(std::move(values));
    }
    register_table_procedure(*db_, std::move(proc));
  }

  void execute_main(const std::string& query) {
    bool wants_side_effects = false;
    for (const Step& s : scenario_.steps) {
      wants_side_effects |= s.text == "no side effects" || s.text == "the side effects should be:";
    }
    if (wants_side_effects) {
      before_ = capture("before");
    }
    last_ = session_->try_run(query, params_);
    if (wants_side_effects) {
      after_ = capture("after");
    }
  }

  GraphState capture(const char* when) {
    try {
      return capture_graph(*session_);
    } catch (const Error& e) {
      throw StepFailure{
          "side-effect capture " + error_kind(e),
          std::string("reading the graph ") + when + " the query failed with " + describe(e)};
    }
  }

  const Result& successful_result() {
    if (!last_) {
      throw StepFailure{"runner: malformed step", "no query was executed before this step"};
    }
    if (!last_->ok()) {
      throw StepFailure{error_kind(last_->error()),
                        "the query failed with " + describe(last_->error())};
    }
    return last_->value();
  }

  void check_empty() {
    const Result& result = successful_result();
    if (!result.empty()) {
      throw StepFailure{"rows where none expected", "expected no rows, got " +
                                                        std::to_string(result.size()) + ":\n" +
                                                        render_result(result, engine_text)};
    }
  }

  void check_rows(const Step& step, RowOrder order) {
    const Result& result = successful_result();
    ExpectedTable expected = read_expected_table(table(step));
    if (auto mismatch = compare_result(expected, result, order, engine_text)) {
      throw StepFailure{mismatch->kind, mismatch->message};
    }
  }

  void check_error(const ExpectedError& want) {
    std::string wanted = want.category + "/" + want.detail + " (" + want.phase + ")";
    if (!last_) {
      throw StepFailure{"runner: malformed step", "no query was executed before this step"};
    }
    if (last_->ok()) {
      throw StepFailure{"missing error " + want.category + "/" + want.detail,
                        "expected " + wanted + ", the query succeeded with " +
                            std::to_string(last_->value().size()) + " rows"};
    }
    const Error& got = last_->error();
    bool same = got.category() == want.category &&
                (want.detail.empty() || got.detail() == want.detail) &&
                (want.phase == "any time" || got.phase() == want.phase);
    if (!same) {
      throw StepFailure{"wrong error: want " + want.category + "/" + want.detail + ", got " +
                            got.category() + "/" + got.detail(),
                        "expected " + wanted + ", got " + describe(got)};
    }
  }

  void check_side_effects(const Table& expected_rows) {
    if (!before_ || !after_) {
      throw StepFailure{"runner: malformed step", "no query was executed before this step"};
    }
    std::map<std::string, int64_t> actual = side_effects(*before_, *after_);
    std::map<std::string, int64_t> expected;
    for (const auto& [key, count] : actual) {
      expected[key] = 0;
    }
    for (const auto& row : expected_rows) {
      if (row.size() != 2 || !expected.count(row[0])) {
        throw StepFailure{"runner: malformed step", "unknown side-effect row"};
      }
      expected[row[0]] = std::stoll(row[1]);
    }
    if (expected != actual) {
      std::string text;
      for (const auto& [key, count] : expected) {
        if (count != actual[key]) {
          text += " " + key + " expected " + std::to_string(count) + " got " +
                  std::to_string(actual[key]) + ";";
        }
      }
      throw StepFailure{"wrong side effects", "side effects differ:" + text};
    }
  }

  const Scenario& scenario_;
  const ScenarioEnvironment& env_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Session> session_;
  Params params_;
  std::optional<Outcome<Result>> last_;
  std::optional<GraphState> before_;
  std::optional<GraphState> after_;
  const Step* current_ = nullptr;
};

}  // namespace

ScenarioOutcome run_scenario(const Scenario& scenario, const ScenarioEnvironment& env) {
  if (scenario.has_tag("@ignore")) {
    return {Verdict::kSkipped, "tagged @ignore", "the suite marks it @ignore"};
  }

  ScenarioRun run(scenario, env);
  auto where = [&run] {
    const Step* step = run.current_step();
    return step ? "line " + std::to_string(step->line) + " `" + step->keyword + " " + step->text +
                      "`: "
                : std::string("opening the database: ");
  };
  try {
    run.run();
    return {Verdict::kPassed, "", ""};
  } catch (const StepFailure& f) {
    return {Verdict::kFailed, f.kind, where() + f.message};
  } catch (const ValueSyntaxError& e) {
    return {Verdict::kFailed, "runner: bad expected value", where() + e.what()};
  } catch (const Error& e) {
    return {Verdict::kFailed, error_kind(e), where() + describe(e)};
  } catch (const std::exception& e) {
    return {Verdict::kFailed, "exception", where() + e.what()};
  }
}

}  // namespace quiver::tck
