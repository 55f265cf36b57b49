// Temporal values in the query layer's runtime Value: Cypher equality, comparison, the global
// sort order and the hash that grouping relies on.
#include <gtest/gtest.h>

#include "query/execute/value.h"
#include "storage/temporal/parse.h"

namespace quiver::query {
namespace {

Value date(const char* text) {
  return Value(TemporalValue(*temporal::parse_date(text)));
}

Value datetime(const char* text) {
  return Value(TemporalValue(*temporal::parse_date_time(text)));
}

Value duration(const char* text) {
  return Value(TemporalValue(*temporal::parse_duration(text)));
}

TEST(TemporalValue, EqualityFollowsCypherAndNeverMatchesOtherTypes) {
  EXPECT_EQ(cypher_equals(date("2015-07-21"), date("2015-07-21")), Tri::kTrue);
  EXPECT_EQ(cypher_equals(duration("PT70S"), duration("PT1M10S")), Tri::kTrue);
  EXPECT_EQ(cypher_equals(duration("P1D"), duration("PT24H")), Tri::kFalse);
  EXPECT_EQ(cypher_equals(date("2015-07-21"), Value("2015-07-21")), Tri::kFalse);
  EXPECT_EQ(cypher_equals(date("2015-07-21"), Value()), Tri::kNull);
}

TEST(TemporalValue, ComparisonOrdersInstantsAndLeavesDurationsIncomparable) {
  EXPECT_EQ(cypher_compare(date("2015-07-21"), date("2015-07-22")), -1);
  EXPECT_EQ(cypher_compare(datetime("2015-07-21T12:00+02:00"), datetime("2015-07-21T11:00Z")), -1);
  EXPECT_EQ(cypher_compare(duration("P1D"), duration("P2D")), kIncomparable);
  EXPECT_EQ(cypher_compare(date("2015-07-21"), datetime("2015-07-21T00:00Z")), kIncomparable);
}

TEST(TemporalValue, SortOrderPlacesTemporalTypesBetweenPathsAndStrings) {
  std::vector<Value> ascending = {Value(PathValue{{1}, {}}),
                                  datetime("2015-07-21T12:00Z"),
                                  date("2015-07-21"),
                                  duration("P1D"),
                                  Value("a"),
                                  Value(int64_t{1})};
  for (size_t i = 1; i < ascending.size(); ++i) {
    EXPECT_LT(order_compare(ascending[i - 1], ascending[i]), 0) << "at " << i;
    EXPECT_GT(order_compare(ascending[i], ascending[i - 1]), 0) << "at " << i;
  }
}

TEST(TemporalValue, ValuesThatGroupTogetherHashAlike) {
  EXPECT_EQ(order_compare(duration("PT70S"), duration("PT1M10S")), 0);
  EXPECT_EQ(value_hash(duration("PT70S")), value_hash(duration("PT1M10S")));
  EXPECT_NE(order_compare(duration("P1D"), duration("PT24H")), 0);
}

TEST(TemporalValue, TypeNameNamesTheTemporalType) {
  EXPECT_STREQ(type_name(date("2015-07-21")), "DATE");
  EXPECT_STREQ(type_name(datetime("2015-07-21T12:00Z")), "ZONED DATETIME");
  EXPECT_STREQ(type_name(duration("P1D")), "DURATION");
  EXPECT_STREQ(type_name(Value(int64_t{1})), "INTEGER");
}

}  // namespace
}  // namespace quiver::query
