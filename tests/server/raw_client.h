#pragma once

// A bare-socket client for protocol tests: sends any bytes, reads frames, with every read
// bounded by a 10 s receive timeout.

#include <optional>
#include <string>
#include <vector>

#include "quiver.pb.h"

namespace quiver::test_support {

class RawClient {
 public:
  // Connects to 127.0.0.1:PORT. Throws std::runtime_error when it cannot.
  explicit RawClient(uint16_t port);
  ~RawClient();

  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Writes BYTES as they are; false when the socket refuses them.
  bool send_bytes(const std::string& bytes);

  // Writes MESSAGE as one frame.
  bool send(const wire::ClientMessage& message);

  // The next frame, or nullopt on end of stream, timeout or a malformed frame.
  std::optional<wire::ServerMessage> receive();

  // Ends the sending direction (the server reads end of stream); replies still arrive.
  void shutdown_write();

  // True when the server closes the connection (reads reach end of stream) within 10 s.
  bool closed_by_server();

  // Hello and Authenticate; the reply to Authenticate (nullopt when the connection ended).
  std::optional<wire::ServerMessage> login(const std::string& user, const std::string& password);

  // Run, then Pull until the Summary; every reply in order (Header, batches, Summary, or the
  // Error).
  std::vector<wire::ServerMessage> run(const std::string& query);

 private:
  bool read_exact(char* out, size_t n);
  int fd_ = -1;
};

}  // namespace quiver::test_support
