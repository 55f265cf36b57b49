// The subcommands of the `quiver` command.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace quiver::shell {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and found or hit a problem
inline constexpr int kExitUsage = 2;    // the command line was wrong

// `quiver check DIR`: runs the integrity check on the database in DIR, prints the counts and
// each problem to OUT (errors to ERR). Returns kExitOk when the store is consistent,
// kExitFailure on problems or when DIR cannot be opened.
int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `quiver demo DIR [--force]`: creates a small, deterministic knowledge-commerce graph in DIR.
// Refuses a non-empty DIR unless --force, and with --force replaces only a Quiver database.
int run_demo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `quiver import DIR --nodes[=Labels]=FILE ... --relationships[=TYPE]=FILE ...`: bulk import of
// typed CSV files (shell/import/import_header.h) into the database in DIR. Progress goes to
// ERR. Returns kExitOk after a complete import, kExitFailure when it stopped (nothing written
// on a bad row), kExitUsage for a wrong command line.
int run_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `quiver DIR [-c QUERY | -f FILE]... [--param NAME=VALUE]... [--format table|csv|json]
// [--timeout MS]`: opens (creating it when missing) the database in DIR and runs the statements
// in command-line order, each auto-committed: -c QUERY and -f FILE hold statements separated by
// semicolons ("-" as FILE reads standard input). Each NAME=VALUE is evaluated as the Cypher
// literal VALUE and passed as $NAME to every statement. Writes each result to OUT in the chosen
// format. Stops at the first statement that fails, writing its error (category, detail,
// message, position and the line with a caret) to ERR. --timeout stops each statement (and
// each one typed in the interactive shell) that runs longer than MS milliseconds. Returns
// kExitOk, kExitFailure on a failed statement or an unopenable DIR, or kExitUsage on a wrong
// command line.
int run_query(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `quiver --connect HOST:PORT [--user NAME] [--password-file FILE] [--tls] [--tls-ca FILE]
// [(-c QUERY | -f FILE)...] [--param NAME=VALUE]... [--format table|csv|json] [--timeout MS]`:
// runs the statements on a quiverd server, each auto-committed, and writes each result to OUT as
// run_query does (-f - reads standard input), stopping at the first failure (written to ERR with
// where the statement starts). Without -c or -f it runs the interactive shell (interactive.h)
// over the connection, as run_query does on a directory: on a terminal with line editing, else
// on the lines piped on standard input. Parameters and the timeout work as in run_query. The
// user defaults to $QUIVER_USER or "admin", the password to $QUIVER_PASSWORD. Returns kExitOk,
// kExitFailure (a failed statement or command, no connection, refused login) or kExitUsage.
int run_connect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The milliseconds TEXT spells (digits only, at most a day), or nullopt.
std::optional<std::chrono::milliseconds> parse_timeout(const std::string& text);

// Prints the usage text to OUT.
void print_usage(std::ostream& out);

}  // namespace quiver::shell
