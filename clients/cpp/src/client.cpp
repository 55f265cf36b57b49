// The driver's public classes, thin over WireConnection.
#include "quiver/client.h"

#include "clients/cpp/src/wire_connection.h"

namespace quiver::client {

namespace {

Error transaction_closed() {
  return Error("TransactionError", "TransactionClosed", "runtime",
               "the transaction was committed or rolled back already");
}

wire::ClientMessage message_of(void (*fill)(wire::ClientMessage&)) {
  wire::ClientMessage message;
  fill(message);
  return message;
}

}  // namespace

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    rollback();
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Transaction::~Transaction() {
  rollback();
}

Result Transaction::run(std::string_view query, const Map& params) {
  if (connection_ == nullptr) {
    throw transaction_closed();
  }
  return connection_->run(query, params);
}

void Transaction::commit() {
  if (connection_ == nullptr) {
    return;
  }
  WireConnection* connection = std::exchange(connection_, nullptr);
  connection->exchange_ok(message_of([](wire::ClientMessage& m) { m.mutable_commit(); }));
}

void Transaction::rollback() noexcept {
  if (connection_ == nullptr) {
    return;
  }
  WireConnection* connection = std::exchange(connection_, nullptr);
  try {
    connection->exchange_ok(message_of([](wire::ClientMessage& m) { m.mutable_rollback(); }));
  } catch (const std::exception&) {
    // The server rolls back on its own when the connection is gone.
  }
}

Client::Client(std::unique_ptr<WireConnection> connection) : connection_(std::move(connection)) {}

Client::~Client() {
  connection_->close();
}

std::unique_ptr<Client> Client::connect(const ConnectOptions& options) {
  return std::unique_ptr<Client>(new Client(WireConnection::open(options)));
}

Result Client::run(std::string_view query, const Map& params) {
  return connection_->run(query, params);
}

Transaction Client::begin(bool read_only) {
  wire::ClientMessage message;
  message.mutable_begin()->set_read_only(read_only);
  connection_->exchange_ok(message);
  return Transaction(connection_.get());
}

Transaction Client::begin_read() {
  return begin(true);
}

Transaction Client::begin_write() {
  return begin(false);
}

const std::string& Client::role() const noexcept {
  return connection_->role();
}

void Client::reset() {
  connection_->exchange_ok(message_of([](wire::ClientMessage& m) { m.mutable_reset(); }));
}

}  // namespace quiver::client
