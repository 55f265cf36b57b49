#include "storage/temporal/calendar.h"

#include <gtest/gtest.h>

namespace quiver::temporal {
namespace {

TEST(Calendar, DayNumbersRoundTripAcrossEveryDayOfSeveralEras) {
  for (int64_t day = -800'000; day <= 800'000; day += 7) {
    const YearMonthDay ymd = civil_from_epoch_day(day);
    ASSERT_EQ(epoch_day_from_civil(ymd.year, ymd.month, ymd.day), day);
    ASSERT_GE(ymd.day, 1);
    ASSERT_LE(ymd.day, days_in_month(ymd.year, ymd.month));
  }
}

TEST(Calendar, EpochIsThursdayFirstJanuary1970) {
  const YearMonthDay ymd = civil_from_epoch_day(0);
  EXPECT_EQ(ymd.year, 1970);
  EXPECT_EQ(ymd.month, 1);
  EXPECT_EQ(ymd.day, 1);
  EXPECT_EQ(iso_weekday(0), 4);
}

TEST(Calendar, LeapYearsFollowTheGregorianRule) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(1984));
  EXPECT_FALSE(is_leap_year(2015));
  EXPECT_TRUE(is_leap_year(-4));
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_year(2016), 366);
}

TEST(Calendar, ExtremeYearsConvertBothWays) {
  const int64_t first = min_epoch_day();
  const int64_t last = max_epoch_day();
  EXPECT_EQ(civil_from_epoch_day(first).year, kMinYear);
  EXPECT_EQ(civil_from_epoch_day(last).year, kMaxYear);
  EXPECT_EQ(civil_from_epoch_day(last).month, 12);
  EXPECT_EQ(civil_from_epoch_day(last).day, 31);
}

TEST(Calendar, WeekYearDiffersFromYearAtTheEdges) {
  // 1984-01-01 is a Sunday in the last week of 1983.
  const IsoWeek a = iso_week_of(epoch_day_from_civil(1984, 1, 1));
  EXPECT_EQ(a.week_year, 1983);
  EXPECT_EQ(a.week, 52);
  // 1816-12-30 is the Monday of week 1 of 1817.
  const IsoWeek b = iso_week_of(epoch_day_from_civil(1816, 12, 30));
  EXPECT_EQ(b.week_year, 1817);
  EXPECT_EQ(b.week, 1);
  // 2015 has 53 weeks; 2016-01-03 is in the 53rd.
  EXPECT_EQ(weeks_in_week_year(2015), 53);
  EXPECT_EQ(iso_week_of(epoch_day_from_civil(2016, 1, 3)).week, 53);
  EXPECT_EQ(weeks_in_week_year(2016), 52);
}

TEST(Calendar, QuartersHaveTheirCalendarLengths) {
  EXPECT_EQ(days_in_quarter(2015, 1), 90);
  EXPECT_EQ(days_in_quarter(2016, 1), 91);
  EXPECT_EQ(days_in_quarter(2016, 3), 92);
  EXPECT_EQ(days_in_quarter(2016, 4), 92);
}

TEST(Calendar, CheckedArithmeticReportsOverflow) {
  EXPECT_FALSE(checked_add(INT64_MAX, 1).has_value());
  EXPECT_FALSE(checked_mul(INT64_MAX / 2, 3).has_value());
  EXPECT_EQ(checked_sub(5, 7).value(), -2);
  EXPECT_EQ(floor_div(-1, 7), -1);
  EXPECT_EQ(floor_mod(-1, 7), 6);
}

}  // namespace
}  // namespace quiver::temporal
