// Bare-socket test client.
#include "server/raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "server/wire/framing.h"

namespace quiver::test_support {

RawClient::RawClient(uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("cannot connect to quiverd");
  }
  timeval timeout{10, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

RawClient::~RawClient() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

bool RawClient::send_bytes(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool RawClient::send(const wire::ClientMessage& message) {
  return send_bytes(wire::encode_frame(message));
}

bool RawClient::read_exact(char* out, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::recv(fd_, out + got, n - got, 0);
    if (r <= 0) {
      return false;
    }
    got += static_cast<size_t>(r);
  }
  return true;
}

std::optional<wire::ServerMessage> RawClient::receive() {
  unsigned char header[wire::kFrameHeaderSize];
  if (!read_exact(reinterpret_cast<char*>(header), sizeof header)) {
    return std::nullopt;
  }
  std::string payload(wire::decode_frame_length(header), '\0');
  if (payload.size() > (64u << 20) || !read_exact(payload.data(), payload.size())) {
    return std::nullopt;
  }
  wire::ServerMessage message;
  if (!message.ParseFromString(payload)) {
    return std::nullopt;
  }
  return message;
}

void RawClient::shutdown_write() {
  ::shutdown(fd_, SHUT_WR);
}

bool RawClient::closed_by_server() {
  char buffer[256];
  for (int i = 0; i < 1000; ++i) {
    ssize_t r = ::recv(fd_, buffer, sizeof buffer, 0);
    if (r == 0) {
      return true;
    }
    if (r < 0) {
      return errno == ECONNRESET;
    }
  }
  return false;
}

std::optional<wire::ServerMessage> RawClient::login(const std::string& user,
                                                    const std::string& password) {
  wire::ClientMessage hello;
  hello.mutable_hello()->set_protocol_version(wire::kProtocolVersion);
  hello.mutable_hello()->set_client_name("raw-test");
  send(hello);
  std::optional<wire::ServerMessage> welcome = receive();
  if (!welcome || !welcome->has_welcome()) {
    return welcome;
  }
  wire::ClientMessage auth;
  auth.mutable_authenticate()->set_user(user);
  auth.mutable_authenticate()->set_password(password);
  send(auth);
  return receive();
}

std::vector<wire::ServerMessage> RawClient::run(const std::string& query) {
  std::vector<wire::ServerMessage> replies;
  wire::ClientMessage message;
  message.mutable_run()->set_query(query);
  send(message);
  std::optional<wire::ServerMessage> header = receive();
  if (!header) {
    return replies;
  }
  replies.push_back(*header);
  if (!header->has_header()) {
    return replies;
  }
  wire::ClientMessage pull;
  pull.mutable_pull()->set_n(2);
  for (int i = 0; i < 10000; ++i) {
    send(pull);
    std::optional<wire::ServerMessage> batch = receive();
    if (!batch) {
      return replies;
    }
    replies.push_back(*batch);
    if (!batch->has_batch() || !batch->batch().has_more()) {
      break;
    }
  }
  if (std::optional<wire::ServerMessage> summary = receive()) {
    replies.push_back(*summary);
  }
  return replies;
}

}  // namespace quiver::test_support
