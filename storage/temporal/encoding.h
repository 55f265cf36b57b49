#pragma once

// Binary encodings of temporal values for property storage and index keys; the byte layouts are
// specified in docs/temporal.md. Pure, any thread.

#include <string>
#include <string_view>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// Appends the compact encoding of `value` to `out`: a kind byte and variable-length integers
// (2 to about 30 bytes; named zones add their name).
void encode(const TemporalValue& value, std::string& out);

// Decodes one value written by encode() from the front of `bytes` and advances `bytes` past it.
// Errors: InvalidFormat for truncated or malformed bytes, UnknownZone when a stored zone name is
// not in this machine's tz database, OutOfRange for fields out of range.
TemporalResult<TemporalValue> decode(std::string_view& bytes);

// Appends an order-preserving key for `value` to `out`: comparing two keys bytewise orders them
// as order() in compare.h does (by kind, then instant or local value; DateTimes and Times with
// the same instant are then ordered by offset and zone). Durations have no key:
// InvalidArgument.
TemporalResult<bool> encode_key(const TemporalValue& value, std::string& out);

}  // namespace quiver::temporal
