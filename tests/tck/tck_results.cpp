#include "tck/tck_results.h"

#include "tck/tck_values.h"

namespace quiver::tck {

namespace {

// At most this many rows of a table go into a failure message.
constexpr size_t kShownRows = 20;

std::string render_row(const std::vector<Value>& row, const RenderOther& other) {
  std::string out = "|";
  for (const Value& v : row) {
    out += " " + render_value(v, other) + " |";
  }
  return out;
}

std::string render_header(const std::vector<std::string>& columns) {
  std::string out = "|";
  for (const auto& c : columns) {
    out += " " + c + " |";
  }
  return out;
}

std::string render_expected(const ExpectedTable& table) {
  std::string out = render_header(table.columns);
  for (size_t i = 0; i < table.rows.size() && i < kShownRows; ++i) {
    out += "\n" + render_row(table.rows[i], {});
  }
  if (table.rows.size() > kShownRows) {
    out += "\n... " + std::to_string(table.rows.size() - kShownRows) + " more";
  }
  return out;
}

bool rows_match(const std::vector<Value>& expected, const Record& actual,
                const MatchOptions& options) {
  for (size_t i = 0; i < expected.size(); ++i) {
    if (!values_match(expected[i], actual[i], options)) {
      return false;
    }
  }
  return true;
}

std::string both_sides(const ExpectedTable& expected, const Result& result,
                       const RenderOther& other) {
  return "expected:\n" + render_expected(expected) + "\nactual:\n" + render_result(result, other);
}

}  // namespace

std::optional<RowOrder> result_order(std::string_view text) {
  if (text == "the result should be, in any order:") {
    return RowOrder{false, false};
  }
  if (text == "the result should be, in order:") {
    return RowOrder{true, false};
  }
  if (text == "the result should be (ignoring element order for lists):" ||
      text == "the result should be, in any order (ignoring element order for lists):") {
    return RowOrder{false, true};
  }
  if (text == "the result should be, in order (ignoring element order for lists):") {
    return RowOrder{true, true};
  }
  return std::nullopt;
}

ExpectedTable read_expected_table(const Table& table) {
  ExpectedTable out;
  if (table.empty()) {
    throw ValueSyntaxError("a result table needs a header row");
  }
  out.columns = table[0];
  for (size_t r = 1; r < table.size(); ++r) {
    if (table[r].size() != out.columns.size()) {
      throw ValueSyntaxError("row " + std::to_string(r) + " of the result table has " +
                             std::to_string(table[r].size()) + " cells, the header " +
                             std::to_string(out.columns.size()));
    }
    std::vector<Value> row;
    for (const auto& cell : table[r]) {
      row.push_back(parse_value(cell));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::optional<Mismatch> compare_result(const ExpectedTable& expected, const Result& result,
                                       RowOrder order, const RenderOther& render_other) {
  if (result.columns() != expected.columns) {
    return Mismatch{"wrong columns", "expected columns " + render_header(expected.columns) +
                                         ", got " + render_header(result.columns())};
  }
  if (result.size() != expected.rows.size()) {
    return Mismatch{"wrong row count", "expected " + std::to_string(expected.rows.size()) +
                                           " rows, got " + std::to_string(result.size()) + "\n" +
                                           both_sides(expected, result, render_other)};
  }

  MatchOptions options{order.unordered_lists, render_other};
  if (order.ordered) {
    for (size_t i = 0; i < expected.rows.size(); ++i) {
      if (!rows_match(expected.rows[i], result[i], options)) {
        return Mismatch{"wrong rows", "row " + std::to_string(i + 1) + " differs\n" +
                                          both_sides(expected, result, render_other)};
      }
    }
    return std::nullopt;
  }

  // Rows as a multiset: each expected row takes the first unused actual row equal to it.
  std::vector<bool> used(result.size(), false);
  for (const auto& row : expected.rows) {
    bool found = false;
    for (size_t i = 0; i < result.size() && !found; ++i) {
      if (!used[i] && rows_match(row, result[i], options)) {
        used[i] = found = true;
      }
    }
    if (!found) {
      return Mismatch{"wrong rows", "no actual row for " + render_row(row, {}) + "\n" +
                                        both_sides(expected, result, render_other)};
    }
  }
  return std::nullopt;
}

std::string render_result(const Result& result, const RenderOther& render_other) {
  std::string out = render_header(result.columns());
  for (size_t i = 0; i < result.size() && i < kShownRows; ++i) {
    out += "\n" + render_row(result[i].values(), render_other);
  }
  if (result.size() > kShownRows) {
    out += "\n... " + std::to_string(result.size() - kShownRows) + " more";
  }
  return out;
}

}  // namespace quiver::tck
