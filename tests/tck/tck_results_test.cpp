#include "tck/tck_results.h"

#include <gtest/gtest.h>

#include "tck/tck_values.h"

namespace quiver::tck {
namespace {

Result make_result(std::vector<std::string> columns, const std::vector<std::vector<Value>>& rows) {
  auto names = std::make_shared<const std::vector<std::string>>(columns);
  std::vector<Record> records;
  for (const auto& row : rows) {
    records.emplace_back(names, row);
  }
  return Result(std::move(columns), std::move(records), Summary{});
}

const Value kOne = Value(int64_t{1});
const Value kTwo = Value(int64_t{2});

TEST(TckResultsTest, RecognisesResultSteps) {
  EXPECT_FALSE(result_order("the result should be, in any order:")->ordered);
  EXPECT_TRUE(result_order("the result should be, in order:")->ordered);
  auto lists = result_order("the result should be (ignoring element order for lists):");
  EXPECT_TRUE(lists->unordered_lists);
  EXPECT_FALSE(lists->ordered);
  auto both = result_order("the result should be, in order (ignoring element order for lists):");
  EXPECT_TRUE(both->ordered && both->unordered_lists);
  EXPECT_FALSE(result_order("the result should be empty"));
}

TEST(TckResultsTest, AnyOrderMatchesRowsAsMultiset) {
  ExpectedTable expected = read_expected_table({{"x"}, {"1"}, {"2"}, {"1"}});
  EXPECT_FALSE(compare_result(expected, make_result({"x"}, {{kTwo}, {kOne}, {kOne}}), {}));

  auto mismatch = compare_result(expected, make_result({"x"}, {{kTwo}, {kOne}, {kTwo}}), {});
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->kind, "wrong rows");
}

TEST(TckResultsTest, InOrderComparesRowByRow) {
  ExpectedTable expected = read_expected_table({{"x"}, {"1"}, {"2"}});
  RowOrder ordered{true, false};
  EXPECT_FALSE(compare_result(expected, make_result({"x"}, {{kOne}, {kTwo}}), ordered));
  EXPECT_TRUE(compare_result(expected, make_result({"x"}, {{kTwo}, {kOne}}), ordered));
}

TEST(TckResultsTest, ColumnsMustMatchByNameAndOrder) {
  ExpectedTable expected = read_expected_table({{"a", "b"}, {"1", "2"}});
  EXPECT_FALSE(compare_result(expected, make_result({"a", "b"}, {{kOne, kTwo}}), {}));
  auto swapped = compare_result(expected, make_result({"b", "a"}, {{kTwo, kOne}}), {});
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->kind, "wrong columns");
}

TEST(TckResultsTest, RowCountMustMatch) {
  ExpectedTable expected = read_expected_table({{"x"}, {"1"}});
  auto mismatch = compare_result(expected, make_result({"x"}, {{kOne}, {kOne}}), {});
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->kind, "wrong row count");

  ExpectedTable none = read_expected_table({{"x"}});
  EXPECT_FALSE(compare_result(none, make_result({"x"}, {}), {}));
}

TEST(TckResultsTest, RejectsRaggedTables) {
  EXPECT_THROW(read_expected_table({{"a", "b"}, {"1"}}), ValueSyntaxError);
  EXPECT_THROW(read_expected_table({}), ValueSyntaxError);
}

TEST(TckResultsTest, RendersActualRowsForMessages) {
  std::string text = render_result(make_result({"x", "y"}, {{kOne, Value("s")}}));
  EXPECT_EQ(text, "| x | y |\n| 1 | 's' |");
}

}  // namespace
}  // namespace quiver::tck
