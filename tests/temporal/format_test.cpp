#include "storage/temporal/format.h"

#include <gtest/gtest.h>

#include "storage/temporal/duration.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

std::string duration_of(const DurationComponents& c) {
  return show(make_duration(c));
}

TEST(FormatDate, PadsAndSignsYearsLikeCypher) {
  EXPECT_EQ(to_string(Date::of(1984, 10, 11).value()), "1984-10-11");
  EXPECT_EQ(to_string(Date::of(33, 1, 2).value()), "0033-01-02");
  EXPECT_EQ(to_string(Date::of(-33, 1, 2).value()), "-0033-01-02");
  EXPECT_EQ(to_string(Date::of(12345, 1, 2).value()), "+12345-01-02");
}

TEST(FormatLocalTime, OmitsZeroSecondsAndGroupsFractionDigitsByThree) {
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 0, 0).value()), "12:31");
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 14, 0).value()), "12:31:14");
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 0, 5).value()), "12:31:00.000000005");
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 14, 645'000'000).value()), "12:31:14.645");
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 14, 645'876'000).value()), "12:31:14.645876");
  EXPECT_EQ(to_string(LocalTime::of(12, 31, 14, 645'876'123).value()), "12:31:14.645876123");
  EXPECT_EQ(to_string(LocalTime::of(10, 0, 0, 200'000'000).value()), "10:00:00.200");
}

TEST(FormatTime, PrintsZForZeroOffsetAndSecondsOnlyWhenPresent) {
  EXPECT_EQ(to_string(Time{LocalTime::of(12, 0, 0, 0).value(), 0}), "12:00Z");
  EXPECT_EQ(to_string(Time{LocalTime::of(12, 0, 0, 0).value(), 3600}), "12:00+01:00");
  EXPECT_EQ(to_string(Time{LocalTime::of(12, 0, 0, 0).value(), -(2 * 3600 + 5 * 60 + 7)}),
            "12:00-02:05:07");
}

TEST(FormatDuration, SerializesLikeCypher) {
  DurationComponents c;
  c.years = int64_t{12};
  c.months = int64_t{5};
  c.days = int64_t{14};
  c.hours = int64_t{16};
  c.minutes = int64_t{12};
  c.seconds = int64_t{70};
  c.nanoseconds = int64_t{1};
  EXPECT_EQ(duration_of(c), "P12Y5M14DT16H13M10.000000001S");

  EXPECT_EQ(
      duration_of(
          {.years = int64_t{12}, .months = int64_t{5}, .days = int64_t{-14}, .hours = int64_t{16}}),
      "P12Y5M-14DT16H");
  EXPECT_EQ(duration_of({.minutes = int64_t{12}, .seconds = int64_t{-60}}), "PT11M");
  EXPECT_EQ(duration_of({.seconds = int64_t{2}, .milliseconds = int64_t{-1}}), "PT1.999S");
  EXPECT_EQ(duration_of({.seconds = int64_t{-2}, .milliseconds = int64_t{1}}), "PT-1.999S");
  EXPECT_EQ(duration_of({.seconds = int64_t{-2}, .milliseconds = int64_t{-1}}), "PT-2.001S");
  EXPECT_EQ(duration_of({.days = int64_t{1}, .milliseconds = int64_t{1}}), "P1DT0.001S");
  EXPECT_EQ(duration_of({.days = int64_t{1}, .milliseconds = int64_t{-1}}), "P1DT-0.001S");
  EXPECT_EQ(duration_of({.seconds = int64_t{60}, .milliseconds = int64_t{-1}}), "PT59.999S");
  EXPECT_EQ(duration_of({.seconds = int64_t{-60}, .milliseconds = int64_t{1}}), "PT-59.999S");
  EXPECT_EQ(duration_of({.seconds = int64_t{-60}, .milliseconds = int64_t{-1}}), "PT-1M-0.001S");
  EXPECT_EQ(to_string(Duration{}), "PT0S");
}

TEST(FormatDuration, RoundTripsThroughTheParser) {
  for (const char* text : {"P12Y5M14DT16H13M10.000000001S", "P12Y5M-14DT16H", "PT-1.999S",
                           "PT-1M-0.001S", "P1DT-0.001S", "PT0S", "P-1Y-8M", "PT32H"}) {
    auto parsed = parse_temporal(TemporalKind::kDuration, text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(to_string(*parsed), text);
  }
}

TEST(FormatDateTime, AppendsZoneNameAfterOffset) {
  auto zone = TimeZone::named("Europe/Stockholm").value();
  const LocalDateTime local{Date::of(2017, 8, 8).value(),
                            LocalTime::of(12, 31, 14, 645'876'123).value()};
  EXPECT_EQ(to_string(DateTime::of_local(local, zone).value()),
            "2017-08-08T12:31:14.645876123+02:00[Europe/Stockholm]");
}

}  // namespace
}  // namespace quiver::temporal
