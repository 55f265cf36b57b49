// Arbitrary text and bytes must give a value or an error, never a crash or undefined behaviour
// (the sanitizer build runs these too), and whatever parses must print back to text that parses
// to the same value.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "storage/temporal/arithmetic.h"
#include "storage/temporal/compare.h"
#include "storage/temporal/construct.h"
#include "storage/temporal/encoding.h"
#include "storage/temporal/format.h"

namespace quiver::temporal {
namespace {

// A valid string of some type with one to three characters replaced, inserted or deleted.
std::string random_text(std::mt19937& rng) {
  static const char* const kSeeds[] = {"2015-07-21",
                                       "2015W302",
                                       "2015-202",
                                       "2015-Q3-21",
                                       "-999999999-01-01",
                                       "21:40:32.142",
                                       "214032,5",
                                       "21:40:32.142+01:00",
                                       "2015-07-21T21:40:32.142",
                                       "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]",
                                       "2017-10-29T02:30[Europe/Stockholm]",
                                       "P12Y5M14DT16H13M10.000000001S",
                                       "PT-1.999S",
                                       "P2012-02-02T14:37:21.545",
                                       "-P0.75M"};
  static constexpr char kAlphabet[] = "0123456789-+:TWQZPYMDHS.,[]/E";
  std::uniform_int_distribution<size_t> seed(0, std::size(kSeeds) - 1);
  std::uniform_int_distribution<size_t> pick(0, sizeof kAlphabet - 2);
  std::uniform_int_distribution<int> edits(1, 3);
  std::uniform_int_distribution<int> kind(0, 2);
  std::string text = kSeeds[seed(rng)];
  for (int n = edits(rng); n > 0; --n) {
    std::uniform_int_distribution<size_t> at(0, text.size());
    const size_t pos = at(rng);
    const int edit = kind(rng);
    if (edit == 0 && pos < text.size()) {
      text[pos] = kAlphabet[pick(rng)];
    } else if (edit == 1) {
      text.insert(pos, 1, kAlphabet[pick(rng)]);
    } else if (pos < text.size()) {
      text.erase(pos, 1);
    }
  }
  return text;
}

TEST(Robustness, RandomTextParsesOrFailsAndRoundTrips) {
  std::mt19937 rng(20261203);
  const TemporalKind kinds[] = {TemporalKind::kDate,     TemporalKind::kLocalTime,
                                TemporalKind::kTime,     TemporalKind::kLocalDateTime,
                                TemporalKind::kDateTime, TemporalKind::kDuration};
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string text = random_text(rng);
    for (TemporalKind kind : kinds) {
      auto value = parse_temporal(kind, text);
      if (!value) {
        EXPECT_FALSE(value.error().message.empty());
        continue;
      }
      ++parsed;
      const std::string printed = to_string(*value);
      auto again = parse_temporal(kind, printed);
      ASSERT_TRUE(again.ok()) << text << " printed as " << printed;
      EXPECT_TRUE(equals(*again, *value)) << text << " printed as " << printed;
    }
  }
  EXPECT_GT(parsed, 2000);
}

TEST(Robustness, RandomBytesDecodeOrFail) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 24);
  for (int i = 0; i < 20000; ++i) {
    std::string bytes;
    bytes += static_cast<char>(byte(rng) % 7);
    for (size_t n = length(rng); n > 0; --n) {
      bytes += static_cast<char>(byte(rng));
    }
    std::string_view in = bytes;
    auto value = decode(in);
    if (value) {
      std::string again;
      encode(*value, again);
      std::string_view reread = again;
      auto second = decode(reread);
      ASSERT_TRUE(second.ok());
      EXPECT_TRUE(equals(*second, *value));
    }
  }
}

TEST(Robustness, ExtremeNumbersInMapsAreErrors) {
  const TemporalContext context;
  for (int64_t n : {INT64_MIN, INT64_MAX, int64_t{-1}, int64_t{1'000'000'000'000}}) {
    for (const char* key :
         {"year", "month", "day", "week", "dayOfWeek", "ordinalDay", "quarter", "dayOfQuarter"}) {
      auto value = make_temporal(TemporalKind::kDate, {{"year", int64_t{2000}}, {key, n}}, context);
      EXPECT_EQ(value.ok(), std::string(key) == "year" && n == -1) << key << "=" << n;
    }
    for (const char* key :
         {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"}) {
      auto value = make_temporal(
          TemporalKind::kLocalTime,
          {{"hour", int64_t{1}}, {"minute", int64_t{1}}, {"second", int64_t{1}}, {key, n}},
          context);
      EXPECT_FALSE(value.ok()) << key << "=" << n;
    }
    auto epoch = make_temporal(TemporalKind::kDateTime,
                               {{"epochSeconds", n}, {"timezone", std::string("+01:00")}}, context);
    EXPECT_EQ(epoch.ok(), n == -1 || n == 1'000'000'000'000) << n;
    const bool years_fit = n > INT64_MIN / 12 && n < INT64_MAX / 12;
    EXPECT_EQ(make_temporal(TemporalKind::kDuration, {{"years", n}}, context).ok(), years_fit);
    auto seconds = make_temporal(TemporalKind::kDuration, {{"seconds", n}}, context);
    ASSERT_TRUE(seconds.ok());
    auto sum = add_duration(*seconds, std::get<Duration>(*seconds));
    EXPECT_EQ(sum.ok(), n != INT64_MIN && n != INT64_MAX) << n;
  }
}

}  // namespace
}  // namespace quiver::temporal
