#include "storage/value_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace quiver::storage {
namespace {

PropertyValue round_trip(const PropertyValue& value) {
  std::string bytes;
  encode_value(value, bytes);
  std::string_view in = bytes;
  auto decoded = decode_value(in);
  EXPECT_TRUE(decoded.ok());
  EXPECT_TRUE(in.empty()) << "trailing bytes after " << to_debug_string(value);
  return decoded.ok() ? *decoded : PropertyValue("<error>");
}

TEST(ValueCodec, ScalarsRoundTrip) {
  std::vector<PropertyValue> values = {PropertyValue(),
                                       true,
                                       false,
                                       std::int64_t{0},
                                       std::int64_t{-1},
                                       std::numeric_limits<std::int64_t>::min(),
                                       std::numeric_limits<std::int64_t>::max(),
                                       0.0,
                                       -0.0,
                                       3.25,
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity(),
                                       "",
                                       "plain",
                                       "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
                                       std::string("nul\0inside", 10)};
  for (const PropertyValue& value : values) {
    EXPECT_EQ(round_trip(value), value) << to_debug_string(value);
  }
  EXPECT_TRUE(std::signbit(round_trip(-0.0).as_double()));
}

TEST(ValueCodec, NanRoundTripsAsNan) {
  EXPECT_TRUE(std::isnan(round_trip(std::nan("")).as_double()));
}

TEST(ValueCodec, NestedListsMapsAndVectorsRoundTrip) {
  PropertyValue nested = PropertyMap{
      {"list", PropertyList{1, "two", 3.0, PropertyList{}, PropertyMap{{"deep", true}}}},
      {"", PropertyValue()},
      {"vec", FloatVector{0.25f, -1.5f, 1e30f}},
      {"\xc3\xa9", PropertyMap{}}};
  EXPECT_EQ(round_trip(nested), nested);
  EXPECT_EQ(round_trip(FloatVector{}), PropertyValue(FloatVector{}));
}

TEST(ValueCodec, PropertySetsRoundTripAndFindOneKey) {
  Properties props = {{1, "a"}, {7, std::int64_t{42}}, {300, PropertyList{1, 2}}};
  std::string bytes;
  encode_properties(props, bytes);
  std::string_view in = bytes;
  auto decoded = decode_properties(in);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, props);
  auto found = find_property(bytes, 7);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, PropertyValue(std::int64_t{42}));
  EXPECT_EQ(find_property(bytes, 8).error().code, StorageErrc::NotFound);
}

TEST(ValueCodec, TruncatedBytesAreCorruptNotACrash) {
  std::string bytes;
  encode_value(PropertyMap{{"k", PropertyList{"abc", 1.5, FloatVector{1, 2}}}}, bytes);
  for (std::size_t len = 0; len < bytes.size(); ++len) {
    std::string_view in(bytes.data(), len);
    auto decoded = decode_value(in);
    ASSERT_FALSE(decoded.ok()) << "prefix of " << len << " bytes decoded";
    EXPECT_EQ(decoded.error().code, StorageErrc::Corrupt);
  }
}

TEST(ValueCodec, UnknownTagAndHugeLengthsAreCorrupt) {
  std::string_view unknown("\x3f", 1);
  EXPECT_EQ(decode_value(unknown).error().code, StorageErrc::Corrupt);
  std::string huge = "\x40\xff\xff\xff\xff\x0f";  // a string claiming 4 GiB
  std::string_view in = huge;
  EXPECT_EQ(decode_value(in).error().code, StorageErrc::Corrupt);
}

TEST(ValueCodec, TemporalValuesRoundTripWithTheirKinds) {
  auto stockholm = temporal::TimeZone::named("Europe/Stockholm");
  ASSERT_TRUE(stockholm.ok());
  auto instant = temporal::DateTime::of_instant(1437507632, 142000000, *stockholm);
  ASSERT_TRUE(instant.ok());
  std::vector<std::pair<PropertyValue, ValueKind>> values = {
      {TemporalValue(temporal::Date{16637}), ValueKind::Date},
      {TemporalValue(temporal::LocalTime{45296789000000}), ValueKind::LocalTime},
      {TemporalValue(temporal::Time{temporal::LocalTime{3600000000000}, -7200}), ValueKind::Time},
      {TemporalValue(temporal::LocalDateTime{temporal::Date{-400000}, temporal::LocalTime{1}}),
       ValueKind::LocalDateTime},
      {TemporalValue(*instant), ValueKind::DateTime},
      {TemporalValue(temporal::Duration{14, -3, 70, 500}), ValueKind::Duration}};
  for (const auto& [value, kind] : values) {
    EXPECT_EQ(value.kind(), kind) << to_debug_string(value);
    EXPECT_EQ(round_trip(value), value) << to_debug_string(value);
  }
  PropertyValue list =
      PropertyList{TemporalValue(temporal::Date{1}), TemporalValue(temporal::Date{2})};
  EXPECT_EQ(round_trip(list), list);
}

TEST(ValueCodec, TemporalTagWithOtherKindInsideIsCorrupt) {
  std::string bytes;
  encode_value(TemporalValue(temporal::Date{5}), bytes);
  bytes[0] = static_cast<char>(ValueKind::LocalTime);
  std::string_view in = bytes;
  EXPECT_EQ(decode_value(in).error().code, StorageErrc::Corrupt);
  std::string_view truncated("\x32", 1);
  EXPECT_EQ(decode_value(truncated).error().code, StorageErrc::Corrupt);
}

TEST(ValueCodec, DeepNestingIsRefused) {
  std::string bytes;
  for (int i = 0; i < kMaxValueDepth + 10; ++i) {
    bytes += "\x20\x01";  // a list of one element, nested
  }
  bytes += "\x70";
  std::string_view in = bytes;
  EXPECT_EQ(decode_value(in).error().code, StorageErrc::Corrupt);
}

}  // namespace
}  // namespace quiver::storage
