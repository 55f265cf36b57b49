#pragma once

// Frames of the wire protocol: a 4-byte big-endian payload length, then one serialised
// ClientMessage or ServerMessage (docs/protocol.md). Stateless helpers; any thread may call.

#include <cstdint>
#include <string>

#include <google/protobuf/message_lite.h>

namespace quiver::wire {

// The protocol version this build speaks (Hello.protocol_version).
inline constexpr uint32_t kProtocolVersion = 2;

// Bytes in a frame header.
inline constexpr size_t kFrameHeaderSize = 4;

// The largest payload either side accepts unless configured otherwise.
inline constexpr uint32_t kDefaultMaxFrameSize = 16u << 20;

// MESSAGE serialised and prefixed with its length, ready to write. Never fails for messages
// under 4 GiB.
std::string encode_frame(const google::protobuf::MessageLite& message);

// The payload length a frame header announces. HEADER points at kFrameHeaderSize bytes.
uint32_t decode_frame_length(const unsigned char* header) noexcept;

}  // namespace quiver::wire
