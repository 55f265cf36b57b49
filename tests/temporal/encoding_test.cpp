#include "storage/temporal/encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "storage/temporal/compare.h"
#include "test_util.h"

namespace quiver::temporal {
namespace {

std::vector<TemporalValue> samples() {
  return {testing::date("-999999999-01-01"),
          testing::date("1969-12-31"),
          testing::date("2015-07-21"),
          testing::date("+999999999-12-31"),
          testing::local_time("00:00"),
          testing::local_time("23:59:59.999999999"),
          testing::time("12:00+18:00"),
          testing::time("12:00-18:00"),
          testing::local_date_time("1818-07-21T21:40:32.142"),
          testing::date_time("1818-07-21T21:40:32.142[Europe/Stockholm]"),
          testing::date_time("2017-10-29T02:30+01:00[Europe/Stockholm]"),
          testing::date_time("2017-10-29T02:30+02:00[Europe/Stockholm]"),
          testing::date_time("1969-12-31T23:59:59.5-02:05:07"),
          testing::duration("P-12Y5M-14DT-16H13M10.000000001S")};
}

TEST(Encoding, EveryValueRoundTrips) {
  for (const TemporalValue& value : samples()) {
    std::string bytes;
    encode(value, bytes);
    std::string_view in = bytes;
    auto decoded = decode(in);
    ASSERT_TRUE(decoded.ok()) << to_string(value);
    EXPECT_TRUE(in.empty());
    EXPECT_EQ(to_string(*decoded), to_string(value));
    EXPECT_TRUE(equals(*decoded, value));
  }
}

TEST(Encoding, IsCompact) {
  std::string bytes;
  encode(testing::date("2015-07-21"), bytes);
  EXPECT_LE(bytes.size(), 4u);
  bytes.clear();
  encode(testing::date_time("2015-07-21T21:40:32.142+01:00"), bytes);
  EXPECT_LE(bytes.size(), 13u);
}

TEST(Encoding, TruncatedOrCorruptBytesAreErrorsNotCrashes) {
  for (const TemporalValue& value : samples()) {
    std::string bytes;
    encode(value, bytes);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
      std::string_view in(bytes.data(), cut);
      EXPECT_FALSE(decode(in).ok()) << to_string(value) << " cut at " << cut;
    }
  }
  std::string_view bogus("\x09\x01", 2);
  EXPECT_FALSE(decode(bogus).ok());
}

TEST(Encoding, UnknownStoredZoneIsReported) {
  std::string bytes;
  encode(testing::date_time("2015-07-21T21:40[Europe/Paris]"), bytes);
  const size_t at = bytes.find("Europe/Paris");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 12, "Europe/Xaris");
  std::string_view in = bytes;
  EXPECT_EQ(decode(in).error().code, TemporalErrorCode::kUnknownZone);
}

TEST(IndexKey, BytewiseOrderMatchesValueOrder) {
  std::vector<TemporalValue> values = samples();
  values.pop_back();  // durations have no key
  std::vector<std::pair<std::string, TemporalValue>> keyed;
  for (const TemporalValue& value : values) {
    std::string key;
    ASSERT_TRUE(encode_key(value, key).ok());
    keyed.emplace_back(key, value);
  }
  for (const auto& [key_a, a] : keyed) {
    for (const auto& [key_b, b] : keyed) {
      const auto by_key = key_a.compare(key_b) <=> 0;
      const auto by_value = order(a, b);
      EXPECT_EQ(by_key, by_value) << to_string(a) << " vs " << to_string(b);
    }
  }
}

TEST(IndexKey, DurationsHaveNone) {
  std::string key;
  EXPECT_EQ(encode_key(testing::duration("P1D"), key).error().code,
            TemporalErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace quiver::temporal
