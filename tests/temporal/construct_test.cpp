#include "storage/temporal/construct.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::make;
constexpr auto kDate = TemporalKind::kDate;
constexpr auto kLocalTime = TemporalKind::kLocalTime;
constexpr auto kTime = TemporalKind::kTime;
constexpr auto kLocalDateTime = TemporalKind::kLocalDateTime;
constexpr auto kDateTime = TemporalKind::kDateTime;
constexpr auto kDuration = TemporalKind::kDuration;

using I = int64_t;

TEST(ConstructDate, WeekDatesCountFromTheWeekContainingFourthJanuary) {
  EXPECT_EQ(make(kDate, {{"year", I{1816}}, {"week", I{1}}}), "1816-01-01");
  EXPECT_EQ(make(kDate, {{"year", I{1816}}, {"week", I{52}}}), "1816-12-23");
  EXPECT_EQ(make(kDate, {{"year", I{1817}}, {"week", I{1}}}), "1816-12-30");
  EXPECT_EQ(make(kDate, {{"year", I{1817}}, {"week", I{30}}}), "1817-07-21");
  EXPECT_EQ(make(kDate, {{"year", I{1818}}, {"week", I{53}}}), "1818-12-28");
  EXPECT_EQ(make(kDate, {{"year", I{1819}}, {"week", I{1}}}), "1819-01-04");
  EXPECT_EQ(make(kDate, {{"dayOfWeek", I{2}}, {"year", I{1817}}, {"week", I{1}}}), "1816-12-31");
  EXPECT_EQ(make(kDate, {{"year", I{1817}}, {"week", I{53}}}), "error:OutOfRange");
}

TEST(ConstructDate, SelectsWeekComponentsFromAnotherDate) {
  using testing::date;
  EXPECT_EQ(make(kDate, {{"date", date("1816-12-30")}, {"week", I{2}}, {"dayOfWeek", I{3}}}),
            "1817-01-08");
  EXPECT_EQ(make(kDate, {{"date", date("1816-12-31")}, {"week", I{2}}}), "1817-01-07");
  EXPECT_EQ(make(kDate, {{"date", date("1816-12-31")}, {"year", I{1817}}, {"week", I{2}}}),
            "1817-01-07");
  EXPECT_EQ(make(kLocalDateTime, {{"date", date("1816-12-31")}, {"week", I{2}}}),
            "1817-01-07T00:00");
}

TEST(ConstructDate, EachCalendarDefaultsSmallerUnitsToTheirFirstValue) {
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"month", I{10}}, {"day", I{11}}}), "1984-10-11");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"month", I{10}}}), "1984-10-01");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"week", I{10}}, {"dayOfWeek", I{3}}}), "1984-03-07");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"week", I{10}}}), "1984-03-05");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}}), "1984-01-01");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"ordinalDay", I{202}}}), "1984-07-20");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"quarter", I{3}}, {"dayOfQuarter", I{45}}}),
            "1984-08-14");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"quarter", I{3}}}), "1984-07-01");
  EXPECT_EQ(make(kDate, {{"Year", I{1984}}, {"MONTH", I{2}}}), "1984-02-01");
}

TEST(ConstructDate, SelectsFromAnotherValueAndOverridesComponents) {
  using testing::date_time;
  EXPECT_EQ(make(kDate, {{"date", date_time("2018-03-11T12:00+01:00")}, {"day", I{28}}}),
            "2018-03-28");
  EXPECT_EQ(make(kDate, {{"date", testing::date("2016-02-29")}, {"year", I{2017}}}),
            "error:OutOfRange");
  EXPECT_EQ(make(kDate, {{"date", testing::local_time("12:00")}}), "error:InvalidArgument");
}

TEST(ConstructDate, RejectsMissingLargerUnitsMixedCalendarsAndBadValues) {
  EXPECT_EQ(make(kDate, {{"month", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"day", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"dayOfWeek", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"month", I{3}}, {"week", I{3}}}),
            "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"hour", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"bogus", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", 1984.5}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", std::string("1984")}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"month", I{13}}}), "error:OutOfRange");
  EXPECT_EQ(make(kDate, {{"year", I{1'000'000'000}}}), "error:OutOfRange");
  EXPECT_EQ(make(kDate, {{"year", I{1984}}, {"ordinalDay", I{367}}}), "error:OutOfRange");
  EXPECT_EQ(make(kDate, {{"year", I{1983}}, {"quarter", I{1}}, {"dayOfQuarter", I{91}}}),
            "error:OutOfRange");
}

TEST(ConstructLocalTime, SubSecondFieldsAddUp) {
  EXPECT_EQ(make(kLocalTime, {{"hour", I{12}},
                              {"minute", I{31}},
                              {"second", I{14}},
                              {"nanosecond", I{789}},
                              {"millisecond", I{123}},
                              {"microsecond", I{456}}}),
            "12:31:14.123456789");
  EXPECT_EQ(
      make(kLocalTime,
           {{"hour", I{12}}, {"minute", I{31}}, {"second", I{14}}, {"nanosecond", I{645876123}}}),
      "12:31:14.645876123");
  EXPECT_EQ(
      make(kLocalTime,
           {{"hour", I{12}}, {"minute", I{31}}, {"second", I{14}}, {"microsecond", I{645876}}}),
      "12:31:14.645876");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{12}}}), "12:00");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{12}},
                              {"minute", I{31}},
                              {"second", I{14}},
                              {"millisecond", I{1}},
                              {"nanosecond", I{1000}}}),
            "12:31:14.001001");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{12}},
                              {"minute", I{31}},
                              {"second", I{14}},
                              {"millisecond", I{1}},
                              {"nanosecond", I{1'000'000}}}),
            "error:OutOfRange");
}

TEST(ConstructLocalTime, RejectsSmallerUnitsWithoutLargerOnes) {
  EXPECT_EQ(make(kLocalTime, {{"minute", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{3}}, {"second", I{3}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{3}}, {"minute", I{3}}, {"nanosecond", I{3}}}),
            "error:InvalidArgument");
  EXPECT_EQ(make(kLocalTime, {}), "error:InvalidArgument");
  EXPECT_EQ(make(kLocalTime, {{"hour", I{24}}}), "error:OutOfRange");
}

TEST(ConstructTime, DefaultsToUtcAndAcceptsSecondPrecisionOffsets) {
  EXPECT_EQ(
      make(kTime, {{"hour", I{12}}, {"minute", I{31}}, {"second", I{14}}, {"nanosecond", I{3}}}),
      "12:31:14.000000003Z");
  EXPECT_EQ(make(kTime, {{"hour", I{12}}, {"timezone", std::string("+01:00")}}), "12:00+01:00");
  EXPECT_EQ(make(kTime, {{"hour", I{12}},
                         {"minute", I{34}},
                         {"second", I{56}},
                         {"timezone", std::string("+02:05:00")}}),
            "12:34:56+02:05");
  EXPECT_EQ(make(kTime, {{"hour", I{12}},
                         {"minute", I{34}},
                         {"second", I{56}},
                         {"timezone", std::string("-02:05:07")}}),
            "12:34:56-02:05:07");
}

TEST(ConstructTime, ConvertsAZonedSourceIntoTheRequestedZone) {
  EXPECT_EQ(
      make(kTime, {{"time", testing::time("12:00+01:00")}, {"timezone", std::string("+05:00")}}),
      "16:00+05:00");
  EXPECT_EQ(
      make(kTime, {{"time", testing::local_time("12:00")}, {"timezone", std::string("+05:00")}}),
      "12:00+05:00");
  EXPECT_EQ(make(kTime, {{"time", testing::date_time("2017-08-08T12:00[Europe/Stockholm]")}}),
            "12:00+02:00");
}

TEST(ConstructLocalDateTime, CombinesDateAndTimeCalendars) {
  EXPECT_EQ(make(kLocalDateTime, {{"year", I{1984}},
                                  {"week", I{10}},
                                  {"dayOfWeek", I{3}},
                                  {"hour", I{12}},
                                  {"minute", I{31}},
                                  {"second", I{14}},
                                  {"millisecond", I{645}}}),
            "1984-03-07T12:31:14.645");
  EXPECT_EQ(make(kLocalDateTime,
                 {{"year", I{1984}}, {"quarter", I{3}}, {"dayOfQuarter", I{45}}, {"hour", I{12}}}),
            "1984-08-14T12:00");
  EXPECT_EQ(make(kLocalDateTime, {{"year", I{1984}}}), "1984-01-01T00:00");
  EXPECT_EQ(make(kLocalDateTime,
                 {{"date", testing::date("1984-10-11")}, {"time", testing::local_time("12:31")}}),
            "1984-10-11T12:31");
  EXPECT_EQ(make(kLocalDateTime,
                 {{"datetime", testing::date_time("1984-10-11T12:31+05:00")}, {"day", I{28}}}),
            "1984-10-28T12:31");
  EXPECT_EQ(make(kLocalDateTime, {{"year", I{1984}}, {"timezone", std::string("Z")}}),
            "error:InvalidArgument");
}

TEST(ConstructDateTime, NamedZonesTakeTheOffsetInForceOnThatDate) {
  const std::string stockholm = "Europe/Stockholm";
  EXPECT_EQ(make(kDateTime, {{"year", I{1984}},
                             {"month", I{10}},
                             {"day", I{11}},
                             {"hour", I{12}},
                             {"timezone", stockholm}}),
            "1984-10-11T12:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(make(kDateTime, {{"year", I{1984}}, {"ordinalDay", I{202}}, {"timezone", stockholm}}),
            "1984-07-20T00:00+02:00[Europe/Stockholm]");
  EXPECT_EQ(make(kDateTime, {{"year", I{1984}}, {"timezone", stockholm}}),
            "1984-01-01T00:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(make(kDateTime, {{"year", I{1984}}, {"timezone", std::string("Mars/Base")}}),
            "error:UnknownZone");
}

TEST(ConstructDateTime, DefaultsToUtcAndKeepsGivenOffsets) {
  EXPECT_EQ(make(kDateTime, {{"year", I{1816}}, {"week", I{1}}}), "1816-01-01T00:00Z");
  EXPECT_EQ(make(kDateTime, {{"year", I{1984}},
                             {"month", I{10}},
                             {"day", I{11}},
                             {"hour", I{12}},
                             {"minute", I{34}},
                             {"second", I{56}},
                             {"timezone", std::string("+02:05:59")}}),
            "1984-10-11T12:34:56+02:05:59");
}

TEST(ConstructDateTime, ConvertsASelectedDateTimeIntoAnotherZone) {
  const TemporalValue source = testing::date_time("2018-01-01T23:30+01:00");
  EXPECT_EQ(make(kDateTime, {{"datetime", source}, {"timezone", std::string("+05:00")}}),
            "2018-01-02T03:30+05:00");
  EXPECT_EQ(make(kDateTime, {{"datetime", source}}), "2018-01-01T23:30+01:00");
  EXPECT_EQ(make(kDateTime,
                 {{"date", testing::date("2018-05-05")}, {"time", testing::time("10:00+01:00")}}),
            "2018-05-05T10:00+01:00");
}

TEST(ConstructDateTime, FromEpochNumbers) {
  EXPECT_EQ(testing::show(date_time_from_epoch(416779, 999999999)),
            "1970-01-05T19:46:19.999999999Z");
  EXPECT_EQ(testing::show(date_time_from_epoch_millis(237821673987)), "1977-07-15T13:34:33.987Z");
  EXPECT_EQ(make(kDateTime, {{"epochSeconds", I{416779}}, {"nanosecond", I{1}}}),
            "1970-01-05T19:46:19.000000001Z");
  EXPECT_EQ(make(kDateTime, {{"epochMillis", I{-1}}}), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(testing::show(date_time_from_epoch(INT64_MAX, 0)), "error:Overflow");
}

TEST(ConstructDuration, FractionsCascadeIntoSmallerUnits) {
  EXPECT_EQ(make(kDuration, {{"days", I{14}}, {"hours", I{16}}, {"minutes", I{12}}}),
            "P14DT16H12M");
  EXPECT_EQ(make(kDuration, {{"months", I{5}}, {"days", 1.5}}), "P5M1DT12H");
  EXPECT_EQ(make(kDuration, {{"months", 0.75}}), "P22DT19H51M49.5S");
  EXPECT_EQ(make(kDuration, {{"weeks", 2.5}}), "P17DT12H");
  EXPECT_EQ(make(kDuration, {{"years", I{12}},
                             {"months", I{5}},
                             {"days", I{14}},
                             {"hours", I{16}},
                             {"minutes", I{12}},
                             {"seconds", I{70}}}),
            "P12Y5M14DT16H13M10S");
  EXPECT_EQ(make(kDuration, {{"days", I{14}}, {"seconds", I{70}}, {"microseconds", I{1}}}),
            "P14DT1M10.000001S");
  EXPECT_EQ(make(kDuration, {{"minutes", 1.5}, {"seconds", I{1}}}), "PT1M31S");
  EXPECT_EQ(make(kDuration, {{"quarters", I{1}}}), "P3M");
}

TEST(ConstructDuration, RejectsUnknownKeysAndOverflow) {
  EXPECT_EQ(make(kDuration, {{"fortnights", I{1}}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDuration, {{"days", std::string("1")}}), "error:InvalidArgument");
  EXPECT_EQ(make(kDuration, {{"years", INT64_MAX}}), "error:Overflow");
  EXPECT_EQ(make(kDuration, {{"seconds", 1e300}}), "error:Overflow");
}

TEST(CurrentTemporal, ReadsTheContextClockInTheRequestedZone) {
  TemporalContext context;
  context.now_epoch_second = 1'500'000'000;  // 2017-07-14T02:40:00Z
  context.now_nanosecond = 5;
  auto stockholm = TimeZone::named("Europe/Stockholm").value();
  EXPECT_EQ(testing::show(current_temporal(kDateTime, context)), "2017-07-14T02:40:00.000000005Z");
  EXPECT_EQ(testing::show(current_temporal(kDateTime, context, stockholm)),
            "2017-07-14T04:40:00.000000005+02:00[Europe/Stockholm]");
  EXPECT_EQ(testing::show(current_temporal(kTime, context, stockholm)), "04:40:00.000000005+02:00");
  EXPECT_EQ(testing::show(current_temporal(kDate, context, TimeZone::fixed(-3 * 3600).value())),
            "2017-07-13");
  EXPECT_EQ(
      testing::show(make_temporal(kLocalTime, {{"timezone", std::string("+01:00")}}, context)),
      "03:40:00.000000005");
  EXPECT_EQ(testing::show(current_temporal(kDuration, context)), "error:InvalidArgument");
}

TEST(ConvertTemporal, TakesThePartsTheTargetNeeds) {
  const TemporalContext context;
  const TemporalValue dt = testing::date_time("2015-07-21T21:40:32.142+01:00");
  EXPECT_EQ(testing::show(convert_temporal(kDate, dt, context)), "2015-07-21");
  EXPECT_EQ(testing::show(convert_temporal(kLocalTime, dt, context)), "21:40:32.142");
  EXPECT_EQ(testing::show(convert_temporal(kTime, dt, context)), "21:40:32.142+01:00");
  EXPECT_EQ(testing::show(convert_temporal(kLocalDateTime, dt, context)),
            "2015-07-21T21:40:32.142");
  EXPECT_EQ(testing::show(convert_temporal(kDateTime, testing::date("2015-07-21"), context)),
            "2015-07-21T00:00Z");
  EXPECT_EQ(testing::show(convert_temporal(kDate, testing::local_time("12:00"), context)),
            "error:InvalidArgument");
}

}  // namespace
}  // namespace quiver::temporal
