// Order-preserving encoding of property values, used inside index keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/value.h"

namespace quiver::storage {

// Appends to OUT a byte string whose unsigned lexicographic order matches the order of values:
// first by kind (map < list < float vector < temporal kinds < string < boolean < number < null),
// then within the kind: numbers numerically with integers and doubles on one scale (1 and 1.0
// encode equal, -0.0 equals 0.0, NaN sorts above +infinity), strings by bytes, booleans false <
// true, lists and float vectors element by element (a prefix sorts first), maps entry by entry in
// key order, temporal values (one kind each: datetime < local datetime < date < time < local time <
// duration) as temporal::order() orders them, durations by months, days, seconds, nanoseconds.
// Encodings are self-delimiting, so an encoding followed by other bytes keeps its order.
// The encoding is not meant to be decoded. Pure function; thread-safe.
void encode_key(const PropertyValue& value, std::string& out);

// Convenience: the key encoding of VALUE as a new string.
std::string encode_key(const PropertyValue& value);

// Fixed-width big-endian helpers for ids in keys (byte order equals numeric order).
void append_u32_be(std::string& out, std::uint32_t v);
void append_u64_be(std::string& out, std::uint64_t v);
std::uint32_t read_u32_be(const char* p) noexcept;
std::uint64_t read_u64_be(const char* p) noexcept;

}  // namespace quiver::storage
