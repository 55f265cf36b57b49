// Blocking transport for the C++ driver, written with Boost.Asio operations bounded by
// io_context::run_for.
#include "clients/cpp/src/wire_connection.h"

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "server/wire/codec.h"
#include "server/wire/framing.h"

namespace quiver::client {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

Error connection_error(const std::string& detail, const std::string& message) {
  return Error("ConnectionError", detail, "runtime", message);
}

}  // namespace

struct WireConnection::Transport {
  asio::io_context io;
  asio::ssl::context tls_context{asio::ssl::context::tls_client};
  tcp::socket socket{io};
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls;
  std::chrono::milliseconds timeout;
  bool broken = false;

  // Runs the asynchronous operation that START begins until it completes or the timeout
  // passes; a timeout closes the socket (the connection is then unusable).
  template <typename Start>
  void complete(const char* what, Start start) {
    if (broken) {
      throw connection_error("Closed", "the connection is closed");
    }
    boost::system::error_code result = asio::error::would_block;
    start([&result](const boost::system::error_code& ec, auto&&...) { result = ec; });
    io.restart();
    io.run_for(timeout);
    if (result == asio::error::would_block) {
      broken = true;
      boost::system::error_code ignored;
      socket.close(ignored);
      io.restart();
      io.run_for(std::chrono::milliseconds(100));
      throw connection_error("Timeout", std::string("no reply in time while ") + what);
    }
    if (result) {
      broken = true;
      throw connection_error("Closed", std::string(what) + ": " + result.message());
    }
  }

  template <typename Buffer>
  void read(const Buffer& buffer) {
    complete("reading", [&](auto handler) {
      if (tls) {
        asio::async_read(*tls, buffer, handler);
      } else {
        asio::async_read(socket, buffer, handler);
      }
    });
  }

  void write(const std::string& frame) {
    complete("writing", [&](auto handler) {
      if (tls) {
        asio::async_write(*tls, asio::buffer(frame), handler);
      } else {
        asio::async_write(socket, asio::buffer(frame), handler);
      }
    });
  }
};

WireConnection::WireConnection(const ConnectOptions& options)
    : options_(options), transport_(std::make_unique<Transport>()) {
  transport_->timeout = options.timeout;
}

WireConnection::~WireConnection() = default;

std::unique_ptr<WireConnection> WireConnection::open(const ConnectOptions& options) {
  std::unique_ptr<WireConnection> connection(new WireConnection(options));
  Transport& t = *connection->transport_;

  tcp::resolver resolver(t.io);
  boost::system::error_code ec;
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port), ec);
  if (ec) {
    throw connection_error("UnknownHost", "cannot resolve " + options.host + ": " + ec.message());
  }
  t.complete("connecting",
             [&](auto handler) { asio::async_connect(t.socket, endpoints, handler); });
  t.socket.set_option(tcp::no_delay(true), ec);

  if (options.tls) {
    if (options.tls_verify) {
      t.tls_context.set_verify_mode(asio::ssl::verify_peer);
      if (options.tls_ca_file.empty()) {
        t.tls_context.set_default_verify_paths();
      } else {
        t.tls_context.load_verify_file(options.tls_ca_file, ec);
        if (ec) {
          throw connection_error("Tls", "cannot load " + options.tls_ca_file);
        }
      }
    }
    t.tls = std::make_unique<asio::ssl::stream<tcp::socket&>>(t.socket, t.tls_context);
    if (options.tls_verify) {
      t.tls->set_verify_callback(asio::ssl::host_name_verification(options.host));
    }
    t.complete("the TLS handshake", [&](auto handler) {
      t.tls->async_handshake(asio::ssl::stream_base::client, handler);
    });
  }

  wire::ClientMessage hello;
  hello.mutable_hello()->set_protocol_version(wire::kProtocolVersion);
  hello.mutable_hello()->set_client_name(options.client_name);
  connection->send(hello);
  connection->expect_reply();

  wire::ClientMessage auth;
  auth.mutable_authenticate()->set_user(options.user);
  auth.mutable_authenticate()->set_password(options.password);
  connection->send(auth);
  wire::ServerMessage ok = connection->expect_reply();
  connection->role_ = ok.ok().role();
  return connection;
}

void WireConnection::send(const wire::ClientMessage& message) {
  transport_->write(wire::encode_frame(message));
}

wire::ServerMessage WireConnection::receive() {
  unsigned char header[wire::kFrameHeaderSize];
  transport_->read(asio::buffer(header));
  uint32_t length = wire::decode_frame_length(header);
  if (length > wire::kDefaultMaxFrameSize * 4) {
    transport_->broken = true;
    throw Error("ProtocolError", "FrameTooLarge", "runtime", "the server sent an oversized frame");
  }
  std::string payload(length, '\0');
  transport_->read(asio::buffer(payload));
  wire::ServerMessage message;
  if (!message.ParseFromString(payload)) {
    transport_->broken = true;
    throw Error("ProtocolError", "MalformedMessage", "runtime", "the server sent a bad frame");
  }
  return message;
}

wire::ServerMessage WireConnection::expect_reply() {
  wire::ServerMessage message = receive();
  if (message.has_error()) {
    if (message.error().fatal()) {
      transport_->broken = true;
    }
    throw wire::from_wire(message.error());
  }
  return message;
}

Result WireConnection::run(std::string_view query, const Map& params) {
  wire::ClientMessage request;
  request.mutable_run()->set_query(std::string(query));
  request.mutable_run()->set_timeout_ms(static_cast<uint32_t>(options_.query_timeout.count()));
  wire::to_wire(params, request.mutable_run()->mutable_params());
  send(request);
  wire::ServerMessage header = expect_reply();
  std::vector<std::string> columns(header.header().columns().begin(),
                                   header.header().columns().end());
  auto shared = std::make_shared<const std::vector<std::string>>(columns);

  wire::ClientMessage pull;
  pull.mutable_pull()->set_n(options_.fetch_size);
  std::vector<Record> rows;
  for (bool more = true; more;) {
    send(pull);
    wire::ServerMessage batch = expect_reply();
    for (const wire::Record& record : batch.batch().records()) {
      std::vector<Value> values;
      values.reserve(record.values_size());
      for (const wire::Value& value : record.values()) {
        values.push_back(wire::from_wire(value));
      }
      rows.emplace_back(shared, std::move(values));
    }
    more = batch.batch().has_more();
  }
  wire::ServerMessage summary = expect_reply();
  return Result(std::move(columns), std::move(rows), wire::from_wire(summary.summary()));
}

void WireConnection::exchange_ok(const wire::ClientMessage& message) {
  send(message);
  expect_reply();
}

void WireConnection::close() noexcept {
  if (transport_->broken) {
    return;
  }
  try {
    wire::ClientMessage goodbye;
    goodbye.mutable_goodbye();
    send(goodbye);
  } catch (const std::exception&) {
    // Closing anyway.
  }
  boost::system::error_code ignored;
  transport_->socket.close(ignored);
  transport_->broken = true;
}

}  // namespace quiver::client
