// Values, summaries and errors survive the trip through the wire messages unchanged.
#include "server/wire/codec.h"

#include <gtest/gtest.h>

#include <iterator>
#include <limits>

#include "server/wire/framing.h"

namespace quiver::wire {
namespace {

quiver::Value round_trip(const quiver::Value& value) {
  wire::Value message;
  to_wire(value, &message);
  wire::Value parsed;
  EXPECT_TRUE(parsed.ParseFromString(message.SerializeAsString()));
  return from_wire(parsed);
}

TEST(Codec, EveryKindOfValueRoundTrips) {
  quiver::Node a{1, {"A", "B"}, {{"k", 1}}};
  quiver::Node b{2, {}, {}};
  quiver::Relationship r{7, "T", 1, 2, {{"w", 0.5}}};
  std::vector<quiver::Value> values = {
      quiver::Value(),
      true,
      int64_t{-9'000'000'000'000},
      2.25,
      "text \xc3\xa9",
      List{1, "x", nullptr, List{}},
      Map{{"a", 1}, {"b", Map{{"c", false}}}},
      a,
      r,
      quiver::Path{{a, b}, {r}},
      quiver::FloatVector{0.5f, -1.0f},
  };
  for (const quiver::Value& value : values) {
    EXPECT_EQ(round_trip(value), value) << value.to_string();
  }
}

// One value of each temporal kind, with negative epoch days and seconds, nanoseconds, offsets
// either side of UTC, a named zone and negative durations.
std::vector<quiver::Value> temporal_values() {
  return {
      quiver::Date{18'262},
      quiver::Date{-329'893},
      quiver::LocalTime{0},
      quiver::LocalTime{86'399'999'999'999},
      quiver::Time{45'074'645'000'001, 3'600},
      quiver::Time{1, -64'800},
      quiver::LocalDateTime{-1, 86'399'000'000'001},
      quiver::DateTime{1'437'507'632, 142'000'000, 7'200, "Europe/Stockholm"},
      quiver::DateTime{-1, 999'999'999, -18'000, ""},
      quiver::Duration{14, 3, 14'400, 0},
      quiver::Duration{-14, -3, -2, 500'000'000},
  };
}

TEST(Codec, EveryTemporalKindRoundTripsFieldForField) {
  for (const quiver::Value& value : temporal_values()) {
    EXPECT_EQ(round_trip(value), value) << value.to_string();
  }
}

TEST(Codec, TemporalValuesTravelAsTheirOwnKindsNotAsText) {
  const wire::Value::KindCase expected[] = {
      wire::Value::kDateValue,          wire::Value::kDateValue,     wire::Value::kLocalTimeValue,
      wire::Value::kLocalTimeValue,     wire::Value::kTimeValue,     wire::Value::kTimeValue,
      wire::Value::kLocalDateTimeValue, wire::Value::kDateTimeValue, wire::Value::kDateTimeValue,
      wire::Value::kDurationValue,      wire::Value::kDurationValue,
  };
  std::vector<quiver::Value> values = temporal_values();
  ASSERT_EQ(values.size(), std::size(expected));
  for (size_t i = 0; i < values.size(); ++i) {
    wire::Value message;
    to_wire(values[i], &message);
    EXPECT_EQ(message.kind_case(), expected[i]) << values[i].to_string();
  }
}

// The error from_wire throws for IN; detail "none" when it accepts IN.
quiver::Error refusal_of(const wire::Value& in) {
  try {
    from_wire(in);
  } catch (const quiver::Error& e) {
    return e;
  }
  return quiver::Error("none", "none", "", "accepted");
}

TEST(Codec, TemporalFieldsOutOfTheEnginesRangesAreRefusedAsInvalidValues) {
  std::vector<wire::Value> bad(10);
  bad[0].mutable_date_value()->set_epoch_day(std::numeric_limits<int64_t>::max());
  bad[1].mutable_local_time_value()->set_nanos_of_day(-1);
  bad[2].mutable_local_time_value()->set_nanos_of_day(86'400'000'000'000);
  bad[3].mutable_time_value()->set_offset_seconds(18 * 3600 + 1);
  bad[4].mutable_local_date_time_value()->set_nanos_of_day(86'400'000'000'000);
  bad[5].mutable_local_date_time_value()->set_epoch_day(std::numeric_limits<int64_t>::min());
  bad[6].mutable_date_time_value()->set_nanosecond(1'000'000'000);
  bad[7].mutable_date_time_value()->set_zone("Nowhere/Atlantis");
  bad[8].mutable_date_time_value()->set_epoch_second(std::numeric_limits<int64_t>::min());
  bad[9].mutable_duration_value()->set_seconds(std::numeric_limits<int64_t>::min());
  bad[9].mutable_duration_value()->set_nanos(-1);
  for (const wire::Value& in : bad) {
    quiver::Error error = refusal_of(in);
    EXPECT_EQ(error.category(), "ProtocolError") << in.DebugString();
    EXPECT_EQ(error.detail(), "InvalidValue") << in.DebugString();
  }
}

TEST(Codec, AnOutOfRangeTemporalValueInsideAListIsRefused) {
  wire::Value list;
  list.mutable_list_value()->add_values()->mutable_date_value()->set_epoch_day(1);
  list.mutable_list_value()->add_values()->mutable_local_time_value()->set_nanos_of_day(-5);
  EXPECT_EQ(refusal_of(list).detail(), "InvalidValue");
}

TEST(Codec, ValueWithoutKindIsRejected) {
  EXPECT_THROW(from_wire(wire::Value()), quiver::Error);
}

TEST(Codec, DeepNestingIsRejected) {
  wire::Value value;
  wire::Value* inner = &value;
  for (int i = 0; i < kMaxValueDepth + 5; ++i) {
    inner = inner->mutable_list_value()->add_values();
  }
  inner->set_int_value(1);
  EXPECT_THROW(from_wire(value), quiver::Error);
}

TEST(Codec, ErrorsKeepCategoryDetailAndPosition) {
  quiver::Error error("SyntaxError", "InvalidSyntax", "compile time", "bad", 3, 4);
  wire::Error message;
  to_wire(error, &message);
  quiver::Error back = from_wire(message);
  EXPECT_EQ(back.category(), "SyntaxError");
  EXPECT_EQ(back.detail(), "InvalidSyntax");
  EXPECT_EQ(back.line(), 3u);
  EXPECT_EQ(back.column(), 4u);
  EXPECT_STREQ(back.what(), error.what());
}

TEST(Codec, FramesCarryTheirLengthBigEndian) {
  ClientMessage message;
  message.mutable_run()->set_query(std::string(300, 'x'));
  std::string frame = encode_frame(message);
  EXPECT_EQ(decode_frame_length(reinterpret_cast<const unsigned char*>(frame.data())),
            frame.size() - kFrameHeaderSize);
  EXPECT_EQ(frame[0], 0);
  EXPECT_EQ(static_cast<unsigned char>(frame[2]), (frame.size() - 4) >> 8);
}

}  // namespace
}  // namespace quiver::wire
