#include "storage/temporal/duration.h"

#include <gtest/gtest.h>

#include "storage/temporal/access.h"
#include "storage/temporal/arithmetic.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

std::string between(const TemporalValue& a, const TemporalValue& b,
                    BetweenUnit unit = BetweenUnit::kAll) {
  return show(duration_between(a, b, unit));
}

const Duration kBase = std::get<Duration>(testing::duration("P12Y5M14DT16H13M10.000000001S"));

TEST(DurationScale, MultipliesAndDividesWithCascadingFractions) {
  EXPECT_EQ(show(multiply(kBase, int64_t{1})), "P12Y5M14DT16H13M10.000000001S");
  EXPECT_EQ(show(multiply(kBase, int64_t{2})), "P24Y10M28DT32H26M20.000000002S");
  EXPECT_EQ(show(multiply(kBase, 0.5)), "P6Y2M22DT13H21M8S");
  EXPECT_EQ(show(divide(kBase, int64_t{1})), "P12Y5M14DT16H13M10.000000001S");
  EXPECT_EQ(show(divide(kBase, int64_t{2})), "P6Y2M22DT13H21M8S");
  EXPECT_EQ(show(divide(kBase, 0.5)), "P24Y10M28DT32H26M20.000000002S");
  EXPECT_EQ(show(multiply(kBase, int64_t{-1})), "P-12Y-5M-14DT-16H-13M-10.000000001S");
}

TEST(DurationScale, ReportsDivisionByZeroAndOverflow) {
  EXPECT_EQ(show(divide(kBase, int64_t{0})), "error:InvalidArgument");
  EXPECT_EQ(show(divide(kBase, 0.0)), "error:InvalidArgument");
  EXPECT_EQ(show(multiply(kBase, INT64_MAX)), "error:Overflow");
  EXPECT_EQ(show(multiply(Duration{0, 0, 0, 999'999'999}, int64_t{3'000'000'000})),
            "PT833333H19M57S");
  EXPECT_EQ(show(multiply(Duration{0, 0, 0, 500'000'000}, int64_t{3})), "PT1.5S");
}

TEST(DurationBetween, SplitsIntoMonthsDaysAndSeconds) {
  EXPECT_EQ(between(testing::local_date_time("2018-01-01T12:00"),
                    testing::local_date_time("2018-01-02T10:00")),
            "PT22H");
  EXPECT_EQ(between(testing::local_date_time("2018-01-02T10:00"),
                    testing::local_date_time("2018-01-01T12:00")),
            "PT-22H");
  EXPECT_EQ(between(testing::local_date_time("2018-01-01T10:00:00.2"),
                    testing::local_date_time("2018-01-02T10:00:00.1")),
            "PT23H59M59.9S");
  auto negative = duration_between(testing::local_date_time("2018-01-02T10:00:00.1"),
                                   testing::local_date_time("2018-01-01T10:00:00.2"));
  EXPECT_EQ(show(negative), "PT-23H-59M-59.9S");
  EXPECT_EQ(std::get<int64_t>(component(*negative, "seconds").value()), -86400);
  EXPECT_EQ(std::get<int64_t>(component(*negative, "nanosecondsOfSecond").value()), 100000000);
}

TEST(DurationBetween, CountsRealHoursAcrossDaylightSavingChanges) {
  EXPECT_EQ(between(testing::date_time("2017-10-28T23:00+02:00[Europe/Stockholm]"),
                    testing::date_time("2017-10-29T04:00+01:00[Europe/Stockholm]")),
            "PT6H");
  const TemporalValue midnight = make_temporal(TemporalKind::kDateTime,
                                               {{"year", int64_t{2017}},
                                                {"month", int64_t{10}},
                                                {"day", int64_t{29}},
                                                {"timezone", std::string("Europe/Stockholm")}},
                                               {})
                                     .value();
  EXPECT_EQ(between(midnight, testing::local_date_time("2017-10-29T04:00"), BetweenUnit::kSeconds),
            "PT5H");
  EXPECT_EQ(between(midnight, testing::local_time("04:00"), BetweenUnit::kSeconds), "PT5H");
  EXPECT_EQ(
      between(testing::date("2017-10-29"), testing::date_time("2017-10-29T04:00[Europe/Stockholm]"),
              BetweenUnit::kSeconds),
      "PT5H");
  EXPECT_EQ(between(midnight, testing::date("2017-10-30"), BetweenUnit::kSeconds), "PT25H");
}

TEST(DurationBetween, AlignsValuesOfDifferentTypes) {
  const TemporalValue d = testing::date("1984-10-11");
  EXPECT_EQ(between(d, testing::date("2015-06-24")), "P30Y8M13D");
  EXPECT_EQ(between(d, testing::local_date_time("2016-07-21T21:45:22.142")),
            "P31Y9M10DT21H45M22.142S");
  EXPECT_EQ(between(d, testing::date_time("2015-07-21T21:40:32.142+0100")),
            "P30Y9M10DT21H40M32.142S");
  EXPECT_EQ(between(d, testing::local_time("16:30")), "PT16H30M");
  EXPECT_EQ(between(testing::local_time("14:30"), testing::date("2015-06-24")), "PT-14H-30M");
  EXPECT_EQ(between(testing::time("14:30"), testing::date_time("2015-07-21T21:40:32.142+0100")),
            "PT6H10M32.142S");
  EXPECT_EQ(between(testing::time("14:30"), testing::time("16:30+0100")), "PT1H");
  EXPECT_EQ(between(testing::local_time("14:30"), testing::time("16:30+0100")), "PT2H");
  EXPECT_EQ(
      between(testing::local_date_time("2015-07-21T21:40:32.142"), testing::date("2015-06-24")),
      "P-27DT-21H-40M-32.142S");
  const TemporalValue dt = testing::date_time("2014-07-21T21:40:36.143+0200");
  EXPECT_EQ(between(dt, testing::date("2015-06-24")), "P11M2DT2H19M23.857S");
  EXPECT_EQ(between(dt, testing::date_time("2015-07-21T21:40:32.142+0100")), "P1YT59M55.999S");
  EXPECT_EQ(between(dt, testing::time("16:30+0100")), "PT-4H-10M-36.143S");
}

TEST(DurationBetween, InMonthsDaysAndSecondsCountOneUnit) {
  const TemporalValue dt = testing::date_time("2014-07-21T21:40:36.143+0200");
  EXPECT_EQ(between(dt, testing::date("2015-06-24"), BetweenUnit::kMonths), "P11M");
  EXPECT_EQ(between(dt, testing::date("2015-06-24"), BetweenUnit::kDays), "P337D");
  EXPECT_EQ(between(dt, testing::date("2015-06-24"), BetweenUnit::kSeconds), "PT8090H19M23.857S");
  EXPECT_EQ(between(dt, testing::local_time("16:30"), BetweenUnit::kMonths), "PT0S");
  EXPECT_EQ(between(testing::date("2018-03-11"), testing::date("2016-06-24"), BetweenUnit::kMonths),
            "P-1Y-8M");
  EXPECT_EQ(between(testing::date_time("2018-07-21T21:40:36.143+0500"),
                    testing::date_time("1984-07-21T22:40:36.143+0200"), BetweenUnit::kMonths),
            "P-33Y-11M");
  EXPECT_EQ(between(testing::local_date_time("2014-07-21T21:40:36.143"),
                    testing::local_date_time("2014-07-21T21:40:36.142"), BetweenUnit::kSeconds),
            "PT-0.001S");
}

TEST(DurationBetween, SecondsAndFractionsWithDifferentSigns) {
  auto in_seconds = [](const char* a, const char* b) {
    return between(testing::local_time(a), testing::local_time(b), BetweenUnit::kSeconds);
  };
  EXPECT_EQ(in_seconds("12:34:54.7", "12:34:54.3"), "PT-0.4S");
  EXPECT_EQ(in_seconds("12:34:54.7", "12:34:55.3"), "PT0.6S");
  EXPECT_EQ(in_seconds("12:44:54.7", "12:34:55.3"), "PT-9M-59.4S");
  EXPECT_EQ(in_seconds("12:44:56", "12:34:55.7"), "PT-10M-0.3S");
  EXPECT_EQ(in_seconds("12:34:56.3", "12:34:54.7"), "PT-1.6S");
}

TEST(DurationBetween, HandlesTheWholeYearRange) {
  EXPECT_EQ(between(testing::date("-999999999-01-01"), testing::date("+999999999-12-31")),
            "P1999999998Y11M30D");
  EXPECT_EQ(between(testing::local_date_time("-999999999-01-01"),
                    testing::local_date_time("+999999999-12-31T23:59:59"), BetweenUnit::kSeconds),
            "PT17531639991215H59M59S");
  EXPECT_EQ(between(testing::duration("P1D"), testing::date("2000-01-01")),
            "error:InvalidArgument");
}

}  // namespace
}  // namespace quiver::temporal
