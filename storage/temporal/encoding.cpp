#include "storage/temporal/encoding.h"

namespace quiver::temporal {
namespace {

constexpr uint8_t kZoneOffset = 0;
constexpr uint8_t kZoneNamed = 1;

uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t unzigzag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_signed(std::string& out, int64_t v) {
  put_varint(out, zigzag(v));
}

bool get_varint(std::string_view& in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) {
      return false;
    }
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    result |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool get_signed(std::string_view& in, int64_t* v) {
  uint64_t raw = 0;
  if (!get_varint(in, &raw)) {
    return false;
  }
  *v = unzigzag(raw);
  return true;
}

// Big-endian with the sign bit flipped, so unsigned byte order is signed numeric order.
void put_ordered(std::string& out, int64_t v, int bytes) {
  const uint64_t u = static_cast<uint64_t>(v) ^ (uint64_t{1} << (bytes * 8 - 1));
  for (int i = bytes - 1; i >= 0; --i) {
    out += static_cast<char>((u >> (i * 8)) & 0xff);
  }
}

void put_zone(std::string& out, const DateTime& value) {
  if (value.zone.is_named()) {
    out += static_cast<char>(kZoneNamed);
    put_varint(out, value.zone.name().size());
    out += value.zone.name();
  } else {
    out += static_cast<char>(kZoneOffset);
    put_signed(out, value.offset_seconds);
  }
}

TemporalError truncated() {
  return invalid_format("truncated or malformed temporal encoding");
}

TemporalResult<TemporalValue> decode_date_time(std::string_view& in) {
  int64_t second = 0;
  uint64_t nanos = 0;
  if (!get_signed(in, &second) || !get_varint(in, &nanos) || in.empty() ||
      nanos >= static_cast<uint64_t>(kNanosPerSecond)) {
    return truncated();
  }
  const auto zone_kind = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  TemporalResult<TimeZone> zone = TimeZone{};
  if (zone_kind == kZoneNamed) {
    uint64_t length = 0;
    if (!get_varint(in, &length) || length > in.size()) {
      return truncated();
    }
    zone = TimeZone::named(in.substr(0, length));
    in.remove_prefix(length);
  } else if (zone_kind == kZoneOffset) {
    int64_t offset = 0;
    if (!get_signed(in, &offset) || offset < INT32_MIN || offset > INT32_MAX) {
      return truncated();
    }
    zone = TimeZone::fixed(static_cast<int32_t>(offset));
  } else {
    return truncated();
  }
  if (!zone) {
    return zone.error();
  }
  auto value = DateTime::of_instant(second, static_cast<int64_t>(nanos), *zone);
  if (!value) {
    return value.error();
  }
  return TemporalValue{*value};
}

}  // namespace

void encode(const TemporalValue& value, std::string& out) {
  out += static_cast<char>(value.index());
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          put_signed(out, v.epoch_day);
        } else if constexpr (std::is_same_v<T, LocalTime>) {
          put_varint(out, static_cast<uint64_t>(v.nanos_of_day));
        } else if constexpr (std::is_same_v<T, Time>) {
          put_varint(out, static_cast<uint64_t>(v.time.nanos_of_day));
          put_signed(out, v.offset_seconds);
        } else if constexpr (std::is_same_v<T, LocalDateTime>) {
          put_signed(out, v.date.epoch_day);
          put_varint(out, static_cast<uint64_t>(v.time.nanos_of_day));
        } else if constexpr (std::is_same_v<T, DateTime>) {
          put_signed(out, v.epoch_second());
          put_varint(out, static_cast<uint64_t>(v.nanosecond()));
          put_zone(out, v);
        } else {
          put_signed(out, v.months);
          put_signed(out, v.days);
          put_signed(out, v.seconds);
          put_varint(out, static_cast<uint64_t>(v.nanos));
        }
      },
      value);
}

TemporalResult<TemporalValue> decode(std::string_view& in) {
  if (in.empty()) {
    return truncated();
  }
  const auto kind = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  int64_t a = 0;
  uint64_t u = 0;
  switch (static_cast<TemporalKind>(kind)) {
    case TemporalKind::kDate: {
      if (!get_signed(in, &a)) {
        return truncated();
      }
      auto date = Date::of_epoch_day(a);
      if (!date) {
        return date.error();
      }
      return TemporalValue{*date};
    }
    case TemporalKind::kLocalTime:
      if (!get_varint(in, &u) || u >= static_cast<uint64_t>(kNanosPerDay)) {
        return truncated();
      }
      return TemporalValue{LocalTime{static_cast<int64_t>(u)}};
    case TemporalKind::kTime: {
      if (!get_varint(in, &u) || u >= static_cast<uint64_t>(kNanosPerDay) || !get_signed(in, &a)) {
        return truncated();
      }
      if (a < -kMaxOffsetSeconds || a > kMaxOffsetSeconds) {
        return out_of_range("stored offset");
      }
      return TemporalValue{Time{LocalTime{static_cast<int64_t>(u)}, static_cast<int32_t>(a)}};
    }
    case TemporalKind::kLocalDateTime: {
      if (!get_signed(in, &a) || !get_varint(in, &u) || u >= static_cast<uint64_t>(kNanosPerDay)) {
        return truncated();
      }
      auto date = Date::of_epoch_day(a);
      if (!date) {
        return date.error();
      }
      return TemporalValue{LocalDateTime{*date, LocalTime{static_cast<int64_t>(u)}}};
    }
    case TemporalKind::kDateTime:
      return decode_date_time(in);
    case TemporalKind::kDuration: {
      int64_t days = 0;
      int64_t seconds = 0;
      if (!get_signed(in, &a) || !get_signed(in, &days) || !get_signed(in, &seconds) ||
          !get_varint(in, &u) || u >= static_cast<uint64_t>(kNanosPerSecond)) {
        return truncated();
      }
      return TemporalValue{Duration{a, days, seconds, static_cast<int32_t>(u)}};
    }
  }
  return truncated();
}

TemporalResult<bool> encode_key(const TemporalValue& value, std::string& out) {
  if (kind_of(value) == TemporalKind::kDuration) {
    return invalid_argument("durations have no order and no index key");
  }
  out += static_cast<char>(value.index());
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>) {
          put_ordered(out, v.epoch_day, 8);
        } else if constexpr (std::is_same_v<T, LocalTime>) {
          put_ordered(out, v.nanos_of_day, 8);
        } else if constexpr (std::is_same_v<T, Time>) {
          put_ordered(out, v.utc_nanos(), 8);
          put_ordered(out, v.offset_seconds, 4);
        } else if constexpr (std::is_same_v<T, LocalDateTime>) {
          put_ordered(out, v.date.epoch_day, 8);
          put_ordered(out, v.time.nanos_of_day, 8);
        } else if constexpr (std::is_same_v<T, DateTime>) {
          put_ordered(out, v.epoch_second(), 8);
          put_ordered(out, v.nanosecond(), 4);
          put_ordered(out, v.offset_seconds, 4);
          // NUL-terminated so a key stays ordered when more key parts follow it.
          if (v.zone.is_named()) {
            out += v.zone.name();
          }
          out += '\0';
        }
      },
      value);
  return true;
}

}  // namespace quiver::temporal
