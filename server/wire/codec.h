#pragma once

// Conversions between the embedded API's types (quiver::Value, Summary, Error) and the wire
// messages of server/proto/quiver.proto. Shared by quiverd and the C++ driver. Stateless; any
// thread may call.

#include "quiver.pb.h"
#include "quiver/error.h"
#include "quiver/result.h"
#include "quiver/value.h"

namespace quiver::wire {

// Writes VALUE into OUT (which is cleared first). Never fails.
void to_wire(const quiver::Value& value, wire::Value* out);

// The quiver::Value that IN carries. Throws quiver::Error (ProtocolError/InvalidValue) when no
// kind is set or a nested value is malformed, when a temporal value fails quiver::check_temporal
// (a field out of range, an unknown zone name), and when nesting passes kMaxValueDepth.
quiver::Value from_wire(const wire::Value& in);

// A map of values in key order; from_wire for maps throws as from_wire does for values.
void to_wire(const Map& map, ValueMap* out);
Map from_wire(const ValueMap& in);

// Summary of a statement; the server's own wall time is added by the caller.
void to_wire(const quiver::Summary& summary, wire::Summary* out);
quiver::Summary from_wire(const wire::Summary& in);

// An error as the client sees it. from_wire rebuilds the quiver::Error the server reported,
// what() included.
void to_wire(const quiver::Error& error, wire::Error* out);
quiver::Error from_wire(const wire::Error& in);

// How deeply lists, maps and paths may nest in one value received from the network.
inline constexpr int kMaxValueDepth = 64;

}  // namespace quiver::wire
