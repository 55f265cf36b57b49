// Runs Cypher statements against a database through the embedded API and reports wall times and
// answers as JSON, for side-by-side comparisons with other engines (bench/compare).
//
// Usage:
//   quiver_query_runner DB FILE [--runs N]
//     FILE holds named statements: a line `// name: NAME` starts one, the lines up to the next
//     such line are its text. Each statement runs N times (default 5) after one warm-up run;
//     prints one JSON object: {NAME: {"medianMs", "minMs", "runs", "columns", "rows"}}.
//   quiver_query_runner DB --serve
//     Reads one statement per line on standard input and answers each with one JSON line:
//     {"ms", "columns", "rows"} or {"error"}. The database stays open between statements, so a
//     driver can alternate this engine with another one query at a time.
//
// Values map to JSON as null, booleans, numbers, strings and arrays; maps become objects and
// graph values (nodes, relationships, paths) and temporal values their Cypher text.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "quiver/quiver.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

json to_json(const quiver::Value& v) {
  if (v.is_null()) {
    return nullptr;
  }
  if (v.is_bool()) {
    return v.as_bool();
  }
  if (v.is_int()) {
    return v.as_int();
  }
  if (v.is_double()) {
    return v.as_double();
  }
  if (v.is_string()) {
    return v.as_string();
  }
  if (v.is_list()) {
    json out = json::array();
    for (const quiver::Value& e : v.as_list()) {
      out.push_back(to_json(e));
    }
    return out;
  }
  if (v.is_map()) {
    json out = json::object();
    for (const auto& [key, value] : v.as_map()) {
      out[key] = to_json(value);
    }
    return out;
  }
  return v.to_string();
}

// Runs QUERY once; fills COLUMNS and ROWS and returns the wall time in milliseconds, result
// materialisation included. Throws quiver::Error.
double run_once(quiver::Session& session, const std::string& query, json& columns, json& rows) {
  Clock::time_point start = Clock::now();
  quiver::Result result = session.run(query);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  columns = result.columns();
  rows = json::array();
  for (const quiver::Record& record : result.rows()) {
    json row = json::array();
    for (const quiver::Value& value : record.values()) {
      row.push_back(to_json(value));
    }
    rows.push_back(std::move(row));
  }
  return ms;
}

int serve(quiver::Database& db) {
  quiver::Session session = db.session();
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    json answer;
    try {
      json columns;
      json rows;
      answer["ms"] = run_once(session, line, columns, rows);
      answer["columns"] = std::move(columns);
      answer["rows"] = std::move(rows);
    } catch (const quiver::Error& e) {
      answer = json{{"error", e.what()}};
    }
    std::cout << answer.dump() << std::endl;
  }
  return 0;
}

// The named statements of FILE, in file order.
std::vector<std::pair<std::string, std::string>> read_statements(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::vector<std::pair<std::string, std::string>> out;
  const std::string marker = "// name:";
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) {
      std::string name = line.substr(marker.size());
      name.erase(0, name.find_first_not_of(' '));
      out.emplace_back(name, "");
    } else if (!out.empty()) {
      out.back().second += line + "\n";
    }
  }
  return out;
}

int run_file(quiver::Database& db, const std::string& path, int runs) {
  quiver::Session session = db.session();
  json report = json::object();
  for (const auto& [name, text] : read_statements(path)) {
    json columns;
    json rows;
    run_once(session, text, columns, rows);
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
      times.push_back(run_once(session, text, columns, rows));
    }
    std::sort(times.begin(), times.end());
    report[name] = {{"medianMs", times[times.size() / 2]},
                    {"minMs", times.front()},
                    {"runs", runs},
                    {"columns", columns},
                    {"rows", rows}};
  }
  std::cout << report.dump(1) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2) {
    std::cerr << "usage: quiver_query_runner DB FILE [--runs N] | quiver_query_runner DB --serve\n";
    return 2;
  }
  try {
    quiver::Options options;
    options.create_if_missing = false;
    options.query_memory_limit = uint64_t{8} << 30;
    auto db = quiver::Database::open(args[0], options);
    if (args[1] == "--serve") {
      return serve(*db);
    }
    int runs = 5;
    if (args.size() == 4 && args[2] == "--runs") {
      runs = std::max(1, std::stoi(args[3]));
    }
    return run_file(*db, args[1], runs);
  } catch (const std::exception& e) {
    std::cerr << "quiver_query_runner: " << e.what() << "\n";
    return 1;
  }
}
