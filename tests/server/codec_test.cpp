// Values, summaries and errors survive the trip through the wire messages unchanged.
#include "server/wire/codec.h"

#include <gtest/gtest.h>

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
