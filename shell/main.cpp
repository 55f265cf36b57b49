// The `quiver` command: runs statements on a database directory, or dispatches to a subcommand.
#include <iostream>
#include <string>
#include <vector>

#include "shell/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    quiver::shell::print_usage(std::cerr);
    return quiver::shell::kExitUsage;
  }
  std::string command = args.front();
  args.erase(args.begin());
  if (command == "check") {
    return quiver::shell::run_check(args, std::cout, std::cerr);
  }
  if (command == "demo") {
    return quiver::shell::run_demo(args, std::cout, std::cerr);
  }
  if (command == "import") {
    return quiver::shell::run_import(args, std::cout, std::cerr);
  }
  if (command == "--connect") {
    args.insert(args.begin(), command);
    return quiver::shell::run_connect(args, std::cout, std::cerr);
  }
  if (command == "help" || command == "--help" || command == "-h") {
    quiver::shell::print_usage(std::cout);
    return quiver::shell::kExitOk;
  }
  if (!command.empty() && command[0] == '-') {
    std::cerr << "quiver: expected a directory or a command before '" << command << "'\n";
    quiver::shell::print_usage(std::cerr);
    return quiver::shell::kExitUsage;
  }
  // Anything else names a database directory (./check reaches a directory named like a command).
  args.insert(args.begin(), command);
  return quiver::shell::run_query(args, std::cout, std::cerr);
}
