// Frame encoding: length prefix in network byte order.
#include "server/wire/framing.h"

namespace quiver::wire {

std::string encode_frame(const google::protobuf::MessageLite& message) {
  size_t size = message.ByteSizeLong();
  std::string frame(kFrameHeaderSize + size, '\0');
  frame[0] = static_cast<char>((size >> 24) & 0xff);
  frame[1] = static_cast<char>((size >> 16) & 0xff);
  frame[2] = static_cast<char>((size >> 8) & 0xff);
  frame[3] = static_cast<char>(size & 0xff);
  message.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(frame.data()) +
                                          kFrameHeaderSize);
  return frame;
}

uint32_t decode_frame_length(const unsigned char* header) noexcept {
  return (uint32_t{header[0]} << 24) | (uint32_t{header[1]} << 16) | (uint32_t{header[2]} << 8) |
         uint32_t{header[3]};
}

}  // namespace quiver::wire
