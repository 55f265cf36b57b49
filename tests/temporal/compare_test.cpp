#include "storage/temporal/compare.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver::temporal {
namespace {

bool less(const TemporalValue& a, const TemporalValue& b) {
  return compare(a, b) == std::strong_ordering::less;
}

TEST(Compare, DatesAndLocalValuesOrderByTheirFields) {
  EXPECT_TRUE(less(testing::date("1980-12-24"), testing::date("1984-10-11")));
  EXPECT_TRUE(equals(testing::date("1984-10-11"), testing::date("1984-10-11")));
  EXPECT_TRUE(less(testing::local_time("10:35"), testing::local_time("12:31:14.645876123")));
  EXPECT_TRUE(less(testing::local_date_time("1980-12-11T12:31:14"),
                   testing::local_date_time("1984-10-11T12:31:14.645876123")));
}

TEST(Compare, TimesOrderByTheirTimeOfDayAtUtc) {
  EXPECT_TRUE(less(testing::time("10:00+01:00"), testing::time("09:35:14.645876123+00:00")));
  EXPECT_EQ(compare(testing::time("10:00+01:00"), testing::time("09:00Z")),
            std::strong_ordering::equal);
  EXPECT_FALSE(equals(testing::time("10:00+01:00"), testing::time("09:00Z")));
}

TEST(Compare, DateTimesOrderByInstant) {
  EXPECT_TRUE(less(testing::date_time("1980-12-11T12:31:14+00:00"),
                   testing::date_time("1984-10-11T12:31:14+05:00")));
  EXPECT_TRUE(less(testing::date_time("2017-10-29T02:30+02:00[Europe/Stockholm]"),
                   testing::date_time("2017-10-29T02:30+01:00[Europe/Stockholm]")));
  EXPECT_TRUE(equals(testing::date_time("1984-10-11T12:31:14+05:00"),
                     testing::date_time("1984-10-11T12:31:14+05:00")));
}

TEST(Compare, DifferentTypesAreNeverEqualNorOrdered) {
  const TemporalValue dur = testing::duration("P12Y5M14DT16H12M70S");
  EXPECT_FALSE(equals(dur, testing::date("1984-10-11")));
  EXPECT_FALSE(equals(testing::date("1984-10-11"), testing::local_date_time("1984-10-11T00:00")));
  EXPECT_FALSE(compare(testing::date("1984-10-11"), testing::local_time("12:00")).has_value());
}

TEST(Compare, DurationsCompareEqualByNormalisedComponentsButHaveNoOrder) {
  const TemporalValue dur = testing::duration("P12Y5M14DT16H12M70S");
  EXPECT_TRUE(equals(dur, testing::duration("P12Y5M14DT16H13M10S")));
  EXPECT_FALSE(equals(dur, testing::duration("P12Y5M13DT40H13M10S")));
  EXPECT_FALSE(compare(dur, dur).has_value());
}

TEST(Order, IsTotalAcrossKindsAndConsistentWithEquality) {
  const TemporalValue values[] = {testing::date("1984-10-11"),
                                  testing::local_time("12:00"),
                                  testing::time("12:00Z"),
                                  testing::local_date_time("1984-10-11T12:00"),
                                  testing::date_time("1984-10-11T12:00Z"),
                                  testing::duration("P1D")};
  for (size_t i = 0; i < std::size(values); ++i) {
    for (size_t j = 0; j < std::size(values); ++j) {
      EXPECT_EQ(order(values[i], values[j]), i <=> j);
    }
  }
  EXPECT_NE(order(testing::time("10:00+01:00"), testing::time("09:00Z")),
            std::strong_ordering::equal);
}

}  // namespace
}  // namespace quiver::temporal
