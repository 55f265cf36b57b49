#include "storage/key_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace quiver::storage {
namespace {

// Asserts that encodings of VALUES sort strictly in the order given.
void expect_strictly_ascending(const std::vector<PropertyValue>& values) {
  for (std::size_t i = 1; i < values.size(); ++i) {
    EXPECT_LT(encode_key(values[i - 1]), encode_key(values[i]))
        << to_debug_string(values[i - 1]) << " should sort before " << to_debug_string(values[i]);
  }
}

TEST(KeyCodec, IntegersSortNumericallyIncludingNegatives) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  expect_strictly_ascending({kMin, kMin + 1, std::int64_t{-1000000}, -2, -1, 0, 1, 2, 255, 256,
                             std::int64_t{1} << 40, kMax - 1, kMax});
}

TEST(KeyCodec, LargeIntegersThatShareADoubleStillSortExactly) {
  std::int64_t base = (std::int64_t{1} << 60);
  expect_strictly_ascending({base - 1, base, base + 1, base + 2, base + 100});
}

TEST(KeyCodec, DoublesSortNumericallyWithInfinitiesAndNanLast) {
  double inf = std::numeric_limits<double>::infinity();
  expect_strictly_ascending({-inf, -1e300, -2.5, -1e-300, 0.0, 1e-300, 0.5, 2.5, 1e300, inf,
                             std::numeric_limits<double>::quiet_NaN()});
}

TEST(KeyCodec, NegativeZeroEqualsZeroAndAllNansAreOne) {
  EXPECT_EQ(encode_key(-0.0), encode_key(0.0));
  EXPECT_EQ(encode_key(std::nan("1")), encode_key(-std::numeric_limits<double>::quiet_NaN()));
}

TEST(KeyCodec, IntegersAndDoublesShareOneScale) {
  EXPECT_EQ(encode_key(std::int64_t{3}), encode_key(3.0));
  expect_strictly_ascending({PropertyValue(-1.5), PropertyValue(-1), PropertyValue(0.5),
                             PropertyValue(1), PropertyValue(1.25), PropertyValue(2)});
}

TEST(KeyCodec, StringsSortByBytesWithEmptyFirstAndPrefixesFirst) {
  expect_strictly_ascending({"", std::string(1, '\0'), std::string("\0\0", 2), "A", "a", "ab",
                             "abc", "b", "\xc3\xa9t\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac"});
}

TEST(KeyCodec, EmbeddedZeroBytesDoNotBreakOrderOrSuffixes) {
  // "a\0" followed by more key bytes must still sort after "a" followed by anything.
  std::string a = encode_key("a") + "\xff\xff";
  std::string a0 = encode_key(std::string("a\0", 2));
  EXPECT_LT(a, a0);
}

TEST(KeyCodec, KindsSortInCypherOrder) {
  expect_strictly_ascending({PropertyMap{{"k", 1}}, PropertyList{1}, FloatVector{1.0f}, "s", false,
                             true, std::int64_t{-5}, PropertyValue()});
}

TEST(KeyCodec, TemporalKindsSortBetweenVectorsAndStrings) {
  expect_strictly_ascending({FloatVector{1.0f}, TemporalValue(temporal::DateTime{}),
                             TemporalValue(temporal::LocalDateTime{}),
                             TemporalValue(temporal::Date{}), TemporalValue(temporal::Time{}),
                             TemporalValue(temporal::LocalTime{}),
                             TemporalValue(temporal::Duration{}), ""});
}

TEST(KeyCodec, DatesSortChronologicallyIncludingBeforeTheEpoch) {
  expect_strictly_ascending({TemporalValue(temporal::Date{-800000}),
                             TemporalValue(temporal::Date{-1}), TemporalValue(temporal::Date{0}),
                             TemporalValue(temporal::Date{16637}),
                             TemporalValue(temporal::Date{3000000})});
}

TEST(KeyCodec, DateTimesSortByInstantWhateverTheirOffset) {
  auto at = [](int64_t epoch_second, int32_t offset) {
    auto zone = temporal::TimeZone::fixed(offset);
    auto value = temporal::DateTime::of_instant(epoch_second, 0, *zone);
    return PropertyValue(TemporalValue(*value));
  };
  // 10:00+02:00 is before 09:00Z; a later local time in a zone further east can be earlier.
  expect_strictly_ascending({at(100, 7200), at(200, -3600), at(300, 0)});
}

TEST(KeyCodec, DurationsSortByMonthsThenDaysThenSeconds) {
  expect_strictly_ascending({TemporalValue(temporal::Duration{-1, 50, 0, 0}),
                             TemporalValue(temporal::Duration{0, -2, 0, 0}),
                             TemporalValue(temporal::Duration{0, 0, -5, 0}),
                             TemporalValue(temporal::Duration{0, 0, 0, 1}),
                             TemporalValue(temporal::Duration{0, 1, 0, 0})});
}

TEST(KeyCodec, ListsSortElementWiseWithPrefixFirst) {
  expect_strictly_ascending({PropertyList{}, PropertyList{1}, PropertyList{1, 2},
                             PropertyList{1, 3}, PropertyList{2}, PropertyList{2, "x"}});
  expect_strictly_ascending({PropertyList{PropertyList{1}}, PropertyList{PropertyList{1, 0}},
                             PropertyList{PropertyList{2}}});
}

TEST(KeyCodec, MapsSortEntryWise) {
  expect_strictly_ascending({PropertyMap{}, PropertyMap{{"a", 1}}, PropertyMap{{"a", 2}},
                             PropertyMap{{"a", 2}, {"b", 0}}, PropertyMap{{"b", 0}}});
}

TEST(KeyCodec, FloatVectorsSortElementWise) {
  expect_strictly_ascending({FloatVector{}, FloatVector{-1.0f}, FloatVector{-1.0f, 0.5f},
                             FloatVector{0.0f}, FloatVector{2.0f}});
}

TEST(KeyCodec, BigEndianIdsRoundTripAndSortNumerically) {
  std::string a;
  std::string b;
  append_u64_be(a, 255);
  append_u64_be(b, 256);
  EXPECT_LT(a, b);
  EXPECT_EQ(read_u64_be(b.data()), 256u);
  std::string c;
  append_u32_be(c, 0xdeadbeef);
  EXPECT_EQ(read_u32_be(c.data()), 0xdeadbeefu);
}

}  // namespace
}  // namespace quiver::storage
