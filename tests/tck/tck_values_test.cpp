#include "tck/tck_values.h"

#include <cmath>

#include <gtest/gtest.h>

#include "tck/tck_results.h"
#include "tck/tck_suite.h"

namespace quiver::tck {
namespace {

bool match(const std::string& expected, const Value& actual, bool unordered_lists = false) {
  return values_match(parse_value(expected), actual, MatchOptions{unordered_lists, {}});
}

TEST(TckValuesTest, ReadsScalars) {
  EXPECT_TRUE(parse_value("null").is_null());
  EXPECT_EQ(parse_value("true"), Value(true));
  EXPECT_EQ(parse_value(" false "), Value(false));
  EXPECT_EQ(parse_value("-42"), Value(int64_t{-42}));
  EXPECT_EQ(parse_value("9223372036854775807"), Value(int64_t{9223372036854775807}));
  EXPECT_EQ(parse_value("1.5"), Value(1.5));
  EXPECT_EQ(parse_value("-1e-3"), Value(-0.001));
  EXPECT_EQ(parse_value("5E4"), Value(50000.0));
  EXPECT_EQ(parse_value(".5"), Value(0.5));
  EXPECT_TRUE(std::isnan(parse_value("NaN").as_double()));
  EXPECT_EQ(parse_value("-Inf"), Value(-INFINITY));
  EXPECT_EQ(parse_value("Inf"), Value(INFINITY));
}

TEST(TckValuesTest, ReadsStringsWithEscapes) {
  EXPECT_EQ(parse_value("'it\\'s'"), Value("it's"));
  EXPECT_EQ(parse_value("'a\\\\b'"), Value("a\\b"));
  EXPECT_EQ(parse_value("'\\u00e9'"), Value("\xc3\xa9"));
  EXPECT_EQ(parse_value("''"), Value(""));
  EXPECT_EQ(parse_value("'x, y]'"), Value("x, y]"));
}

TEST(TckValuesTest, ReadsContainers) {
  Value list = parse_value("[1, 'a', [], {k: null}]");
  ASSERT_TRUE(list.is_list());
  ASSERT_EQ(list.as_list().size(), 4u);
  EXPECT_TRUE(list.as_list()[2].as_list().empty());
  EXPECT_TRUE(list.as_list()[3].as_map().at("k").is_null());

  Value map = parse_value("{name: 'x', `odd key`: 2}");
  EXPECT_EQ(map.as_map().at("odd key"), Value(int64_t{2}));
}

TEST(TckValuesTest, ReadsNodesRelationshipsAndPaths) {
  Node n = parse_value("(:A:B {name: 'n'})").as_node();
  EXPECT_EQ(n.labels, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(n.properties.at("name"), Value("n"));
  EXPECT_TRUE(parse_value("()").as_node().labels.empty());

  Relationship r = parse_value("[:T {w: 1}]").as_relationship();
  EXPECT_EQ(r.type, "T");

  Path p = parse_value("<(:A)-[:T]->(:B)<-[:S]-(:C)>").as_path();
  ASSERT_EQ(p.nodes.size(), 3u);
  ASSERT_EQ(p.relationships.size(), 2u);
  EXPECT_EQ(p.relationships[0].start, 0);
  EXPECT_EQ(p.relationships[1].start, 2);
  EXPECT_EQ(parse_value("<()>").as_path().nodes.size(), 1u);
}

TEST(TckValuesTest, RejectsMalformedText) {
  EXPECT_THROW(parse_value("'open"), ValueSyntaxError);
  EXPECT_THROW(parse_value("[1, 2"), ValueSyntaxError);
  EXPECT_THROW(parse_value("1 2"), ValueSyntaxError);
  EXPECT_THROW(parse_value("nul"), ValueSyntaxError);
  EXPECT_THROW(parse_value("99999999999999999999"), ValueSyntaxError);
  EXPECT_THROW(parse_value(""), ValueSyntaxError);
}

TEST(TckValuesTest, IntegersNeverEqualFloats) {
  EXPECT_TRUE(match("1", Value(int64_t{1})));
  EXPECT_FALSE(match("1", Value(1.0)));
  EXPECT_FALSE(match("1.0", Value(int64_t{1})));
}

TEST(TckValuesTest, FloatsMatchToTheLastBitsAndNaNMatchesNaN) {
  EXPECT_TRUE(match("0.1", Value(0.1)));
  EXPECT_TRUE(match("0.30000000000000004", Value(0.1 + 0.2)));
  EXPECT_TRUE(match("1.0", Value(std::nextafter(1.0, 2.0))));
  EXPECT_FALSE(match("0.3", Value(0.1 + 0.2 + 1e-12)));
  EXPECT_TRUE(match("NaN", Value(NAN)));
  EXPECT_FALSE(match("NaN", Value(1.0)));
  EXPECT_FALSE(match("Inf", Value(-INFINITY)));
  EXPECT_TRUE(match("-Inf", Value(-INFINITY)));
}

TEST(TckValuesTest, ListOrderCountsUnlessIgnored) {
  Value actual = List{Value(int64_t{2}), Value(int64_t{1}), Value(int64_t{1})};
  EXPECT_FALSE(match("[1, 1, 2]", actual));
  EXPECT_TRUE(match("[1, 1, 2]", actual, true));
  EXPECT_FALSE(match("[1, 2, 2]", actual, true));
  EXPECT_FALSE(match("[1, 2]", actual, true));
}

TEST(TckValuesTest, NodesCompareByLabelSetAndPropertiesNotId) {
  Node actual{42, {"B", "A"}, {{"k", Value(int64_t{1})}}};
  EXPECT_TRUE(match("(:A:B {k: 1})", Value(actual)));
  EXPECT_FALSE(match("(:A {k: 1})", Value(actual)));
  EXPECT_FALSE(match("(:A:B)", Value(actual)));
  EXPECT_FALSE(match("(:A:B {k: 1.0})", Value(actual)));
}

TEST(TckValuesTest, PathsCompareDirections) {
  Node a{10, {"A"}, {}};
  Node b{11, {"B"}, {}};
  Path forward{{a, b}, {Relationship{7, "T", 10, 11, {}}}};
  Path backward{{a, b}, {Relationship{7, "T", 11, 10, {}}}};
  EXPECT_TRUE(match("<(:A)-[:T]->(:B)>", Value(forward)));
  EXPECT_FALSE(match("<(:A)-[:T]->(:B)>", Value(backward)));
  EXPECT_TRUE(match("<(:A)<-[:T]-(:B)>", Value(backward)));
  EXPECT_FALSE(match("<(:A)-[:S]->(:B)>", Value(forward)));
  EXPECT_FALSE(match("<(:B)-[:T]->(:A)>", Value(forward)));
}

TEST(TckValuesTest, OtherKindsCompareThroughTheirText) {
  MatchOptions options{false, [](const Value&) { return std::string("2015-07-21"); }};
  Value vector = FloatVector{1.0f};
  EXPECT_TRUE(values_match(parse_value("'2015-07-21'"), vector, options));
  EXPECT_FALSE(values_match(parse_value("'2015-07-22'"), vector, options));
  EXPECT_FALSE(values_match(parse_value("'2015-07-21'"), vector, MatchOptions{}));
}

TEST(TckValuesTest, RendersInTckSyntax) {
  for (const char* text :
       {"null", "[1, 2.5, 'x', true]", "{a: 1, b: [null]}", "(:A:B {k: 'v'})", "[:T {w: -1}]",
        "<(:A)-[:T]->(:B)<-[:S]-()>", "'it\\'s'", "1.0", "NaN", "-Inf"}) {
    EXPECT_EQ(render_value(parse_value(text)), text);
  }
}

// Every cell of every result, parameter and procedure table in the shared TCK must read as a value:
// a cell the reader rejects would fail its scenario for the runner's sake, not Quiver's.
TEST(TckValuesTest, ReadsEveryValueTableOfTheTck) {
  Suite suite = Suite::load(QUIVER_TCK_JSON);
  size_t cells = 0;
  for (const auto& feature : suite.features()) {
    for (const auto& scenario : feature.scenarios) {
      for (const auto& step : scenario.steps) {
        bool values = result_order(step.text) || step.text == "parameters are:" ||
                      step.text.rfind("there exists a procedure", 0) == 0;
        if (!values || !step.data_table) {
          continue;
        }
        size_t first_row = step.text == "parameters are:" ? 0 : 1;
        for (size_t r = first_row; r < step.data_table->size(); ++r) {
          const auto& row = (*step.data_table)[r];
          for (size_t c = step.text == "parameters are:" ? 1 : 0; c < row.size(); ++c) {
            EXPECT_NO_THROW(parse_value(row[c])) << scenario.id() << ": " << row[c];
            ++cells;
          }
        }
      }
    }
  }
  EXPECT_GT(cells, 1000u);
}

}  // namespace
}  // namespace quiver::tck
