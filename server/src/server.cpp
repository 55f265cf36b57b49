// Listening, accepting and shutting down.
#include "server/src/server.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <vector>

#include "server/src/connection.h"

namespace quiver::server {

namespace {

// Clients may name any path in LOAD CSV, so the server reads files only from the directory its
// operator chose, and none without one.
std::unique_ptr<Database> open_database(const ServerConfig& config) {
  Options options;
  options.durable = config.durable;
  if (config.import_dir.empty()) {
    options.load_csv_files = false;
    options.load_csv_how_to_allow =
        "start quiverd with --import-dir DIR (or import-dir = DIR in its config file) to let "
        "LOAD CSV read the files inside DIR";
  } else {
    std::error_code ec;
    if (!std::filesystem::is_directory(config.import_dir, ec)) {
      throw std::runtime_error("--import-dir " + config.import_dir.string() +
                               " is not a directory");
    }
    options.load_csv_root = config.import_dir;
    options.load_csv_how_to_allow = "quiverd's --import-dir names that directory";
  }
  return Database::open(config.data_dir, options);
}

std::unique_ptr<asio::ssl::context> make_tls_context(const ServerConfig& config) {
  if (!config.tls()) {
    return nullptr;
  }
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
  try {
    context->use_certificate_chain_file(config.tls_cert.string());
    context->use_private_key_file(config.tls_key.string(), asio::ssl::context::pem);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot load the TLS certificate or key: " + std::string(e.what()));
  }
  return context;
}

}  // namespace

Server::Server(ServerConfig config, const std::optional<std::string>& first_admin_password)
    : config_(std::move(config)),
      database_(open_database(config_)),
      users_(std::make_unique<UserStore>(config_.data_dir, config_.password_cost,
                                         first_admin_password)),
      tls_(make_tls_context(config_)),
      acceptor_(io_),
      signals_(io_, SIGTERM, SIGINT) {
  tcp::endpoint endpoint(asio::ip::make_address(config_.listen_host), config_.listen_port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
  write_port_file();
}

Server::~Server() = default;

void Server::write_port_file() const {
  if (config_.port_file.empty()) {
    return;
  }
  std::filesystem::path temp = config_.port_file;
  temp += ".tmp";
  std::ofstream(temp) << port_ << "\n";
  std::filesystem::rename(temp, config_.port_file);
}

void Server::run() {
  spdlog::info("quiverd {} serving {} ({} network threads, TLS {})", kVersion,
               config_.data_dir.string(), config_.workers, tls_ ? "on" : "off");
  spdlog::info("listening on {}:{}", config_.listen_host, port_);
  spdlog::info("LOAD CSV reads {}", config_.import_dir.empty()
                                        ? std::string("no files (no --import-dir)")
                                        : "files inside " + config_.import_dir.string());

  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (!ec) {
      spdlog::info("signal {} received: shutting down", signal);
      stop();
    }
  });
  asio::co_spawn(io_, accept_loop(), asio::detached);

  std::vector<std::thread> threads;
  for (unsigned i = 1; i < config_.workers; ++i) {
    threads.emplace_back([this]() { io_.run(); });
  }
  io_.run();
  for (std::thread& thread : threads) {
    thread.join();
  }
  spdlog::info("all connections closed; closing the database");
}

void Server::stop() {
  asio::post(io_, [this]() {
    if (stopping_.exchange(true)) {
      return;
    }
    boost::system::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);

    std::lock_guard lock(connections_mutex_);
    size_t live = 0;
    for (auto& [id, weak] : connections_) {
      if (std::shared_ptr<Connection> connection = weak.lock()) {
        asio::post(connection->executor(), [connection]() { connection->close(); });
        ++live;
      }
    }
    spdlog::info("closing {} connection(s); open transactions roll back", live);
  });
}

bool Server::admit_connection() noexcept {
  unsigned current = active_.load();
  while (current < config_.max_connections) {
    if (active_.compare_exchange_weak(current, current + 1)) {
      return true;
    }
  }
  return false;
}

void Server::release_connection() noexcept {
  active_.fetch_sub(1);
}

asio::awaitable<void> Server::accept_loop() {
  while (!stopping_) {
    tcp::socket socket(asio::make_strand(io_));
    boost::system::error_code ec;
    co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) {
        break;
      }
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);

    std::lock_guard lock(connections_mutex_);
    uint64_t id = next_id_++;
    spdlog::debug("connection {} accepted", id);
    auto connection = std::make_shared<Connection>(*this, std::move(socket), id);
    for (auto it = connections_.begin(); it != connections_.end();) {
      it = it->second.expired() ? connections_.erase(it) : std::next(it);
    }
    connections_.emplace(id, connection);
    connection->start();
  }
}

}  // namespace quiver::server
