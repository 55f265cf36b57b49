// Declarative query tests: every *.qtest file under tests/engine/queries/ holds cases, each run on
// a fresh database through the embedded API and checked against its expected rows or error.
//
// File format (one directive per line, starting with '@' in the first column; the lines after a
// directive, up to the next one, are its body; lines starting with '#' are comments anywhere):
//
//   @graph              statements (separated by ';') that every case of the file runs first;
//                       must come before the first @case
//   @case NAME          starts a case; NAME (free text) names the gtest case
//   @options K=V ...    database options of the case: query_memory_limit=BYTES
//   @setup              statements (separated by ';') run after @graph, each auto-committed
//   @param NAME = LIT   parameter $NAME of the query, LIT a Cypher literal (evaluated with RETURN)
//   @query              the statement under test (exactly one)
//   @rows [ordered]     expected result: the first body line holds the column names, each later
//                       line one row; cells are Value::to_string() (TCK notation: 'text', 1.5,
//                       (:L {k: 1}), [:T], <(:A)-[:T]->(:B)>) joined by " | ". Without
//                       `ordered` rows compare as a multiset. Blank lines are ignored.
//   @error CAT [DETAIL] the query must fail with quiver::Error of that category (and detail)
//   @plan TEXT          the summary's plan text (EXPLAIN, PROFILE) must contain TEXT; repeatable
//   @counters K=V ...   summary counters that must hold (nodes_created=2 ...); others unchecked
//
// A case needs @query and at least one of @rows, @error, @plan, @counters.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "quiver/database.h"
#include "shell/statement_splitter.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

struct QueryCase {
  std::string file;  // file name without directory
  int line = 0;      // line of the @case directive
  std::string name;
  std::string gtest_name;
  std::string problem;  // a mistake in the test file itself; the case fails with it
  std::vector<std::string> setup;
  std::vector<std::pair<std::string, std::string>> params;
  std::map<std::string, std::string> options;
  std::string query;
  bool has_rows = false;
  bool ordered = false;
  std::string header;
  std::vector<std::string> rows;
  std::string error_category;
  std::string error_detail;
  std::vector<std::string> plan_fragments;
  std::map<std::string, int64_t> counters;
};

std::string trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) {
    return "";
  }
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

std::string gtest_identifier(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out;
}

std::vector<std::string> statements(const std::string& body) {
  std::vector<std::string> out;
  for (const shell::ScriptStatement& statement : shell::split_statements(body)) {
    out.push_back(statement.text);
  }
  return out;
}

// Applies one directive with its argument and body to CURRENT (or, for @graph, to GRAPH).
void apply_directive(const std::string& directive, const std::string& argument,
                     const std::vector<std::string>& body, QueryCase& current,
                     std::vector<std::string>& graph) {
  std::string text;
  for (const std::string& line : body) {
    text += line + "\n";
  }
  if (directive == "graph") {
    graph = statements(text);
  } else if (directive == "setup") {
    for (std::string& statement : statements(text)) {
      current.setup.push_back(std::move(statement));
    }
  } else if (directive == "query") {
    current.query = trim(text);
  } else if (directive == "param") {
    size_t equals = argument.find('=');
    if (equals == std::string::npos) {
      current.problem = "@param needs NAME = LITERAL";
      return;
    }
    current.params.emplace_back(trim(argument.substr(0, equals)),
                                trim(argument.substr(equals + 1)));
  } else if (directive == "options" || directive == "counters") {
    for (const std::string& word : words(argument)) {
      size_t equals = word.find('=');
      if (equals == std::string::npos) {
        current.problem = "@" + directive + " needs KEY=VALUE words";
        return;
      }
      std::string key = word.substr(0, equals);
      std::string value = word.substr(equals + 1);
      if (directive == "options") {
        current.options[key] = value;
      } else {
        current.counters[key] = std::stoll(value);
      }
    }
  } else if (directive == "rows") {
    current.has_rows = true;
    current.ordered = trim(argument) == "ordered";
    std::vector<std::string> lines;
    for (const std::string& line : body) {
      if (!trim(line).empty()) {
        lines.push_back(trim(line));
      }
    }
    if (lines.empty()) {
      current.problem = "@rows needs a line of column names";
      return;
    }
    current.header = lines.front();
    current.rows.assign(lines.begin() + 1, lines.end());
  } else if (directive == "error") {
    std::vector<std::string> parts = words(argument);
    current.error_category = parts.empty() ? "" : parts[0];
    current.error_detail = parts.size() > 1 ? parts[1] : "";
  } else if (directive == "plan") {
    current.plan_fragments.push_back(trim(argument));
  } else {
    current.problem = "unknown directive @" + directive;
  }
}

std::vector<QueryCase> parse_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<QueryCase> cases;
  std::vector<std::string> graph;
  std::string file = path.filename().string();

  std::string directive;
  std::string argument;
  std::vector<std::string> body;
  QueryCase current;
  bool in_case = false;
  auto flush = [&] {
    if (!directive.empty()) {
      apply_directive(directive, argument, body, current, graph);
    }
    body.clear();
  };
  auto close_case = [&] {
    if (in_case) {
      if (current.query.empty()) {
        current.problem = "the case has no @query";
      } else if (!current.has_rows && current.error_category.empty() &&
                 current.plan_fragments.empty() && current.counters.empty()) {
        current.problem = "the case expects nothing (@rows, @error, @plan or @counters)";
      }
      cases.push_back(std::move(current));
    }
    current = QueryCase();
  };

  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line[0] == '#') {
      continue;
    }
    if (line.empty() || line[0] != '@') {
      body.push_back(line);
      continue;
    }
    flush();
    size_t space = line.find(' ');
    directive = line.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    argument = space == std::string::npos ? "" : trim(line.substr(space + 1));
    if (directive == "case") {
      close_case();
      in_case = true;
      current.file = file;
      current.line = number;
      current.name = argument;
      current.setup = graph;
      directive.clear();
    } else if (directive == "graph" && in_case) {
      current.problem = "@graph must come before the first @case";
    }
  }
  flush();
  close_case();
  return cases;
}

std::vector<QueryCase> load_cases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(QUIVER_QUERY_TESTS_DIR)) {
    if (entry.path().extension() == ".qtest") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  std::vector<QueryCase> all;
  std::map<std::string, int> seen;
  for (const auto& path : files) {
    for (QueryCase& c : parse_file(path)) {
      std::string name = gtest_identifier(path.stem().string()) + "_" + gtest_identifier(c.name);
      int count = seen[name]++;
      c.gtest_name = count == 0 ? name : name + "_" + std::to_string(count + 1);
      all.push_back(std::move(c));
    }
  }
  return all;
}

using test_support::TempDir;

std::string join(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    out += (i ? " | " : "") + cells[i];
  }
  return out;
}

std::string render(const Record& record) {
  std::vector<std::string> cells;
  for (const Value& value : record.values()) {
    cells.push_back(value.to_string());
  }
  return join(cells);
}

std::string listing(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    out += "  " + line + "\n";
  }
  return out;
}

int64_t counter(const Counters& c, const std::string& name) {
  static const std::map<std::string, int64_t Counters::*> fields = {
      {"nodes_created", &Counters::nodes_created},
      {"nodes_deleted", &Counters::nodes_deleted},
      {"relationships_created", &Counters::relationships_created},
      {"relationships_deleted", &Counters::relationships_deleted},
      {"properties_set", &Counters::properties_set},
      {"labels_added", &Counters::labels_added},
      {"labels_removed", &Counters::labels_removed},
      {"indexes_added", &Counters::indexes_added},
      {"indexes_removed", &Counters::indexes_removed},
      {"constraints_added", &Counters::constraints_added},
      {"constraints_removed", &Counters::constraints_removed},
  };
  auto it = fields.find(name);
  return it == fields.end() ? -1 : c.*(it->second);
}

Options case_options(const QueryCase& c) {
  Options options;
  options.durable = false;
  auto limit = c.options.find("query_memory_limit");
  if (limit != c.options.end()) {
    options.query_memory_limit = std::stoull(limit->second);
  }
  return options;
}

void check_rows(const QueryCase& c, const Result& result) {
  EXPECT_EQ(join(result.columns()), c.header) << "columns";
  std::vector<std::string> actual;
  for (const Record& record : result) {
    actual.push_back(render(record));
  }
  std::vector<std::string> expected = c.rows;
  if (!c.ordered) {
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
  }
  EXPECT_EQ(actual, expected) << "expected rows" << (c.ordered ? " in order" : "") << ":\n"
                              << listing(expected) << "actual rows:\n"
                              << listing(actual);
}

// Names a case in gtest's messages by its place instead of dumping its bytes.
void PrintTo(const QueryCase& c, std::ostream* out) {
  *out << c.file << ":" << c.line;
}

class QueryFileTest : public ::testing::TestWithParam<QueryCase> {};

TEST_P(QueryFileTest, ReturnsTheExpectedOutcome) {
  const QueryCase& c = GetParam();
  SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " " + c.name);
  ASSERT_TRUE(c.problem.empty()) << c.problem;

  TempDir dir;
  auto db = Database::open(dir.path(), case_options(c));
  Session session = db->session();
  for (const std::string& statement : c.setup) {
    Outcome<Result> done = session.try_run(statement);
    ASSERT_TRUE(done.ok()) << "setup statement failed: " << statement << "\n"
                           << done.error().what();
  }
  Params params;
  for (const auto& [name, literal] : c.params) {
    Outcome<Result> value = session.try_run("RETURN " + literal);
    ASSERT_TRUE(value.ok()) << "@param " << name << ": " << value.error().what();
    params[name] = value->rows().at(0)[0];
  }

  Outcome<Result> outcome = session.try_run(c.query, params);
  if (!c.error_category.empty()) {
    ASSERT_FALSE(outcome.ok()) << "expected " << c.error_category << ", got " << outcome->size()
                               << " row(s)";
    EXPECT_EQ(outcome.error().category(), c.error_category) << outcome.error().what();
    if (!c.error_detail.empty()) {
      EXPECT_EQ(outcome.error().detail(), c.error_detail) << outcome.error().what();
    }
    return;
  }
  ASSERT_TRUE(outcome.ok()) << outcome.error().what();
  const Result& result = outcome.value();
  if (c.has_rows) {
    check_rows(c, result);
  }
  for (const std::string& fragment : c.plan_fragments) {
    EXPECT_NE(result.summary().plan.find(fragment), std::string::npos)
        << "plan lacks '" << fragment << "':\n"
        << result.summary().plan;
  }
  for (const auto& [name, expected] : c.counters) {
    EXPECT_EQ(counter(result.summary().counters, name), expected) << "counter " << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Queries, QueryFileTest, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<QueryCase>& param_info) {
                           return param_info.param.gtest_name;
                         });

}  // namespace
}  // namespace quiver
