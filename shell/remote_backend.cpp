// The shell's statements on a quiverd server: a Client connection and the Transaction of :begin.
// :schema's counts come from Cypher, since a server offers no statistics call.
#include <optional>

#include "quiver/literal.h"
#include "shell/shell_backend.h"

namespace quiver::shell {

namespace {

// NAME as a Cypher identifier: backticks around it, a backtick inside doubled.
std::string quoted_name(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) {
    quoted += c == '`' ? "``" : std::string(1, c);
  }
  return quoted + "`";
}

class RemoteBackend : public ShellBackend {
 public:
  RemoteBackend(std::unique_ptr<client::Client> client, const client::ConnectOptions& options)
      : options_(options), client_(std::move(client)) {}

  Result run(const std::string& query, const Params& params) override {
    if (!in_transaction()) {
      return client_->run(query, params);
    }
    try {
      return tx_->run(query, params);
    } catch (const Error&) {
      forget_transaction_if_ended();
      throw;
    }
  }

  Value evaluate(const std::string& literal, const Params& params) override {
    std::string query = parameter_value_query(literal).value_or_throw();
    if (!in_transaction()) {
      return client_->run(query, params).rows().at(0)[0];
    }
    // Inside the transaction a literal that fails to parse would roll it back on the server.
    if (!side_client_) {
      side_client_ = client::Client::connect(options_);
    }
    return side_client_->run(query, params).rows().at(0)[0];
  }

  void begin(bool read_only) override {
    tx_.emplace(read_only ? client_->begin_read() : client_->begin_write());
  }

  void commit() override {
    std::optional<client::Transaction> tx = std::move(tx_);
    tx_.reset();
    tx->commit();
  }

  void rollback() noexcept override {
    if (tx_) {
      tx_->rollback();
      tx_.reset();
    }
  }

  bool in_transaction() const noexcept override { return tx_.has_value() && tx_->open(); }

  Statistics statistics() override {
    Statistics stats;
    stats.nodes = count("MATCH (n) RETURN count(n)");
    stats.relationships = count("MATCH ()-[r]->() RETURN count(r)");
    Result labels = run("CALL db.labels()", {});
    for (const Record& row : labels.rows()) {
      const std::string& label = row[0].as_string();
      if (uint64_t n = count("MATCH (n:" + quoted_name(label) + ") RETURN count(n)"); n > 0) {
        stats.nodes_per_label[label] = n;
      }
    }
    Result types = run("CALL db.relationshipTypes()", {});
    for (const Record& row : types.rows()) {
      const std::string& type = row[0].as_string();
      if (uint64_t n = count("MATCH ()-[r:" + quoted_name(type) + "]->() RETURN count(r)"); n > 0) {
        stats.relationships_per_type[type] = n;
      }
    }
    return stats;
  }

 private:
  uint64_t count(const std::string& query) {
    return static_cast<uint64_t>(run(query, {}).rows().at(0)[0].as_int());
  }

  // A failed statement ends a write transaction on the server, except for refusals made before
  // it ran (a user command inside a transaction); the server may also have rolled back a
  // transaction left idle too long, read or write. A probe tells whether it still runs.
  void forget_transaction_if_ended() {
    if (!tx_) {
      return;
    }
    try {
      tx_->run("RETURN 1", {});
    } catch (const Error&) {
      tx_->rollback();
      tx_.reset();
    }
  }

  client::ConnectOptions options_;
  std::unique_ptr<client::Client> client_;
  std::unique_ptr<client::Client> side_client_;  // for evaluate() while a transaction is open
  std::optional<client::Transaction> tx_;        // ends before client_, which it points into
};

}  // namespace

std::unique_ptr<ShellBackend> make_remote_backend(std::unique_ptr<client::Client> client,
                                                  const client::ConnectOptions& options) {
  return std::make_unique<RemoteBackend>(std::move(client), options);
}

}  // namespace quiver::shell
