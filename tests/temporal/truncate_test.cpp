#include <gtest/gtest.h>

#include "storage/temporal/construct.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

std::string cut(TemporalKind kind, std::string_view unit, const TemporalValue& value,
                const ComponentMap& overrides = {}) {
  return show(truncate(kind, unit, value, overrides, TemporalContext{}));
}

const TemporalValue kDateTimeValue = testing::date_time("2017-10-11T12:31:14.645876123+01:00");
const TemporalValue kLocalValue = testing::local_date_time("1984-10-11T12:31:14.645876123");
const std::string kStockholm = "Europe/Stockholm";

TEST(TruncateDate, CutsToEachDateUnit) {
  const TemporalValue d = testing::date("1984-11-11");
  EXPECT_EQ(cut(TemporalKind::kDate, "millennium", testing::date("2017-10-11")), "2000-01-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "century", d), "1900-01-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "decade", d), "1980-01-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "year", d), "1984-01-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "quarter", d), "1984-10-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "month", d), "1984-11-01");
  EXPECT_EQ(cut(TemporalKind::kDate, "week", testing::date("1984-10-11")), "1984-10-08");
  EXPECT_EQ(cut(TemporalKind::kDate, "day", kDateTimeValue), "2017-10-11");
  EXPECT_EQ(cut(TemporalKind::kDate, "century", testing::date("-0150-06-01")), "-0200-01-01");
}

TEST(TruncateDate, WeekYearStartsOnTheMondayOfWeekOne) {
  EXPECT_EQ(cut(TemporalKind::kDate, "weekYear", testing::date("1984-02-01")), "1984-01-02");
  EXPECT_EQ(
      cut(TemporalKind::kDate, "weekYear", testing::date("1984-02-01"), {{"day", int64_t{5}}}),
      "1984-01-05");
  EXPECT_EQ(cut(TemporalKind::kDate, "weekYear", testing::local_date_time("1984-01-01T12:00")),
            "1983-01-03");
}

TEST(TruncateDate, OverridesSetComponentsOfTheTruncatedValue) {
  EXPECT_EQ(cut(TemporalKind::kDate, "millennium", kDateTimeValue, {{"day", int64_t{2}}}),
            "2000-01-02");
  EXPECT_EQ(
      cut(TemporalKind::kDate, "week", testing::date("1984-10-11"), {{"dayOfWeek", int64_t{2}}}),
      "1984-10-09");
}

TEST(TruncateDate, RejectsTimeUnitsUnknownUnitsAndSourcesWithoutDate) {
  EXPECT_EQ(cut(TemporalKind::kDate, "hour", kDateTimeValue), "error:InvalidArgument");
  EXPECT_EQ(cut(TemporalKind::kDate, "fortnight", kDateTimeValue), "error:InvalidArgument");
  EXPECT_EQ(cut(TemporalKind::kDate, "year", testing::local_time("12:00")),
            "error:InvalidArgument");
  EXPECT_EQ(cut(TemporalKind::kDate, "year", testing::duration("P1D")), "error:InvalidArgument");
}

TEST(TruncateDateTime, KeepsTheSourceZoneOrTakesTheOverride) {
  EXPECT_EQ(cut(TemporalKind::kDateTime, "millennium", testing::date("2017-10-11")),
            "2000-01-01T00:00Z");
  EXPECT_EQ(cut(TemporalKind::kDateTime, "millennium", kDateTimeValue), "2000-01-01T00:00+01:00");
  EXPECT_EQ(cut(TemporalKind::kDateTime, "millennium", kDateTimeValue, {{"day", int64_t{2}}}),
            "2000-01-02T00:00+01:00");
  EXPECT_EQ(
      cut(TemporalKind::kDateTime, "millennium",
          testing::date_time("2017-10-11T12:31:14.645876123-01:00"), {{"timezone", kStockholm}}),
      "2000-01-01T00:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(cut(TemporalKind::kDateTime, "hour", kLocalValue, {{"timezone", kStockholm}}),
            "1984-10-11T12:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(cut(TemporalKind::kDateTime, "day", testing::date("1984-10-11"),
                {{"nanosecond", int64_t{2}}}),
            "1984-10-11T00:00:00.000000002Z");
}

TEST(TruncateLocalDateTime, CutsTimeUnitsAndKeepsHigherFractionDigits) {
  EXPECT_EQ(cut(TemporalKind::kLocalDateTime, "week", kDateTimeValue, {{"dayOfWeek", int64_t{2}}}),
            "2017-10-10T00:00");
  EXPECT_EQ(
      cut(TemporalKind::kLocalDateTime, "millisecond", kLocalValue, {{"nanosecond", int64_t{2}}}),
      "1984-10-11T12:31:14.645000002");
  EXPECT_EQ(cut(TemporalKind::kLocalDateTime, "microsecond", kLocalValue),
            "1984-10-11T12:31:14.645876");
}

TEST(TruncateTime, CutsTimeOfDayAndKeepsOrReplacesTheOffset) {
  const TemporalValue t = testing::time("12:31:14.645876123-01:00");
  EXPECT_EQ(cut(TemporalKind::kLocalTime, "day", kDateTimeValue, {{"nanosecond", int64_t{2}}}),
            "00:00:00.000000002");
  EXPECT_EQ(cut(TemporalKind::kLocalTime, "minute", t), "12:31");
  EXPECT_EQ(cut(TemporalKind::kTime, "hour", t), "12:00-01:00");
  EXPECT_EQ(cut(TemporalKind::kTime, "hour", t, {{"timezone", std::string("+01:00")}}),
            "12:00+01:00");
  EXPECT_EQ(cut(TemporalKind::kTime, "second", kLocalValue), "12:31:14Z");
  EXPECT_EQ(cut(TemporalKind::kTime, "day", kDateTimeValue), "00:00+01:00");
  EXPECT_EQ(cut(TemporalKind::kTime, "year", t), "error:InvalidArgument");
  EXPECT_EQ(cut(TemporalKind::kLocalTime, "hour", testing::date("1984-10-11")),
            "error:InvalidArgument");
}

}  // namespace
}  // namespace quiver::temporal
