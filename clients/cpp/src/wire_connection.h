#pragma once

// The driver's connection: a socket (TLS or not), framing, and the request/reply exchanges of
// the protocol. Blocking; every wait is bounded by ConnectOptions::timeout. Not thread-safe.

#include <memory>
#include <string>

#include "quiver.pb.h"
#include "quiver/client.h"

namespace quiver::client {

class WireConnection {
 public:
  // Connects, sends Hello and Authenticate. Throws quiver::Error (see Client::connect).
  static std::unique_ptr<WireConnection> open(const ConnectOptions& options);
  ~WireConnection();

  // Run followed by Pulls until the Summary; the whole result. Throws quiver::Error.
  Result run(std::string_view query, const Map& params);

  // Sends MESSAGE and expects Ok. Throws quiver::Error (the server's, or ConnectionError).
  void exchange_ok(const wire::ClientMessage& message);

  // Sends Goodbye and closes; never throws.
  void close() noexcept;

  const std::string& role() const noexcept { return role_; }

  struct Transport;  // internal

 private:
  explicit WireConnection(const ConnectOptions& options);
  void send(const wire::ClientMessage& message);
  wire::ServerMessage receive();
  wire::ServerMessage expect_reply();  // receive(), throwing the Error a reply may carry

  ConnectOptions options_;
  std::unique_ptr<Transport> transport_;
  std::string role_;
};

}  // namespace quiver::client
