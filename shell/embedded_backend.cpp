// The shell's statements on an embedded database: a Session and the Transaction of :begin.
#include <optional>

#include "quiver/literal.h"
#include "shell/shell_backend.h"

namespace quiver::shell {

namespace {

class EmbeddedBackend : public ShellBackend {
 public:
  explicit EmbeddedBackend(Database& db) : db_(db), session_(db.session()) {}

  Result run(const std::string& query, const Params& params) override {
    RunOptions options;
    if (cancel_ != nullptr) {
      cancel_->store(false);
      options.cancel = cancel_;
    }
    if (!in_transaction()) {
      return session_.run(query, params, options);
    }
    try {
      return tx_->run(query, params, options);
    } catch (const Error&) {
      if (!tx_->open()) {
        tx_.reset();
      }
      throw;
    }
  }

  Value evaluate(const std::string& literal, const Params& params) override {
    // A read statement of its own: it never waits for, nor touches, the open transaction.
    return session_.run(parameter_value_query(literal).value_or_throw(), params).rows().at(0)[0];
  }

  void set_cancel_flag(std::atomic<bool>* flag) override { cancel_ = flag; }

  void begin(bool read_only) override {
    tx_.emplace(read_only ? session_.begin_read() : session_.begin_write());
  }

  void commit() override {
    std::optional<Transaction> tx = std::move(tx_);
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

  Statistics statistics() override { return db_.statistics(); }

 private:
  Database& db_;
  Session session_;
  std::atomic<bool>* cancel_ = nullptr;
  std::optional<Transaction> tx_;
};

}  // namespace

std::unique_ptr<ShellBackend> make_embedded_backend(Database& db) {
  return std::make_unique<EmbeddedBackend>(db);
}

}  // namespace quiver::shell
