#pragma once

// One client connection: reads frames, checks the message order (docs/protocol.md), hands
// statements to its engine thread and writes the replies. Two coroutines serve it: a reader
// that reads frames into a small inbox, so that a Reset arriving while a statement runs can
// stop that statement, and a handler that answers the inbox's messages in order. Lives as long
// as its coroutines; all of its members run on its strand, except the StatementRunner, which
// only its engine thread touches (its cancel() excepted).

#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "quiver.pb.h"
#include "server/src/asio.h"
#include "server/src/engine_executor.h"
#include "server/src/statement_runner.h"

namespace quiver::server {

class Server;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // SOCKET must have a strand as its executor; SERVER must outlive the connection.
  Connection(Server& server, tcp::socket socket, uint64_t id);
  ~Connection();

  // Starts serving on the socket's strand. Call once.
  void start();

  // Closes the socket; the serving coroutine then rolls back what is open and ends. Must run
  // on the connection's strand (Server::stop posts it there).
  void close();

  // The connection's strand.
  asio::any_io_executor executor() { return strand_; }

 private:
  enum class Phase { kHello, kAuthenticate, kReady };

  asio::awaitable<void> serve();
  asio::awaitable<void> watchdog();
  asio::awaitable<void> linger();
  asio::awaitable<void> read_frames();
  asio::awaitable<std::optional<wire::ClientMessage>> next_message();
  asio::awaitable<void> wait_for(
      asio::steady_timer& signal,
      std::chrono::steady_clock::time_point until = std::chrono::steady_clock::time_point::max());
  asio::awaitable<void> expire_idle_transaction();
  asio::awaitable<std::optional<wire::ClientMessage>> read_message();
  asio::awaitable<bool> handle(const wire::ClientMessage& message);
  asio::awaitable<void> handle_hello(const wire::Hello& hello);
  asio::awaitable<bool> handle_authenticate(const wire::Authenticate& auth);
  asio::awaitable<void> handle_run(const wire::Run& run);
  asio::awaitable<void> handle_pull(uint32_t n, bool discard);
  asio::awaitable<void> handle_transaction(const wire::ClientMessage& message);
  asio::awaitable<void> send(const wire::ServerMessage& message);
  asio::awaitable<void> send_error(const Error& error, bool fatal);
  asio::awaitable<void> send_ok();
  void log_slow_query(const std::string& query, std::chrono::microseconds took) const;

  Server& server_;
  asio::any_io_executor strand_;
  tcp::socket socket_;
  std::unique_ptr<asio::ssl::stream<tcp::socket>> tls_;
  asio::steady_timer idle_timer_;
  std::chrono::steady_clock::time_point deadline_;
  bool busy_ = false;  // a message is being handled (the idle timeout waits)

  // Messages read but not yet handled, at most kInboxLimit; the reader waits while it is full.
  std::deque<wire::ClientMessage> inbox_;
  asio::steady_timer inbox_filled_;  // cancelled when a message arrives or reading ends
  asio::steady_timer inbox_taken_;   // cancelled when the handler takes a message
  bool reading_ = false;             // the reader coroutine is running
  bool draining_ = false;            // the reader drops what it reads (the connection is ending)
  bool statement_running_ = false;   // a Run is with the engine thread
  bool transaction_active_ = false;  // runner_.transaction_active() after the last engine call
  bool peer_finished_ = false;       // reading ended at the client's end of stream
  std::exception_ptr read_failure_;  // why reading stopped, when not at end of stream

  bool closed_ = false;
  bool admitted_ = false;
  uint64_t id_;
  std::string peer_;
  Phase phase_ = Phase::kHello;
  std::string user_;
  std::chrono::steady_clock::time_point run_started_;
  EngineExecutor engine_;
  StatementRunner runner_;
};

}  // namespace quiver::server
