#include "storage/key_codec.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "storage/temporal/encoding.h"

namespace quiver::storage {

namespace {

// Tag for every number in keys: integers and doubles share one scale.
constexpr std::uint8_t kNumberTag = 0x60;

// Ends a list, map or vector; below every kind tag, so a shorter list sorts first.
constexpr char kEnd = 0x00;

// Maps a double to 8 bytes whose unsigned order is numeric order: flip every bit of negatives,
// only the sign bit of positives. NaN is made positive and canonical so it sorts above +inf.
std::uint64_t ordered_double_bits(double d) {
  if (std::isnan(d)) {
    d = std::numeric_limits<double>::quiet_NaN();
  }
  if (d == 0.0) {
    d = 0.0;  // -0.0 and 0.0 are one key
  }
  auto bits = std::bit_cast<std::uint64_t>(d);
  return (bits & (std::uint64_t{1} << 63)) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// A number key: the ordered bits of its nearest double, then a signed 8-byte correction that
// orders integers which round to the same double (beyond 2^53) by their exact value.
void encode_number(double approx, std::int64_t correction, std::string& out) {
  out += static_cast<char>(kNumberTag);
  append_u64_be(out, ordered_double_bits(approx));
  append_u64_be(out, static_cast<std::uint64_t>(correction) ^ (std::uint64_t{1} << 63));
}

void encode_int(std::int64_t v, std::string& out) {
  auto approx = static_cast<double>(v);

  // approx is integral and within [-2^63, 2^63], and differs from v by at most 512. Only
  // 2^63 itself does not fit an int64: v - 2^63 is then (v - INT64_MAX) - 1.
  constexpr double kTwo63 = 9223372036854775808.0;
  std::int64_t correction = approx >= kTwo63 ? (v - std::numeric_limits<std::int64_t>::max()) - 1
                                             : v - static_cast<std::int64_t>(approx);
  encode_number(approx, correction, out);
}

// Strings: every 0x00 byte becomes 0x00 0xFF and the string ends with 0x00 0x01, so a prefix
// sorts first and the encoding is self-delimiting.
void encode_string(std::string_view s, std::string& out) {
  for (char c : s) {
    out += c;
    if (c == '\0') {
      out += '\xff';
    }
  }
  out += '\0';
  out += '\x01';
}

// Durations have no Cypher order, but index entries need one: months, days, seconds and
// nanoseconds in turn, each a big-endian integer with the sign bit flipped. Other temporal
// values use the order-preserving key of docs/temporal.md after their own tag.
void encode_temporal(const TemporalValue& value, std::string& out) {
  if (const auto* duration = std::get_if<temporal::Duration>(&value)) {
    constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
    append_u64_be(out, static_cast<std::uint64_t>(duration->months) ^ kSign);
    append_u64_be(out, static_cast<std::uint64_t>(duration->days) ^ kSign);
    append_u64_be(out, static_cast<std::uint64_t>(duration->seconds) ^ kSign);
    append_u32_be(out, static_cast<std::uint32_t>(duration->nanos));
    return;
  }
  // Only durations lack a key, so the result is always a success here.
  (void)temporal::encode_key(value, out);
}

}  // namespace

void append_u32_be(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += static_cast<char>((v >> shift) & 0xff);
  }
}

void append_u64_be(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>((v >> shift) & 0xff);
  }
}

std::uint32_t read_u32_be(const char* p) noexcept {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  }
  return v;
}

std::uint64_t read_u64_be(const char* p) noexcept {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  }
  return v;
}

void encode_key(const PropertyValue& value, std::string& out) {
  switch (value.kind()) {
    case ValueKind::Null:
      out += static_cast<char>(ValueKind::Null);
      break;
    case ValueKind::Bool:
      out += static_cast<char>(ValueKind::Bool);
      out += value.as_bool() ? '\x01' : '\x00';
      break;
    case ValueKind::Int:
      encode_int(value.as_int(), out);
      break;
    case ValueKind::Double:
      encode_number(value.as_double(), 0, out);
      break;
    case ValueKind::String:
      out += static_cast<char>(ValueKind::String);
      encode_string(value.as_string(), out);
      break;
    case ValueKind::List:
      out += static_cast<char>(ValueKind::List);
      for (const PropertyValue& element : value.as_list()) {
        encode_key(element, out);
      }
      out += kEnd;
      break;
    case ValueKind::Map:
      out += static_cast<char>(ValueKind::Map);
      for (const auto& [name, element] : value.as_map()) {
        out += '\x01';  // entry marker, above kEnd
        encode_string(name, out);
        encode_key(element, out);
      }
      out += kEnd;
      break;
    case ValueKind::FloatVector:
      out += static_cast<char>(ValueKind::FloatVector);
      for (float f : value.as_float_vector()) {
        out += '\x01';
        append_u64_be(out, ordered_double_bits(f));
      }
      out += kEnd;
      break;
    case ValueKind::DateTime:
    case ValueKind::LocalDateTime:
    case ValueKind::Date:
    case ValueKind::Time:
    case ValueKind::LocalTime:
    case ValueKind::Duration:
      out += static_cast<char>(value.kind());
      encode_temporal(value.as_temporal(), out);
      break;
  }
}

std::string encode_key(const PropertyValue& value) {
  std::string out;
  encode_key(value, out);
  return out;
}

}  // namespace quiver::storage
