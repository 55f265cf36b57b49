// Rendering query results for people (aligned table) and for programs (CSV, JSON).
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "quiver/result.h"
#include "quiver/value.h"

namespace quiver::shell {

// How `quiver` prints the result of a statement.
enum class OutputFormat {
  kTable,  // aligned table, then the plan (EXPLAIN, PROFILE) and a summary line
  kCsv,    // RFC 4180: a header line, then one line per row; nothing else
  kJson,   // one JSON object per statement on one line (JSON Lines)
};

// The format named NAME ("table", "csv", "json"); nullopt for any other name.
std::optional<OutputFormat> parse_output_format(std::string_view name);

// Writes RESULT's columns and rows to OUT as a table whose columns are as wide as their widest
// cell (measured in code points); each cell is Value::to_string() with line breaks and tabs
// written as \n, \r and \t so that a row stays on one line. Writes nothing for a statement
// without columns.
void write_table(const Result& result, std::ostream& out);

// Writes RESULT as CSV: column names, then rows. A string cell holds the string itself, a null
// cell is empty, any other cell is Value::to_string(). Fields holding a comma, a double quote or
// a line break are quoted, with quotes doubled. Writes nothing for a statement without columns.
void write_csv(const Result& result, std::ostream& out);

// The JSON form of VALUE: null, booleans, numbers and strings as themselves (NaN and infinities
// become null, JSON has no spelling for them), lists and float vectors as arrays, maps as objects,
// a node as {"id", "labels", "properties"}, a relationship as {"id", "type", "start", "end",
// "properties"}, a path as {"nodes", "relationships"}.
nlohmann::json to_json(const Value& value);

// Writes RESULT to OUT as one line holding {"columns": [...], "rows": [[...], ...], "counters":
// {non-zero counters}, "time_ms": ELAPSED} plus "plan" for EXPLAIN and PROFILE.
void write_json(const Result& result, std::chrono::microseconds elapsed, std::ostream& out);

// One line telling what a statement did: "2 rows, 3 nodes created, 1 property set (0.8 ms)".
// Counters that are zero are left out; ELAPSED is the statement's wall time.
std::string summary_line(const Result& result, std::chrono::microseconds elapsed);

// Writes RESULT in FORMAT: for kTable the table, the plan when there is one, and summary_line().
void write_result(const Result& result, OutputFormat format, std::chrono::microseconds elapsed,
                  std::ostream& out);

}  // namespace quiver::shell
