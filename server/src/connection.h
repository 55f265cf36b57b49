#pragma once

// One client connection: reads frames, checks the message order (docs/protocol.md), hands
// statements to its engine thread and writes the replies. Lives as long as its coroutine; all
// of its members run on its strand, except the StatementRunner, which only its engine thread
// touches.

#include <chrono>
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
  bool busy_ = false;
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
