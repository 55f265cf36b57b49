#include "shell/result_format.h"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>

namespace quiver::shell {
namespace {

Result make_result(std::vector<std::string> columns, std::vector<std::vector<Value>> rows,
                   Summary summary = {}) {
  auto shared = std::make_shared<const std::vector<std::string>>(columns);
  std::vector<Record> records;
  for (auto& row : rows) {
    records.emplace_back(shared, std::move(row));
  }
  return Result(std::move(columns), std::move(records), std::move(summary));
}

TEST(ResultFormat, TableAlignsColumnsToTheirWidestCell) {
  Result result = make_result({"name", "n"}, {{"Ada", 1}, {"Grace Hopper", nullptr}});
  std::ostringstream out;
  write_table(result, out);
  EXPECT_EQ(out.str(),
            "+----------------+------+\n"
            "| name           | n    |\n"
            "+----------------+------+\n"
            "| 'Ada'          | 1    |\n"
            "| 'Grace Hopper' | null |\n"
            "+----------------+------+\n");
}

TEST(ResultFormat, TableMeasuresCodePointsAndKeepsRowsOnOneLine) {
  Result result = make_result({"s"}, {{"é\nx"}});
  std::ostringstream out;
  write_table(result, out);
  EXPECT_EQ(out.str(),
            "+--------+\n"
            "| s      |\n"
            "+--------+\n"
            "| 'é\\nx' |\n"
            "+--------+\n");
}

TEST(ResultFormat, TableOfNoRowsShowsTheHeaderOnly) {
  std::ostringstream out;
  write_table(make_result({"a"}, {}), out);
  EXPECT_EQ(out.str(), "+---+\n| a |\n+---+\n");
  std::ostringstream none;
  write_table(make_result({}, {}), none);
  EXPECT_EQ(none.str(), "");
}

TEST(ResultFormat, CsvQuotesOnlyFieldsThatNeedIt) {
  Result result = make_result({"a", "b,c"}, {{"plain", "say \"hi\""}, {nullptr, List{1, 2.5}}});
  std::ostringstream out;
  write_csv(result, out);
  EXPECT_EQ(out.str(), "a,\"b,c\"\r\nplain,\"say \"\"hi\"\"\"\r\n,\"[1, 2.5]\"\r\n");
}

TEST(ResultFormat, JsonGivesGraphValuesTheirStructure) {
  Node ada{1, {"Person"}, {{"name", "Ada"}}};
  Node bob{2, {}, {}};
  Relationship knows{7, "KNOWS", 1, 2, {{"since", 2020}}};
  EXPECT_EQ(to_json(Value(ada)).dump(),
            R"({"id":1,"labels":["Person"],"properties":{"name":"Ada"}})");
  EXPECT_EQ(to_json(Value(knows)).dump(),
            R"({"end":2,"id":7,"properties":{"since":2020},"start":1,"type":"KNOWS"})");
  EXPECT_EQ(to_json(Value(Path{{ada, bob}, {knows}}))["relationships"][0]["type"], "KNOWS");
  EXPECT_EQ(
      to_json(Value(List{nullptr, true, 1, 0.5, std::numeric_limits<double>::quiet_NaN()})).dump(),
      "[null,true,1,0.5,null]");
  EXPECT_EQ(to_json(Value(FloatVector{0.5f})).dump(), "[0.5]");
}

TEST(ResultFormat, TemporalValuesPrintAsTheirCypherTextInEveryFormat) {
  Value day(Date{16637});
  Value took(Duration{0, 0, 5400, 0});
  Result result = make_result({"day", "took"}, {{day, took}});

  std::ostringstream table;
  write_table(result, table);
  EXPECT_NE(table.str().find("| 2015-07-21 | PT1H30M |"), std::string::npos) << table.str();

  std::ostringstream csv;
  write_csv(result, csv);
  EXPECT_EQ(csv.str(), "day,took\r\n2015-07-21,PT1H30M\r\n");

  EXPECT_EQ(to_json(day).dump(), R"("2015-07-21")");
  EXPECT_EQ(to_json(Value(DateTime{1437507632, 142000000, 7200, "Europe/Stockholm"})).dump(),
            R"("2015-07-21T21:40:32.142+02:00[Europe/Stockholm]")");
}

TEST(ResultFormat, JsonLineHoldsColumnsRowsAndNonZeroCounters) {
  Summary summary;
  summary.counters.nodes_created = 2;
  Result result = make_result({"x"}, {{1}}, summary);
  std::ostringstream out;
  write_json(result, std::chrono::microseconds(1500), out);
  EXPECT_EQ(out.str(),
            R"({"columns":["x"],"counters":{"nodes_created":2},"rows":[[1]],"time_ms":1.5})"
            "\n");
}

TEST(ResultFormat, SummaryLineCountsRowsAndWritesInSingularAndPlural) {
  Summary summary;
  summary.counters.nodes_created = 1;
  summary.counters.properties_set = 3;
  summary.counters.indexes_added = 1;
  Result result = make_result({"x"}, {{1}}, summary);
  EXPECT_EQ(summary_line(result, std::chrono::microseconds(2340)),
            "1 row, 1 node created, 3 properties set, 1 index added (2.3 ms)");
  EXPECT_EQ(summary_line(make_result({}, {}), std::chrono::microseconds(0)), "0 rows (0.0 ms)");
}

TEST(ResultFormat, FormatNamesParse) {
  EXPECT_EQ(parse_output_format("csv"), OutputFormat::kCsv);
  EXPECT_EQ(parse_output_format("json"), OutputFormat::kJson);
  EXPECT_EQ(parse_output_format("table"), OutputFormat::kTable);
  EXPECT_FALSE(parse_output_format("xml").has_value());
}

}  // namespace
}  // namespace quiver::shell
