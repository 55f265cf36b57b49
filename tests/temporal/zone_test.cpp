#include "storage/temporal/zone.h"

#include <gtest/gtest.h>

#include "storage/temporal/parse.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

DateTime at(std::string_view text) {
  return parse_date_time(text).value();
}

// Debian's tz database keeps Stockholm's own local mean time (+01:12:12); builds that fold
// Stockholm into Berlin report Berlin's (+00:53:28). Either way it is not a whole hour.
TEST(TimeZone, StockholmUsedLocalMeanTimeBefore1900AndCetAfter) {
  const std::string lmt = show(parse_date_time("1818-07-21T21:40:32.142[Europe/Stockholm]"));
  EXPECT_TRUE(lmt == "1818-07-21T21:40:32.142+01:12:12[Europe/Stockholm]" ||
              lmt == "1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]")
      << lmt;
  EXPECT_EQ(show(parse_date_time("1950-01-21T12:00[Europe/Stockholm]")),
            "1950-01-21T12:00+01:00[Europe/Stockholm]");
}

TEST(TimeZone, SummerAndWinterOffsetsDiffer) {
  EXPECT_EQ(at("1984-07-20T12:00[Europe/Stockholm]").offset_seconds, 7200);
  EXPECT_EQ(at("1984-01-20T12:00[Europe/Stockholm]").offset_seconds, 3600);
}

TEST(TimeZone, LocalTimeInSpringGapMovesForwardByTheGap) {
  // Clocks in Stockholm jumped from 02:00 to 03:00 on 2017-03-26.
  EXPECT_EQ(show(parse_date_time("2017-03-26T02:30[Europe/Stockholm]")),
            "2017-03-26T03:30+02:00[Europe/Stockholm]");
}

TEST(TimeZone, AmbiguousAutumnTimeTakesEarlierOffsetUnlessOtherIsGiven) {
  // 02:30 happened twice in Stockholm on 2017-10-29.
  EXPECT_EQ(show(parse_date_time("2017-10-29T02:30[Europe/Stockholm]")),
            "2017-10-29T02:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(show(parse_date_time("2017-10-29T02:30+01:00[Europe/Stockholm]")),
            "2017-10-29T02:30+01:00[Europe/Stockholm]");
  const DateTime first = at("2017-10-29T02:30+02:00[Europe/Stockholm]");
  const DateTime second = at("2017-10-29T02:30+01:00[Europe/Stockholm]");
  EXPECT_EQ(second.epoch_second() - first.epoch_second(), 3600);
}

TEST(TimeZone, FarFutureUsesRepeatingDaylightSavingRules) {
  EXPECT_EQ(at("2040-07-01T12:00[Europe/Stockholm]").offset_seconds, 7200);
  EXPECT_EQ(at("2040-01-01T12:00[Europe/Stockholm]").offset_seconds, 3600);
  // The last Sunday of March 2050 is the 27th.
  EXPECT_EQ(show(parse_date_time("2050-03-27T02:30[Europe/Stockholm]")),
            "2050-03-27T03:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(at("+12017-07-01T12:00[Europe/Stockholm]").offset_seconds, 7200);
  EXPECT_EQ(at("+12017-01-01T12:00[Europe/Stockholm]").offset_seconds, 3600);
}

TEST(TimeZone, ParsesOffsetsAndNames) {
  EXPECT_EQ(TimeZone::parse("+01:00").value().fixed_offset(), 3600);
  EXPECT_EQ(TimeZone::parse("-0130").value().fixed_offset(), -5400);
  EXPECT_EQ(TimeZone::parse("+02:05:59").value().fixed_offset(), 2 * 3600 + 5 * 60 + 59);
  EXPECT_EQ(TimeZone::parse("Z").value().fixed_offset(), 0);
  EXPECT_TRUE(TimeZone::parse("America/New_York").value().is_named());
  EXPECT_EQ(TimeZone::parse("Nowhere/Atlantis").error().code, TemporalErrorCode::kUnknownZone);
  EXPECT_EQ(TimeZone::parse("+19:00").error().code, TemporalErrorCode::kOutOfRange);
  EXPECT_EQ(TimeZone::parse("+1:00").error().code, TemporalErrorCode::kInvalidFormat);
  EXPECT_EQ(TimeZone::parse("").error().code, TemporalErrorCode::kInvalidFormat);
}

TEST(TimeZone, FormatsOffsetsWithSecondsOnlyWhenNeeded) {
  EXPECT_EQ(format_offset(0), "Z");
  EXPECT_EQ(format_offset(3600), "+01:00");
  EXPECT_EQ(format_offset(-5400), "-01:30");
  EXPECT_EQ(format_offset(3208), "+00:53:28");
}

}  // namespace
}  // namespace quiver::temporal
