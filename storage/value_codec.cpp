#include "storage/value_codec.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "storage/temporal/encoding.h"

namespace quiver::storage {

namespace {

constexpr std::uint8_t kTrueTag = 0x51;  // Bool tag + 1: a boolean fits in its tag

StorageError corrupt(const char* what) {
  return make_error(StorageErrc::Corrupt, std::string("damaged property value: ") + what);
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

template <typename T>
void append_le(std::string& out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) {
    std::reverse(bytes, bytes + sizeof(T));
  }
  out.append(bytes, sizeof(T));
}

template <typename T>
T read_le(const char* p) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, p, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) {
    std::reverse(bytes, bytes + sizeof(T));
  }
  T v;
  std::memcpy(&v, bytes, sizeof(T));
  return v;
}

bool read_string(std::string_view& in, std::string& out) {
  std::uint64_t n = 0;
  if (!read_varint(in, n) || n > in.size()) {
    return false;
  }
  out.assign(in.data(), n);
  in.remove_prefix(n);
  return true;
}

Result<PropertyValue> decode_at_depth(std::string_view& in, int depth);

// A temporal value after its kind tag: the encoding of docs/temporal.md, whose own kind byte
// must agree with the tag.
Result<PropertyValue> decode_temporal(std::string_view& in, std::uint8_t tag) {
  temporal::TemporalResult<temporal::TemporalValue> value = temporal::decode(in);
  if (!value.ok()) {
    return corrupt(value.error().message.c_str());
  }
  PropertyValue out(std::move(value).value());
  if (static_cast<std::uint8_t>(out.kind()) != tag) {
    return corrupt("temporal kind differs from its tag");
  }
  return out;
}

Result<PropertyValue> decode_list(std::string_view& in, int depth) {
  std::uint64_t n = 0;
  if (!read_varint(in, n) || n > in.size()) {
    return corrupt("list length");
  }
  PropertyList list;
  list.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    QUIVER_STORAGE_ASSIGN(PropertyValue element, decode_at_depth(in, depth + 1));
    list.push_back(std::move(element));
  }
  return PropertyValue(std::move(list));
}

Result<PropertyValue> decode_map(std::string_view& in, int depth) {
  std::uint64_t n = 0;
  if (!read_varint(in, n) || n > in.size()) {
    return corrupt("map length");
  }
  PropertyMap map;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string name;
    if (!read_string(in, name)) {
      return corrupt("map key");
    }
    QUIVER_STORAGE_ASSIGN(PropertyValue element, decode_at_depth(in, depth + 1));
    map.insert_or_assign(std::move(name), std::move(element));
  }
  return PropertyValue(std::move(map));
}

Result<PropertyValue> decode_at_depth(std::string_view& in, int depth) {
  if (depth > kMaxValueDepth) {
    return corrupt("nested too deeply");
  }
  if (in.empty()) {
    return corrupt("truncated");
  }
  auto tag = static_cast<std::uint8_t>(in[0]);
  in.remove_prefix(1);
  switch (tag) {
    case static_cast<std::uint8_t>(ValueKind::Null):
      return PropertyValue();
    case static_cast<std::uint8_t>(ValueKind::Bool):
      return PropertyValue(false);
    case kTrueTag:
      return PropertyValue(true);
    case static_cast<std::uint8_t>(ValueKind::Int): {
      std::uint64_t v = 0;
      if (!read_varint(in, v)) {
        return corrupt("integer");
      }
      return PropertyValue(unzigzag(v));
    }
    case static_cast<std::uint8_t>(ValueKind::Double): {
      if (in.size() < 8) {
        return corrupt("double");
      }
      auto d = read_le<double>(in.data());
      in.remove_prefix(8);
      return PropertyValue(d);
    }
    case static_cast<std::uint8_t>(ValueKind::String): {
      std::string s;
      if (!read_string(in, s)) {
        return corrupt("string");
      }
      return PropertyValue(std::move(s));
    }
    case static_cast<std::uint8_t>(ValueKind::List):
      return decode_list(in, depth);
    case static_cast<std::uint8_t>(ValueKind::Map):
      return decode_map(in, depth);
    case static_cast<std::uint8_t>(ValueKind::FloatVector): {
      std::uint64_t n = 0;
      if (!read_varint(in, n) || n > in.size() / 4) {
        return corrupt("vector length");
      }
      FloatVector vec(n);
      for (std::uint64_t i = 0; i < n; ++i) {
        vec[i] = read_le<float>(in.data() + 4 * i);
      }
      in.remove_prefix(4 * n);
      return PropertyValue(std::move(vec));
    }
    case static_cast<std::uint8_t>(ValueKind::DateTime):
    case static_cast<std::uint8_t>(ValueKind::LocalDateTime):
    case static_cast<std::uint8_t>(ValueKind::Date):
    case static_cast<std::uint8_t>(ValueKind::Time):
    case static_cast<std::uint8_t>(ValueKind::LocalTime):
    case static_cast<std::uint8_t>(ValueKind::Duration):
      return decode_temporal(in, tag);
    default:
      return corrupt("unknown kind tag");
  }
}

}  // namespace

void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

bool read_varint(std::string_view& in, std::uint64_t& v) noexcept {
  v = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    auto byte = static_cast<std::uint8_t>(in[0]);
    in.remove_prefix(1);
    v |= std::uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

void encode_value(const PropertyValue& value, std::string& out) {
  switch (value.kind()) {
    case ValueKind::Null:
      out += static_cast<char>(ValueKind::Null);
      break;
    case ValueKind::Bool:
      out += static_cast<char>(value.as_bool() ? kTrueTag : std::uint8_t{0x50});
      break;
    case ValueKind::Int:
      out += static_cast<char>(ValueKind::Int);
      append_varint(out, zigzag(value.as_int()));
      break;
    case ValueKind::Double:
      out += static_cast<char>(ValueKind::Double);
      append_le(out, value.as_double());
      break;
    case ValueKind::String:
      out += static_cast<char>(ValueKind::String);
      append_varint(out, value.as_string().size());
      out += value.as_string();
      break;
    case ValueKind::List:
      out += static_cast<char>(ValueKind::List);
      append_varint(out, value.as_list().size());
      for (const PropertyValue& element : value.as_list()) {
        encode_value(element, out);
      }
      break;
    case ValueKind::Map:
      out += static_cast<char>(ValueKind::Map);
      append_varint(out, value.as_map().size());
      for (const auto& [name, element] : value.as_map()) {
        append_varint(out, name.size());
        out += name;
        encode_value(element, out);
      }
      break;
    case ValueKind::FloatVector:
      out += static_cast<char>(ValueKind::FloatVector);
      append_varint(out, value.as_float_vector().size());
      for (float f : value.as_float_vector()) {
        append_le(out, f);
      }
      break;
    case ValueKind::DateTime:
    case ValueKind::LocalDateTime:
    case ValueKind::Date:
    case ValueKind::Time:
    case ValueKind::LocalTime:
    case ValueKind::Duration:
      out += static_cast<char>(value.kind());
      temporal::encode(value.as_temporal(), out);
      break;
  }
}

Result<PropertyValue> decode_value(std::string_view& in) {
  return decode_at_depth(in, 0);
}

void encode_properties(const Properties& props, std::string& out) {
  append_varint(out, props.size());
  for (const auto& [key, value] : props) {
    append_varint(out, key);
    encode_value(value, out);
  }
}

Result<Properties> decode_properties(std::string_view& in) {
  std::uint64_t n = 0;
  if (!read_varint(in, n) || n > in.size()) {
    return corrupt("property count");
  }
  Properties props;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t key = 0;
    if (!read_varint(in, key) || key > 0xffffffffu) {
      return corrupt("property key");
    }
    QUIVER_STORAGE_ASSIGN(PropertyValue value, decode_value(in));
    props.insert_or_assign(static_cast<PropertyKeyId>(key), std::move(value));
  }
  return props;
}

Result<PropertyValue> find_property(std::string_view encoded, PropertyKeyId wanted) {
  std::uint64_t n = 0;
  if (!read_varint(encoded, n)) {
    return corrupt("property count");
  }
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t key = 0;
    if (!read_varint(encoded, key)) {
      return corrupt("property key");
    }
    QUIVER_STORAGE_ASSIGN(PropertyValue value, decode_value(encoded));
    if (key == wanted) {
      return value;
    }
    if (key > wanted) {
      break;  // keys are stored ascending
    }
  }
  return make_error(StorageErrc::NotFound, "no such property");
}

}  // namespace quiver::storage
