// Compact (not ordered) encoding of property values and property sets, used in record values.
#pragma once

#include <string>
#include <string_view>

#include "storage/result.h"
#include "storage/types.h"
#include "storage/value.h"

namespace quiver::storage {

// Appends the compact encoding of VALUE to OUT: a kind tag, then a body (varints for integers
// and lengths, 8-byte little-endian doubles, 4-byte floats). Thread-safe.
void encode_value(const PropertyValue& value, std::string& out);

// Decodes one value from the front of IN and advances IN past it. Errors: Corrupt when the
// bytes are truncated, carry an unknown tag or nest deeper than kMaxValueDepth.
Result<PropertyValue> decode_value(std::string_view& in);

// Nesting limit for lists and maps, so that hostile bytes cannot exhaust the stack.
inline constexpr int kMaxValueDepth = 64;

// Appends a property set: a varint count, then (varint key id, value) pairs in key-id order.
void encode_properties(const Properties& props, std::string& out);

// Decodes a property set from the front of IN and advances IN. Errors: Corrupt.
Result<Properties> decode_properties(std::string_view& in);

// Finds one property in an encoded property set without decoding the others. Returns
// NotFound when KEY is absent, Corrupt on damaged bytes.
Result<PropertyValue> find_property(std::string_view encoded, PropertyKeyId key);

// Unsigned LEB128 varints.
void append_varint(std::string& out, std::uint64_t v);
bool read_varint(std::string_view& in, std::uint64_t& v) noexcept;

}  // namespace quiver::storage
