#pragma once

// quiverd's core: the open database, the user table, the listening socket, the network threads
// and the set of live connections.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "quiver/database.h"
#include "server/src/asio.h"
#include "server/src/config.h"
#include "server/src/user_store.h"

namespace quiver::server {

class Connection;

class Server {
 public:
  static constexpr const char* kVersion = "0.1.0";

  // Opens the database and the user table, prepares TLS and binds the listening socket.
  // Throws quiver::Error (database), std::runtime_error (users, TLS files) or
  // boost::system::system_error (address in use, bad address).
  Server(ServerConfig config, const std::optional<std::string>& first_admin_password);
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the chosen one when the configuration asked for port 0).
  uint16_t port() const noexcept { return port_; }

  // Serves on config().workers threads until stop(), SIGTERM or SIGINT; then closes every
  // connection (rolling back their transactions) and returns once all have ended. Call once.
  void run();

  // Asks run() to wind down. Any thread; idempotent.
  void stop();

  // For connections: shared state. Valid until the Server is destroyed.
  const ServerConfig& config() const noexcept { return config_; }
  Database& database() noexcept { return *database_; }
  UserStore& users() noexcept { return *users_; }
  asio::ssl::context* tls_context() noexcept { return tls_.get(); }

  // Takes one of the max_connections places; false when none is left. Any thread.
  bool admit_connection() noexcept;
  void release_connection() noexcept;

 private:
  asio::awaitable<void> accept_loop();
  void write_port_file() const;

  ServerConfig config_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<UserStore> users_;
  std::unique_ptr<asio::ssl::context> tls_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  uint16_t port_ = 0;
  std::atomic<unsigned> active_{0};
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  std::map<uint64_t, std::weak_ptr<Connection>> connections_;
  uint64_t next_id_ = 1;
};

}  // namespace quiver::server
