// Where the interactive shell's statements run: an embedded database (`quiver DIR`) or a quiverd
// server through the C++ driver (`quiver --connect HOST:PORT`). The shell itself (interactive.h)
// sees only this interface, so both forms share its commands, output and transaction handling.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "quiver/client.h"
#include "quiver/database.h"

namespace quiver::shell {

// One place to run statements, with at most one explicit transaction open at a time. Not
// thread-safe: the shell calls it from one thread.
class ShellBackend {
 public:
  virtual ~ShellBackend() = default;

  // Runs QUERY with PARAMS in the open transaction, or auto-committed when none is open, and
  // returns all its records. Throws Error. A statement that fails in a write transaction ends
  // that transaction (in_transaction() turns false); one that fails in a read transaction leaves
  // it open.
  virtual Result run(const std::string& query, const Params& params) = 0;

  // The value of the Cypher expression LITERAL (which may use PARAMS), evaluated outside any
  // open transaction so that a mistake in it cannot end one. Throws Error when it does not
  // evaluate.
  virtual Value evaluate(const std::string& literal, const Params& params) = 0;

  // Starts an explicit read or write transaction. Precondition: !in_transaction(). Throws Error
  // (SecurityError/Forbidden for a write transaction by a reader on a server).
  virtual void begin(bool read_only) = 0;

  // Ends the open transaction, keeping its writes; it has ended even when this throws Error.
  // Precondition: in_transaction().
  virtual void commit() = 0;

  // Ends the open transaction, discarding its writes. No-op when none is open.
  virtual void rollback() noexcept = 0;

  // True between a successful begin() and the transaction's end.
  virtual bool in_transaction() const noexcept = 0;

  // Node and relationship counts, overall and per label and type (labels and types without any
  // are left out). Throws Error.
  virtual Statistics statistics() = 0;

  // A flag another thread or a signal handler sets to stop the statement run() is running, which
  // then fails with TransactionError/Cancelled; run() clears it before each statement. Null: no
  // cancelling. Backends that cannot stop a statement while it runs ignore it (the server's
  // statement then runs to its end). FLAG must outlive the backend.
  virtual void set_cancel_flag(std::atomic<bool>* flag) { (void)flag; }
};

// Runs statements on DB through a Session of its own. DB must outlive the backend.
std::unique_ptr<ShellBackend> make_embedded_backend(Database& db);

// Runs statements on the server CLIENT is connected to; the backend takes the connection.
// OPTIONS are those CLIENT connected with: evaluate() inside an open transaction opens a second
// connection with them on first use.
std::unique_ptr<ShellBackend> make_remote_backend(std::unique_ptr<client::Client> client,
                                                  const client::ConnectOptions& options);

}  // namespace quiver::shell
