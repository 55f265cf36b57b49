#include "storage/temporal/parse.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

TEST(ParseDate, AcceptsCalendarWeekOrdinalAndQuarterForms) {
  EXPECT_EQ(show(parse_date("2015-07-21")), "2015-07-21");
  EXPECT_EQ(show(parse_date("20150721")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015-07")), "2015-07-01");
  EXPECT_EQ(show(parse_date("201507")), "2015-07-01");
  EXPECT_EQ(show(parse_date("2015-W30-2")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015W302")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015-W30")), "2015-07-20");
  EXPECT_EQ(show(parse_date("2015W30")), "2015-07-20");
  EXPECT_EQ(show(parse_date("2015-202")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015202")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015")), "2015-01-01");
  EXPECT_EQ(show(parse_date("2015-Q3-21")), "2015-07-21");
  EXPECT_EQ(show(parse_date("2015-Q3")), "2015-07-01");
}

TEST(ParseDate, AcceptsSignedExtendedYears) {
  EXPECT_EQ(show(parse_date("-999999999-01-01")), "-999999999-01-01");
  EXPECT_EQ(show(parse_date("+999999999-12-31")), "+999999999-12-31");
  EXPECT_EQ(show(parse_date("-0001-03-01")), "-0001-03-01");
}

TEST(ParseDate, LeapDayOnlyInLeapYears) {
  EXPECT_EQ(show(parse_date("2016-02-29")), "2016-02-29");
  EXPECT_EQ(show(parse_date("2000-02-29")), "2000-02-29");
  EXPECT_EQ(show(parse_date("1900-02-29")), "error:OutOfRange");
  EXPECT_EQ(show(parse_date("2015-366")), "error:OutOfRange");
  EXPECT_EQ(show(parse_date("2016-366")), "2016-12-31");
}

TEST(ParseDate, RejectsMalformedText) {
  for (const char* text : {"", "15-07-21", "2015-7-21", "2015-07-21x", "2015/07/21", "abcd",
                           "2015-W3", "2015-07-", "+2015-0721", "2015-Q5", "2015-0721"}) {
    const auto result = parse_date(text);
    EXPECT_FALSE(result.ok()) << text;
  }
  EXPECT_EQ(show(parse_date("2015-13-01")), "error:OutOfRange");
  EXPECT_EQ(show(parse_date("2015-W54")), "error:OutOfRange");
  EXPECT_EQ(show(parse_date("2015-W53-1")), "2015-12-28");
  EXPECT_EQ(show(parse_date("2016-W53")), "error:OutOfRange");
}

TEST(ParseLocalTime, AcceptsExtendedAndBasicFormsWithFractions) {
  EXPECT_EQ(show(parse_local_time("21:40:32.142")), "21:40:32.142");
  EXPECT_EQ(show(parse_local_time("214032.142")), "21:40:32.142");
  EXPECT_EQ(show(parse_local_time("21:40:32")), "21:40:32");
  EXPECT_EQ(show(parse_local_time("214032")), "21:40:32");
  EXPECT_EQ(show(parse_local_time("21:40")), "21:40");
  EXPECT_EQ(show(parse_local_time("2140")), "21:40");
  EXPECT_EQ(show(parse_local_time("21")), "21:00");
  EXPECT_EQ(show(parse_local_time("21:40:32,5")), "21:40:32.500");
  EXPECT_EQ(show(parse_local_time("00:00:00.000000001")), "00:00:00.000000001");
}

TEST(ParseLocalTime, RejectsOutOfRangeAndMalformedTimes) {
  EXPECT_EQ(show(parse_local_time("24:00")), "error:OutOfRange");
  EXPECT_EQ(show(parse_local_time("12:60")), "error:OutOfRange");
  EXPECT_EQ(show(parse_local_time("12:00:60")), "error:OutOfRange");
  EXPECT_EQ(show(parse_local_time("12:00:00.1234567891")), "error:InvalidFormat");
  EXPECT_EQ(show(parse_local_time("1:00")), "error:InvalidFormat");
  EXPECT_EQ(show(parse_local_time("12:00Z")), "error:InvalidFormat");
}

TEST(ParseTime, AcceptsEveryOffsetForm) {
  EXPECT_EQ(show(parse_time("21:40:32.142+0100")), "21:40:32.142+01:00");
  EXPECT_EQ(show(parse_time("214032.142Z")), "21:40:32.142Z");
  EXPECT_EQ(show(parse_time("21:40:32+01:00")), "21:40:32+01:00");
  EXPECT_EQ(show(parse_time("214032-0100")), "21:40:32-01:00");
  EXPECT_EQ(show(parse_time("21:40-01:30")), "21:40-01:30");
  EXPECT_EQ(show(parse_time("2140-00:00")), "21:40Z");
  EXPECT_EQ(show(parse_time("2140-02")), "21:40-02:00");
  EXPECT_EQ(show(parse_time("22+18:00")), "22:00+18:00");
  EXPECT_EQ(show(parse_time("12:00")), "12:00Z");
  EXPECT_EQ(show(parse_time("12:34:56-02:05:07")), "12:34:56-02:05:07");
}

TEST(ParseTime, RejectsOffsetsBeyondEighteenHours) {
  EXPECT_EQ(show(parse_time("12:00+18:01")), "error:OutOfRange");
  EXPECT_EQ(show(parse_time("12:00+1")), "error:InvalidFormat");
  EXPECT_EQ(show(parse_time("12:00+01:60")), "error:OutOfRange");
}

TEST(ParseLocalDateTime, CombinesAnyDateFormWithAnyTimeForm) {
  EXPECT_EQ(show(parse_local_date_time("2015-07-21T21:40:32.142")), "2015-07-21T21:40:32.142");
  EXPECT_EQ(show(parse_local_date_time("2015-W30-2T214032.142")), "2015-07-21T21:40:32.142");
  EXPECT_EQ(show(parse_local_date_time("2015-202T21:40:32")), "2015-07-21T21:40:32");
  EXPECT_EQ(show(parse_local_date_time("2015T214032")), "2015-01-01T21:40:32");
  EXPECT_EQ(show(parse_local_date_time("20150721T21:40")), "2015-07-21T21:40");
  EXPECT_EQ(show(parse_local_date_time("2015-W30T2140")), "2015-07-20T21:40");
  EXPECT_EQ(show(parse_local_date_time("2015202T21")), "2015-07-21T21:00");
  EXPECT_EQ(show(parse_local_date_time("2015-07-21")), "2015-07-21T00:00");
  EXPECT_EQ(show(parse_local_date_time("2015-07-21T")), "error:InvalidFormat");
}

TEST(ParseDateTime, AcceptsOffsetsAndDefaultsToUtc) {
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40:32.142+0100")), "2015-07-21T21:40:32.142+01:00");
  EXPECT_EQ(show(parse_date_time("2015-W30-2T214032.142Z")), "2015-07-21T21:40:32.142Z");
  EXPECT_EQ(show(parse_date_time("2015-202T21:40:32+01:00")), "2015-07-21T21:40:32+01:00");
  EXPECT_EQ(show(parse_date_time("2015T214032-0100")), "2015-01-01T21:40:32-01:00");
  EXPECT_EQ(show(parse_date_time("20150721T21:40-01:30")), "2015-07-21T21:40-01:30");
  EXPECT_EQ(show(parse_date_time("2015-W30T2140-00:00")), "2015-07-20T21:40Z");
  EXPECT_EQ(show(parse_date_time("2015-W30T2140-02")), "2015-07-20T21:40-02:00");
  EXPECT_EQ(show(parse_date_time("2015202T21+18:00")), "2015-07-21T21:00+18:00");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40")), "2015-07-21T21:40Z");
}

TEST(ParseDateTime, NamedZonesSupplyHistoricalOffsets) {
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40:32.142+02:00[Europe/Stockholm]")),
            "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40:32.142+0845[Australia/Eucla]")),
            "2015-07-21T21:40:32.142+08:45[Australia/Eucla]");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40:32.142-04[America/New_York]")),
            "2015-07-21T21:40:32.142-04:00[America/New_York]");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40:32.142[Europe/London]")),
            "2015-07-21T21:40:32.142+01:00[Europe/London]");
  EXPECT_EQ(show(parse_date_time("2015-01-21T21:40:32.142[Europe/London]")),
            "2015-01-21T21:40:32.142Z[Europe/London]");
}

TEST(ParseDateTime, RejectsUnknownZonesAndMismatchedOffsets) {
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40[Mars/Olympus]")), "error:UnknownZone");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40+05:00[Europe/Stockholm]")),
            "error:InvalidArgument");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40[Europe/Stockholm")), "error:InvalidFormat");
  EXPECT_EQ(show(parse_date_time("2015-07-21T21:40[]")), "error:InvalidFormat");
}

TEST(ParseDuration, AcceptsUnitFormsWithFractionsThatCascade) {
  EXPECT_EQ(show(parse_duration("P14DT16H12M")), "P14DT16H12M");
  EXPECT_EQ(show(parse_duration("P5M1.5D")), "P5M1DT12H");
  EXPECT_EQ(show(parse_duration("P0.75M")), "P22DT19H51M49.5S");
  EXPECT_EQ(show(parse_duration("PT0.75M")), "PT45S");
  EXPECT_EQ(show(parse_duration("P2.5W")), "P17DT12H");
  EXPECT_EQ(show(parse_duration("P12Y5M14DT16H12M70S")), "P12Y5M14DT16H13M10S");
  EXPECT_EQ(show(parse_duration("PT1,5S")), "PT1.5S");
}

TEST(ParseDuration, AcceptsTheAlternativeDateTimeForm) {
  EXPECT_EQ(show(parse_duration("P2012-02-02T14:37:21.545")), "P2012Y2M2DT14H37M21.545S");
  EXPECT_EQ(show(parse_duration("P20120202T143721.545")), "P2012Y2M2DT14H37M21.545S");
}

TEST(ParseDuration, AcceptsNegativePartsAndANegatedWhole) {
  EXPECT_EQ(show(parse_duration("P12Y5M-14DT16H")), "P12Y5M-14DT16H");
  EXPECT_EQ(show(parse_duration("PT-1.999S")), "PT-1.999S");
  EXPECT_EQ(show(parse_duration("-P1DT2H")), "P-1DT-2H");
  EXPECT_EQ(show(parse_duration("PT-1M-0.001S")), "PT-1M-0.001S");
}

TEST(ParseDuration, RejectsMalformedText) {
  for (const char* text : {"", "P", "PT", "P1", "1D", "P1H", "PT1D", "P1D2M", "P1.D", "P1DT",
                           "P1Y1Y", "P99999999999999999999D", "PT1S2M"}) {
    EXPECT_FALSE(parse_duration(text).ok()) << text;
  }
}

}  // namespace
}  // namespace quiver::temporal
