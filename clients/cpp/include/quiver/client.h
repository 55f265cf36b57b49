#pragma once

// The C++ driver: the embedded API's shape over a connection to quiverd.
//
//   quiver::client::ConnectOptions options;
//   options.port = 7688;
//   options.user = "admin";
//   options.password = "secret";
//   auto client = quiver::client::Client::connect(options);
//   client->run("CREATE (:Person {name: $name})", {{"name", "Ada"}});
//   for (const quiver::Record& row : client->run("MATCH (p:Person) RETURN p.name AS name"))
//     std::cout << row.get("name").as_string() << "\n";
//
// Results, records, values and errors are the embedded API's own types (quiver/result.h,
// quiver/value.h, quiver/error.h). A Client is one connection; it is not thread-safe: use one
// per thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "quiver/error.h"
#include "quiver/result.h"
#include "quiver/value.h"

namespace quiver::client {

struct ConnectOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 7688;
  std::string user;
  std::string password;
  bool tls = false;         // speak TLS (the server must have --tls-cert)
  std::string tls_ca_file;  // PEM file of the CA (or self-signed certificate) to trust
  bool tls_verify = true;   // false accepts any certificate (tests only)
  std::string client_name = "quiver-cpp/0.1";
  std::chrono::milliseconds timeout{30'000};   // for connecting and for each reply
  uint32_t fetch_size = 1000;                  // records asked for per Pull
  std::chrono::milliseconds query_timeout{0};  // per statement; 0: the server's setting
};

class WireConnection;  // internal

// An explicit transaction on a Client: statements run through it until commit() or rollback().
// Movable, not copyable; destroying an open one rolls it back. Must not outlive its Client.
class Transaction {
 public:
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) noexcept;
  ~Transaction();

  // Runs one statement in the transaction and returns all its records. Throws quiver::Error:
  // what the server reports (a failed statement in a write transaction rolls it back there),
  // TransactionError/TransactionClosed after the transaction ended.
  Result run(std::string_view query, const Map& params = {});

  // Ends the transaction. commit() throws quiver::Error when the server refuses or the
  // connection fails; rollback() never throws. Both are no-ops once it has ended.
  void commit();
  void rollback() noexcept;

  bool open() const noexcept { return connection_ != nullptr; }

 private:
  friend class Client;
  explicit Transaction(WireConnection* connection) : connection_(connection) {}
  WireConnection* connection_;
};

// One authenticated connection to quiverd.
class Client {
 public:
  // Connects, says Hello and authenticates. Throws quiver::Error: ConnectionError (refused,
  // timeout, TLS failure, closed), SecurityError/AuthenticationFailed, ProtocolError.
  static std::unique_ptr<Client> connect(const ConnectOptions& options);

  ~Client();  // says Goodbye and closes
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs one auto-committed statement (or, while a Transaction is open, one inside it) and
  // returns all its records, pulled in batches of fetch_size. Throws quiver::Error as the
  // embedded Session::run does, plus SecurityError (Forbidden), TimeoutError, ConnectionError.
  Result run(std::string_view query, const Map& params = {});

  // Begins an explicit transaction. Throws quiver::Error (TransactionError when one is open,
  // SecurityError/Forbidden for a write transaction as a reader).
  Transaction begin_read();
  Transaction begin_write();

  // The role the server granted: "reader", "editor" or "admin".
  const std::string& role() const noexcept;

  // Rolls back any open transaction on the server. Throws quiver::Error (ConnectionError).
  void reset();

 private:
  explicit Client(std::unique_ptr<WireConnection> connection);
  Transaction begin(bool read_only);
  std::unique_ptr<WireConnection> connection_;
};

}  // namespace quiver::client
