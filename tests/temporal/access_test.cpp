#include "storage/temporal/access.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver::temporal {
namespace {

int64_t number(const TemporalValue& value, std::string_view name) {
  auto result = component(value, name);
  return result ? std::get<int64_t>(*result) : INT64_MIN;
}

std::string text(const TemporalValue& value, std::string_view name) {
  auto result = component(value, name);
  return result ? std::get<std::string>(*result) : "error";
}

TEST(Component, DateFieldsIncludeWeekAndQuarterViews) {
  const TemporalValue d = testing::date("1984-10-11");
  EXPECT_EQ(number(d, "year"), 1984);
  EXPECT_EQ(number(d, "quarter"), 4);
  EXPECT_EQ(number(d, "month"), 10);
  EXPECT_EQ(number(d, "week"), 41);
  EXPECT_EQ(number(d, "weekYear"), 1984);
  EXPECT_EQ(number(d, "day"), 11);
  EXPECT_EQ(number(d, "ordinalDay"), 285);
  EXPECT_EQ(number(d, "weekDay"), 4);
  EXPECT_EQ(number(d, "dayOfWeek"), 4);
  EXPECT_EQ(number(d, "dayOfQuarter"), 11);
}

TEST(Component, FirstJanuaryCanBelongToThePreviousWeekYear) {
  const TemporalValue d = testing::date("1984-01-01");
  EXPECT_EQ(number(d, "year"), 1984);
  EXPECT_EQ(number(d, "weekYear"), 1983);
  EXPECT_EQ(number(d, "week"), 52);
  EXPECT_EQ(number(d, "weekDay"), 7);
}

TEST(Component, TimeFieldsSplitTheFraction) {
  const TemporalValue t = testing::local_time("12:31:14.645876123");
  EXPECT_EQ(number(t, "hour"), 12);
  EXPECT_EQ(number(t, "minute"), 31);
  EXPECT_EQ(number(t, "second"), 14);
  EXPECT_EQ(number(t, "millisecond"), 645);
  EXPECT_EQ(number(t, "microsecond"), 645876);
  EXPECT_EQ(number(t, "nanosecond"), 645876123);
}

TEST(Component, TimeExposesItsOffset) {
  const TemporalValue t = testing::time("12:31:14.645876123+01:00");
  EXPECT_EQ(text(t, "timezone"), "+01:00");
  EXPECT_EQ(text(t, "offset"), "+01:00");
  EXPECT_EQ(number(t, "offsetMinutes"), 60);
  EXPECT_EQ(number(t, "offsetSeconds"), 3600);
}

TEST(Component, DateTimeExposesZoneAndEpoch) {
  const TemporalValue dt = testing::date_time("1984-11-11T12:31:14.645876123[Europe/Stockholm]");
  EXPECT_EQ(number(dt, "week"), 45);
  EXPECT_EQ(number(dt, "ordinalDay"), 316);
  EXPECT_EQ(number(dt, "weekDay"), 7);
  EXPECT_EQ(number(dt, "dayOfQuarter"), 42);
  EXPECT_EQ(text(dt, "timezone"), "Europe/Stockholm");
  EXPECT_EQ(text(dt, "offset"), "+01:00");
  EXPECT_EQ(number(dt, "offsetMinutes"), 60);
  EXPECT_EQ(number(dt, "epochSeconds"), 469020674);
  EXPECT_EQ(number(dt, "epochMillis"), 469020674645);
  EXPECT_EQ(number(testing::date_time("1969-12-31T23:59:59.5Z"), "epochMillis"), -500);
}

TEST(Component, DurationTotalsAndRemainders) {
  const TemporalValue d = testing::duration("P1Y4M10DT1H1M1.111111111S");
  EXPECT_EQ(number(d, "years"), 1);
  EXPECT_EQ(number(d, "quarters"), 5);
  EXPECT_EQ(number(d, "months"), 16);
  EXPECT_EQ(number(d, "weeks"), 1);
  EXPECT_EQ(number(d, "days"), 10);
  EXPECT_EQ(number(d, "hours"), 1);
  EXPECT_EQ(number(d, "minutes"), 61);
  EXPECT_EQ(number(d, "seconds"), 3661);
  EXPECT_EQ(number(d, "milliseconds"), 3661111);
  EXPECT_EQ(number(d, "microseconds"), 3661111111);
  EXPECT_EQ(number(d, "nanoseconds"), 3661111111111);
  EXPECT_EQ(number(d, "quartersOfYear"), 1);
  EXPECT_EQ(number(d, "monthsOfQuarter"), 1);
  EXPECT_EQ(number(d, "monthsOfYear"), 4);
  EXPECT_EQ(number(d, "daysOfWeek"), 3);
  EXPECT_EQ(number(d, "minutesOfHour"), 1);
  EXPECT_EQ(number(d, "secondsOfMinute"), 1);
  EXPECT_EQ(number(d, "millisecondsOfSecond"), 111);
  EXPECT_EQ(number(d, "microsecondsOfSecond"), 111111);
  EXPECT_EQ(number(d, "nanosecondsOfSecond"), 111111111);
}

TEST(Component, UnknownOrInapplicableNamesAreErrors) {
  EXPECT_EQ(component(testing::date("1984-10-11"), "hour").error().code,
            TemporalErrorCode::kInvalidArgument);
  EXPECT_EQ(component(testing::local_time("12:00"), "timezone").error().code,
            TemporalErrorCode::kInvalidArgument);
  EXPECT_EQ(component(testing::local_date_time("1984-10-11T12:00"), "epochSeconds").error().code,
            TemporalErrorCode::kInvalidArgument);
  EXPECT_EQ(component(testing::duration("P1D"), "year").error().code,
            TemporalErrorCode::kInvalidArgument);
  EXPECT_EQ(component(TemporalValue{Duration{0, 0, INT64_MAX, 0}}, "milliseconds").error().code,
            TemporalErrorCode::kOverflow);
}

}  // namespace
}  // namespace quiver::temporal
