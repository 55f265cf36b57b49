#include "storage/temporal/arithmetic.h"

#include <gtest/gtest.h>

#include "storage/temporal/duration.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

using testing::show;

const Duration kWhole = make_duration({.years = int64_t{12},
                                       .months = int64_t{5},
                                       .days = int64_t{14},
                                       .hours = int64_t{16},
                                       .minutes = int64_t{12},
                                       .seconds = int64_t{70},
                                       .nanoseconds = int64_t{2}})
                            .value();
const Duration kMixedSigns = make_duration({.months = int64_t{1},
                                            .days = int64_t{-14},
                                            .hours = int64_t{16},
                                            .minutes = int64_t{-12},
                                            .seconds = int64_t{70}})
                                 .value();
const Duration kFractional = make_duration({.years = 12.5,
                                            .months = 5.5,
                                            .days = 14.5,
                                            .hours = 16.5,
                                            .minutes = 12.5,
                                            .seconds = 70.5,
                                            .nanoseconds = int64_t{3}})
                                 .value();

std::string plus(const TemporalValue& v, const Duration& d) {
  return show(add_duration(v, d));
}
std::string minus(const TemporalValue& v, const Duration& d) {
  return show(subtract_duration(v, d));
}

TEST(AddDuration, DateTakesMonthsDaysAndWholeDaysOfSeconds) {
  const TemporalValue d = testing::date("1984-10-11");
  EXPECT_EQ(plus(d, kWhole), "1997-03-25");
  EXPECT_EQ(minus(d, kWhole), "1972-04-27");
  EXPECT_EQ(plus(d, kMixedSigns), "1984-10-28");
  EXPECT_EQ(minus(d, kMixedSigns), "1984-09-25");
  EXPECT_EQ(plus(d, kFractional), "1997-10-11");
  EXPECT_EQ(minus(d, kFractional), "1971-10-12");
}

TEST(AddDuration, MonthArithmeticClampsToTheEndOfTheMonth) {
  EXPECT_EQ(plus(testing::date("2016-01-31"), Duration{1, 0, 0, 0}), "2016-02-29");
  EXPECT_EQ(plus(testing::date("2015-01-31"), Duration{1, 0, 0, 0}), "2015-02-28");
  EXPECT_EQ(plus(testing::date("2016-02-29"), Duration{12, 0, 0, 0}), "2017-02-28");
}

TEST(AddDuration, LocalTimeWrapsAroundMidnight) {
  const TemporalValue t = testing::local_time("12:31:14.000000001");
  EXPECT_EQ(plus(t, kWhole), "04:44:24.000000003");
  EXPECT_EQ(minus(t, kWhole), "20:18:03.999999999");
  EXPECT_EQ(plus(t, kMixedSigns), "04:20:24.000000001");
  EXPECT_EQ(minus(t, kMixedSigns), "20:42:04.000000001");
  EXPECT_EQ(plus(t, kFractional), "22:29:27.500000004");
  EXPECT_EQ(minus(t, kFractional), "02:33:00.499999998");
}

TEST(AddDuration, TimeKeepsItsOffset) {
  const TemporalValue t = testing::time("12:31:14.000000001+01:00");
  EXPECT_EQ(plus(t, kWhole), "04:44:24.000000003+01:00");
  EXPECT_EQ(minus(t, kFractional), "02:33:00.499999998+01:00");
}

TEST(AddDuration, LocalDateTimeCarriesSecondsIntoDays) {
  const TemporalValue t = testing::local_date_time("1984-10-11T12:31:14.000000001");
  EXPECT_EQ(plus(t, kWhole), "1997-03-26T04:44:24.000000003");
  EXPECT_EQ(minus(t, kWhole), "1972-04-26T20:18:03.999999999");
  EXPECT_EQ(plus(t, kMixedSigns), "1984-10-29T04:20:24.000000001");
  EXPECT_EQ(minus(t, kMixedSigns), "1984-09-24T20:42:04.000000001");
  EXPECT_EQ(plus(t, kFractional), "1997-10-11T22:29:27.500000004");
  EXPECT_EQ(minus(t, kFractional), "1971-10-12T02:33:00.499999998");
}

TEST(AddDuration, DateTimeWithOffset) {
  const TemporalValue t = testing::date_time("1984-10-11T12:31:14.000000001+01:00");
  EXPECT_EQ(plus(t, kWhole), "1997-03-26T04:44:24.000000003+01:00");
  EXPECT_EQ(minus(t, kFractional), "1971-10-12T02:33:00.499999998+01:00");
}

TEST(AddDuration, NamedZoneAddsDaysLocallyAndHoursOnTheInstant) {
  const TemporalValue before = testing::date_time("2017-10-28T12:00[Europe/Stockholm]");
  EXPECT_EQ(plus(before, Duration{0, 1, 0, 0}), "2017-10-29T12:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(plus(before, Duration{0, 0, 24 * 3600, 0}), "2017-10-29T11:00+01:00[Europe/Stockholm]");
  const TemporalValue gap = testing::date_time("2017-03-25T02:30[Europe/Stockholm]");
  EXPECT_EQ(plus(gap, Duration{0, 1, 0, 0}), "2017-03-26T03:30+02:00[Europe/Stockholm]");
}

TEST(AddDuration, ReportsOverflowAtTheEndsOfTheRange) {
  EXPECT_EQ(plus(testing::date("+999999999-12-31"), Duration{0, 1, 0, 0}), "error:Overflow");
  EXPECT_EQ(plus(testing::date("+999999999-12-01"), Duration{1, 0, 0, 0}), "error:Overflow");
  EXPECT_EQ(minus(testing::date("-999999999-01-01"), Duration{0, 0, 86400, 0}), "error:Overflow");
  EXPECT_EQ(plus(testing::local_date_time("2000-01-01T00:00"), Duration{0, 0, INT64_MAX, 0}),
            "error:Overflow");
  EXPECT_EQ(plus(testing::date("2000-01-01"), Duration{INT64_MAX, 0, 0, 0}), "error:Overflow");
}

TEST(AddDuration, DurationsAddComponentWise) {
  EXPECT_EQ(plus(TemporalValue{kWhole}, kWhole), "P24Y10M28DT32H26M20.000000004S");
  EXPECT_EQ(minus(TemporalValue{kWhole}, kWhole), "PT0S");
  const Duration whole1 = make_duration({.years = int64_t{12},
                                         .months = int64_t{5},
                                         .days = int64_t{14},
                                         .hours = int64_t{16},
                                         .minutes = int64_t{12},
                                         .seconds = int64_t{70},
                                         .nanoseconds = int64_t{1}})
                              .value();
  EXPECT_EQ(plus(TemporalValue{whole1}, kMixedSigns), "P12Y6MT32H2M20.000000001S");
  EXPECT_EQ(minus(TemporalValue{whole1}, kMixedSigns), "P12Y4M28DT24M0.000000001S");
}

TEST(Operators, AcceptOnlyTheOperandTypesCypherDefines) {
  const TemporalValue d = testing::date("1984-10-11");
  const TemporalValue day = testing::duration("P1D");
  EXPECT_EQ(show(plus(d, day)), "1984-10-12");
  EXPECT_EQ(show(plus(day, d)), "1984-10-12");
  EXPECT_EQ(show(plus(day, day)), "P2D");
  EXPECT_EQ(show(minus(d, day)), "1984-10-10");
  EXPECT_EQ(show(minus(day, day)), "PT0S");
  EXPECT_EQ(show(plus(d, d)), "error:InvalidArgument");
  EXPECT_EQ(show(minus(day, d)), "error:InvalidArgument");
  EXPECT_EQ(show(minus(d, d)), "error:InvalidArgument");
  EXPECT_EQ(show(times(day, 1.5)), "P1DT12H");
  EXPECT_EQ(show(divided_by(day, int64_t{4})), "PT6H");
  EXPECT_EQ(show(times(d, int64_t{2})), "error:InvalidArgument");
  EXPECT_EQ(show(divided_by(d, int64_t{2})), "error:InvalidArgument");
}

}  // namespace
}  // namespace quiver::temporal
