// The subcommands of the `quiver` command.
#pragma once

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

// Prints the usage text to OUT.
void print_usage(std::ostream& out);

}  // namespace quiver::shell
