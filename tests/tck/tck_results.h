#pragma once

// Expected result tables of TCK steps and their comparison with what a query returned.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/result.h"
#include "tck/tck_suite.h"

namespace quiver::tck {

// How a "the result should be" step compares rows.
struct RowOrder {
  bool ordered = false;          // "in order": row i against row i
  bool unordered_lists = false;  // "(ignoring element order for lists)"
};

// The RowOrder a result step asks for, or nullopt when STEP_TEXT is not a result-table step
// ("the result should be, in any order:", "..., in order:", "... (ignoring element order for
// lists):" and their combinations).
std::optional<RowOrder> result_order(std::string_view step_text);

// A result table with its cells read as values.
struct ExpectedTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// Reads TABLE: the first row names the columns, every further row holds one value per column in
// the TCK syntax. Throws ValueSyntaxError for a cell that is not a value or a row of the wrong
// width.
ExpectedTable read_expected_table(const Table& table);

// Why a result differs from the expected table: KIND groups alike mismatches ("wrong columns",
// "wrong row count", "wrong rows", "wrong row order"), MESSAGE shows both sides.
struct Mismatch {
  std::string kind;
  std::string message;
};

// Writes values of kinds the TCK syntax has no form for (temporal values).
using RenderOther = std::function<std::string(const Value&)>;

// Compares RESULT with EXPECTED: the same column names in the same order, and the same rows in
// order or as a multiset, values compared with values_match. Returns nullopt when they agree.
std::optional<Mismatch> compare_result(const ExpectedTable& expected, const Result& result,
                                       RowOrder order, const RenderOther& render_other = {});

// RESULT as a TCK table (header line, then one line per row), for failure messages.
std::string render_result(const Result& result, const RenderOther& render_other = {});

}  // namespace quiver::tck
