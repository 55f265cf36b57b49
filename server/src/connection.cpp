// The per-connection protocol state machine.
#include "server/src/connection.h"

#include <spdlog/spdlog.h>

#include "server/src/server.h"
#include "server/wire/codec.h"
#include "server/wire/framing.h"

namespace quiver::server {

namespace {

using Clock = std::chrono::steady_clock;

// A frame or message order the protocol forbids: the connection gets a fatal Error and closes.
struct ProtocolViolation {
  std::string category;
  std::string detail;
  std::string message;
};

ProtocolViolation violation(std::string detail, std::string message) {
  return {"ProtocolError", std::move(detail), std::move(message)};
}

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// Messages read ahead of the handler. A client waits for each reply before its next request
// (docs/protocol.md), so the inbox holds little more than a Reset sent during a Run.
constexpr size_t kInboxLimit = 8;

}  // namespace

Connection::Connection(Server& server, tcp::socket socket, uint64_t id)
    : server_(server),
      strand_(socket.get_executor()),
      socket_(std::move(socket)),
      idle_timer_(strand_),
      inbox_filled_(strand_),
      inbox_taken_(strand_),
      id_(id),
      runner_(server.database(), server.users(), server.config().batch_size) {
  boost::system::error_code ec;
  tcp::endpoint peer = socket_.remote_endpoint(ec);
  peer_ = ec ? std::string("?") : peer.address().to_string() + ":" + std::to_string(peer.port());
  if (asio::ssl::context* context = server.tls_context()) {
    tls_ = std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket_), *context);
  }
}

Connection::~Connection() {
  if (admitted_) {
    server_.release_connection();
  }
}

void Connection::start() {
  auto self = shared_from_this();
  asio::co_spawn(
      executor(), [self]() { return self->serve(); }, asio::detached);
  if (server_.config().idle_timeout.count() > 0) {
    deadline_ = Clock::now() + server_.config().idle_timeout;
    asio::co_spawn(
        executor(), [self]() { return self->watchdog(); }, asio::detached);
  }
}

void Connection::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  idle_timer_.cancel();
  inbox_filled_.cancel();
  inbox_taken_.cancel();
  boost::system::error_code ec;
  tcp::socket& lowest = tls_ ? tls_->next_layer() : socket_;
  lowest.shutdown(tcp::socket::shutdown_both, ec);
  lowest.close(ec);
}

asio::awaitable<void> Connection::watchdog() {
  while (!closed_) {
    idle_timer_.expires_at(deadline_);
    boost::system::error_code ec;
    co_await idle_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (closed_) {
      co_return;
    }
    if (busy_) {
      deadline_ = Clock::now() + server_.config().idle_timeout;
    } else if (Clock::now() >= deadline_) {
      spdlog::debug("connection {} from {}: idle timeout", id_, peer_);
      close();
      co_return;
    }
  }
}

asio::awaitable<void> Connection::serve() {
  auto self = shared_from_this();
  std::optional<ProtocolViolation> fatal;
  try {
    if (tls_) {
      co_await tls_->async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
    }
    admitted_ = server_.admit_connection();
    if (!admitted_) {
      fatal = ProtocolViolation{"ServerError", "TooManyConnections",
                                "the server has reached its connection limit"};
    }
    if (!fatal) {
      reading_ = true;
      asio::co_spawn(
          strand_, [self]() { return self->read_frames(); }, asio::detached);
    }
    while (!fatal) {
      std::optional<wire::ClientMessage> message = co_await next_message();
      if (!message || !co_await handle(*message)) {
        break;
      }
    }
  } catch (const ProtocolViolation& v) {
    fatal = v;
  } catch (const std::exception& e) {
    spdlog::debug("connection {} from {}: {}", id_, peer_, e.what());
  }

  if (fatal && !closed_) {
    spdlog::debug("connection {} from {}: closing on {}/{}: {}", id_, peer_, fatal->category,
                  fatal->detail, fatal->message);
    try {
      co_await send_error(Error(fatal->category, fatal->detail, "compile time", fatal->message),
                          true);
      co_await linger();
    } catch (const std::exception&) {
      // The peer is gone already; there is nobody left to tell.
    }
  }

  co_await engine_.run([this]() { runner_.reset(); });
  close();
  spdlog::debug("connection {} from {} closed", id_, peer_);
}

asio::awaitable<void> Connection::linger() {
  // Closing a socket with unread input makes the kernel send a reset, which can destroy the
  // Error frame before the client reads it. So stop sending, then read and drop what the client
  // still sends until it closes, for a bounded time and number of bytes: through the reader
  // while it still reads whole frames, then byte by byte.
  tcp::socket& lowest = tls_ ? tls_->next_layer() : socket_;
  boost::system::error_code ec;
  lowest.shutdown(tcp::socket::shutdown_send, ec);
  auto self = shared_from_this();
  asio::steady_timer limit(strand_, std::chrono::milliseconds(500));
  limit.async_wait([self](const boost::system::error_code& waited) {
    if (!waited) {
      self->close();
    }
  });
  draining_ = true;
  inbox_taken_.cancel();
  while (reading_ && !closed_) {
    co_await wait_for(inbox_filled_);
  }
  char sink[4096];
  for (size_t total = 0; !closed_ && total < (size_t{1} << 20);) {
    total += co_await lowest.async_read_some(asio::buffer(sink),
                                             asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      break;
    }
  }
  limit.cancel();
}

asio::awaitable<void> Connection::wait_for(asio::steady_timer& signal, Clock::time_point until) {
  // Everything runs on the strand, so a signal cannot be given between the caller's check of
  // its condition and this wait.
  boost::system::error_code ec;
  signal.expires_at(until);
  co_await signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> Connection::read_frames() {
  auto self = shared_from_this();
  try {
    while (!closed_) {
      std::optional<wire::ClientMessage> message = co_await read_message();
      if (!message) {
        break;
      }
      if (draining_) {
        continue;
      }
      if (message->kind_case() == wire::ClientMessage::kReset && statement_running_) {
        runner_.cancel();
      }
      inbox_.push_back(std::move(*message));
      inbox_filled_.cancel();
      while (inbox_.size() >= kInboxLimit && !closed_ && !draining_) {
        co_await wait_for(inbox_taken_);
      }
    }
  } catch (...) {
    read_failure_ = std::current_exception();
  }
  // A client that half-closes may still wait for the answer to its last Run; one whose frames
  // broke off, or whose socket failed or was closed, gets no answer, so its statement stops.
  if (!peer_finished_ && statement_running_) {
    runner_.cancel();
  }
  reading_ = false;
  inbox_filled_.cancel();
}

asio::awaitable<std::optional<wire::ClientMessage>> Connection::next_message() {
  busy_ = false;
  deadline_ = Clock::now() + server_.config().idle_timeout;
  std::chrono::milliseconds transaction_limit = server_.config().transaction_idle_timeout;
  Clock::time_point transaction_deadline = Clock::now() + transaction_limit;
  while (inbox_.empty() && reading_ && !closed_) {
    bool watch_transaction = transaction_active_ && transaction_limit.count() > 0;
    if (watch_transaction && Clock::now() >= transaction_deadline) {
      co_await expire_idle_transaction();
      continue;
    }
    co_await wait_for(inbox_filled_,
                      watch_transaction ? transaction_deadline : Clock::time_point::max());
  }
  if (inbox_.empty()) {
    if (read_failure_ && !closed_) {
      std::rethrow_exception(read_failure_);
    }
    co_return std::nullopt;
  }
  busy_ = true;
  wire::ClientMessage message = std::move(inbox_.front());
  inbox_.pop_front();
  inbox_taken_.cancel();
  co_return message;
}

asio::awaitable<void> Connection::expire_idle_transaction() {
  std::chrono::milliseconds limit = server_.config().transaction_idle_timeout;
  co_await engine_.run([&]() {
    runner_.expire_idle_transaction(limit);
    transaction_active_ = runner_.transaction_active();
  });
  spdlog::warn(
      "connection {} from {}: rolled back the transaction of user '{}' after {} ms "
      "without a request",
      id_, peer_, user_, limit.count());
}

asio::awaitable<std::optional<wire::ClientMessage>> Connection::read_message() {
  unsigned char header[wire::kFrameHeaderSize];
  boost::system::error_code ec;
  size_t got = 0;
  if (tls_) {
    got = co_await asio::async_read(*tls_, asio::buffer(header),
                                    asio::redirect_error(asio::use_awaitable, ec));
  } else {
    got = co_await asio::async_read(socket_, asio::buffer(header),
                                    asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    if (got > 0) {
      throw violation("TruncatedFrame", "the connection ended inside a frame header");
    }
    peer_finished_ = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
    co_return std::nullopt;
  }

  uint32_t length = wire::decode_frame_length(header);
  if (length > server_.config().max_frame_size) {
    throw violation("FrameTooLarge", "a frame of " + std::to_string(length) +
                                         " bytes is over the limit of " +
                                         std::to_string(server_.config().max_frame_size));
  }
  std::string payload(length, '\0');
  if (tls_) {
    co_await asio::async_read(*tls_, asio::buffer(payload),
                              asio::redirect_error(asio::use_awaitable, ec));
  } else {
    co_await asio::async_read(socket_, asio::buffer(payload),
                              asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    throw violation("TruncatedFrame", "the connection ended inside a frame");
  }

  wire::ClientMessage message;
  if (!message.ParseFromString(payload)) {
    throw violation("MalformedMessage", "a frame does not hold a valid ClientMessage");
  }
  if (message.kind_case() == wire::ClientMessage::KIND_NOT_SET) {
    throw violation("UnknownMessage", "a message of a kind this protocol version lacks");
  }
  co_return message;
}

asio::awaitable<bool> Connection::handle(const wire::ClientMessage& message) {
  using Kind = wire::ClientMessage::KindCase;
  if (message.kind_case() == Kind::kHello) {
    co_await handle_hello(message.hello());
    co_return true;
  }
  if (message.kind_case() == Kind::kAuthenticate) {
    co_return co_await handle_authenticate(message.authenticate());
  }
  if (phase_ != Phase::kReady) {
    throw ProtocolViolation{"SecurityError", "Unauthenticated",
                            "only Hello and Authenticate may come before authentication"};
  }
  switch (message.kind_case()) {
    case Kind::kRun:
      co_await handle_run(message.run());
      break;
    case Kind::kPull:
      co_await handle_pull(message.pull().n(), false);
      break;
    case Kind::kDiscard:
      co_await handle_pull(0, true);
      break;
    case Kind::kGoodbye:
      co_return false;
    default:
      co_await handle_transaction(message);
      break;
  }
  co_return true;
}

asio::awaitable<void> Connection::handle_hello(const wire::Hello& hello) {
  if (phase_ != Phase::kHello) {
    throw violation("UnexpectedMessage", "Hello comes once, first");
  }
  if (hello.protocol_version() != wire::kProtocolVersion) {
    throw violation("UnsupportedVersion", "this server speaks protocol version " +
                                              std::to_string(wire::kProtocolVersion) + ", not " +
                                              std::to_string(hello.protocol_version()));
  }
  phase_ = Phase::kAuthenticate;
  spdlog::debug("connection {} from {}: client '{}'", id_, peer_, hello.client_name());

  wire::ServerMessage reply;
  reply.mutable_welcome()->set_protocol_version(wire::kProtocolVersion);
  reply.mutable_welcome()->set_server_name(std::string("quiverd/") + Server::kVersion);
  co_await send(reply);
}

asio::awaitable<bool> Connection::handle_authenticate(const wire::Authenticate& auth) {
  if (phase_ != Phase::kAuthenticate) {
    throw violation("UnexpectedMessage", "Authenticate comes once, after Hello");
  }
  std::optional<Role> role;
  co_await engine_.run(
      [&]() { role = server_.users().authenticate(auth.user(), auth.password()); });
  if (!role) {
    spdlog::info("connection {} from {}: authentication failed for user '{}'", id_, peer_,
                 auth.user());
    throw ProtocolViolation{"SecurityError", "AuthenticationFailed",
                            "unknown user or wrong password"};
  }
  phase_ = Phase::kReady;
  user_ = auth.user();
  runner_.set_role(*role);

  wire::ServerMessage reply;
  reply.mutable_ok()->set_user(user_);
  reply.mutable_ok()->set_role(role_name(*role));
  co_await send(reply);
  co_return true;
}

asio::awaitable<void> Connection::handle_run(const wire::Run& run) {
  if (runner_.has_result()) {
    throw violation("UnexpectedMessage", "Run while a result is open: Pull or Discard it first");
  }
  Params params;
  try {
    params = wire::from_wire(run.params());
  } catch (const Error& e) {
    throw violation(e.detail(), e.message());
  }

  std::chrono::milliseconds timeout = run.timeout_ms() > 0
                                          ? std::chrono::milliseconds(run.timeout_ms())
                                          : server_.config().query_timeout;
  run_started_ = Clock::now();
  std::optional<Error> error;
  std::vector<std::string> columns;
  statement_running_ = true;
  co_await engine_.run([&]() {
    try {
      columns = runner_.run(run.query(), params, timeout);
    } catch (const Error& e) {
      error = e;
    } catch (const std::exception& e) {
      error = Error("ServerError", "Internal", "runtime", e.what());
    }
    transaction_active_ = runner_.transaction_active();
  });
  statement_running_ = false;
  log_slow_query(run.query(), since(run_started_));

  if (error) {
    if (error->category() == "ServerError") {
      spdlog::error("connection {}: statement failed: {}", id_, error->message());
    }
    co_await send_error(*error, false);
    co_return;
  }
  wire::ServerMessage reply;
  reply.mutable_header();  // present even when the statement returns no columns
  for (const std::string& column : columns) {
    reply.mutable_header()->add_columns(column);
  }
  co_await send(reply);
}

asio::awaitable<void> Connection::handle_pull(uint32_t n, bool discard) {
  if (!runner_.has_result()) {
    throw violation("UnexpectedMessage", "Pull or Discard without an open result");
  }
  wire::ServerMessage batch;
  wire::ServerMessage summary;
  bool more = false;
  co_await engine_.run([&]() {
    if (!discard) {
      more = runner_.pull(n, batch.mutable_batch());
    }
    if (!more) {
      runner_.finish(summary.mutable_summary());
    }
  });
  if (!discard) {
    co_await send(batch);
  }
  if (!more) {
    summary.mutable_summary()->set_server_us(since(run_started_).count());
    co_await send(summary);
  }
}

asio::awaitable<void> Connection::handle_transaction(const wire::ClientMessage& message) {
  using Kind = wire::ClientMessage::KindCase;
  Kind kind = message.kind_case();
  if (kind != Kind::kReset && runner_.has_result()) {
    throw violation("UnexpectedMessage", "a result is open: Pull or Discard it first");
  }
  std::optional<Error> error;
  co_await engine_.run([&]() {
    try {
      if (kind == Kind::kBegin) {
        runner_.begin(message.begin().read_only());
      } else if (kind == Kind::kCommit) {
        runner_.commit();
      } else if (kind == Kind::kRollback) {
        runner_.rollback();
      } else {
        runner_.reset();
      }
    } catch (const Error& e) {
      error = e;
    }
    transaction_active_ = runner_.transaction_active();
  });
  if (error) {
    co_await send_error(*error, false);
  } else {
    co_await send_ok();
  }
}

asio::awaitable<void> Connection::send(const wire::ServerMessage& message) {
  std::string frame = wire::encode_frame(message);
  if (tls_) {
    co_await asio::async_write(*tls_, asio::buffer(frame), asio::use_awaitable);
  } else {
    co_await asio::async_write(socket_, asio::buffer(frame), asio::use_awaitable);
  }
}

asio::awaitable<void> Connection::send_error(const Error& error, bool fatal) {
  wire::ServerMessage reply;
  wire::to_wire(error, reply.mutable_error());
  reply.mutable_error()->set_fatal(fatal);
  co_await send(reply);
}

asio::awaitable<void> Connection::send_ok() {
  wire::ServerMessage reply;
  reply.mutable_ok();
  co_await send(reply);
}

void Connection::log_slow_query(const std::string& query, std::chrono::microseconds took) const {
  std::chrono::milliseconds threshold = server_.config().slow_query;
  if (threshold.count() == 0 || took < threshold) {
    return;
  }
  constexpr size_t kShown = 200;
  spdlog::warn("slow query: {} ms for user '{}': {}{}", took.count() / 1000, user_,
               query.substr(0, kShown), query.size() > kShown ? "..." : "");
}

}  // namespace quiver::server
