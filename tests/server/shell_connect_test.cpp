// The interactive shell over a connection to quiverd: the shell's commands driven through the
// remote backend in process, and `quiver --connect` on piped input and on a terminal.
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "quiver/client.h"
#include "server/server_process.h"
#include "shell/commands.h"
#include "shell/interactive.h"

namespace quiver::test_support {
namespace {

using shell::kExitFailure;
using shell::kExitOk;

client::ConnectOptions options_for(const ServerProcess& server, const std::string& user,
                                   const std::string& password) {
  client::ConnectOptions options;
  options.port = server.port();
  options.user = user;
  options.password = password;
  return options;
}

struct ShellRun {
  int code = 0;
  std::string out;
  std::string err;
};

// Types INPUT into a shell connected to SERVER as USER, going on past failures.
ShellRun run_remote(const ServerProcess& server, const std::string& input,
                    const std::string& user = "admin",
                    const std::string& password = ServerProcess::kAdminPassword) {
  client::ConnectOptions options = options_for(server, user, password);
  std::unique_ptr<shell::ShellBackend> backend =
      shell::make_remote_backend(client::Client::connect(options), options);
  std::istringstream in(input);
  shell::StreamLineSource lines(in);
  std::ostringstream out, err;
  ShellRun run;
  run.code = shell::run_shell(*backend, lines, shell::ShellSettings{}, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RemoteShell, RunsStatementsParametersAndCommittedTransactions) {
  ServerProcess server;
  ShellRun run = run_remote(server,
                            ":param n => 3\n:begin\nUNWIND range(1, $n) AS i\n"
                            "  CREATE (:X {i: i});\nMATCH (x:X) RETURN count(x) AS inside;\n"
                            ":commit\n:begin\nCREATE (:X);\n:rollback\n"
                            "MATCH (x:X) RETURN count(x) AS after;\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  for (const char* expected : {"$n = 3", "write transaction open", "inside", "| 3 ", "committed",
                               "rolled back", "after"}) {
    EXPECT_TRUE(contains(run.out, expected)) << expected << "\n" << run.out;
  }
  EXPECT_FALSE(contains(run.out, "| 4 ")) << run.out;
}

TEST(RemoteShell, SchemaCountsLabelsTypesKeysAndIndexesThroughCypher) {
  ServerProcess server;
  ShellRun run = run_remote(server,
                            "CREATE (:Course {code: 'A'})-[:`COVERS ALL`]->(:`To``pic`),\n"
                            "  (:Course {code: 'B'});\nCREATE INDEX FOR (c:Course) ON (c.code);\n"
                            ":schema\n");
  EXPECT_EQ(run.code, kExitOk) << run.err;
  EXPECT_TRUE(contains(run.out, "3 nodes, 1 relationships")) << run.out;
  for (const char* expected : {"'Course'     | 2 ", "'To`pic'     | 1 ", "'COVERS ALL' | 1 ",
                               "'code'", "SHOW INDEXES", "SHOW CONSTRAINTS"}) {
    EXPECT_TRUE(contains(run.out, expected)) << expected << "\n" << run.out;
  }
}

TEST(RemoteShell, ABadParameterInsideATransactionLeavesItOpen) {
  ServerProcess server;
  ShellRun run = run_remote(server,
                            ":begin\nCREATE (:Kept);\n:param x => [1,\n:param y => 2\n"
                            ":commit\nMATCH (k:Kept) RETURN count(k) AS kept;\n");
  EXPECT_EQ(run.code, kExitFailure);  // the bad literal
  EXPECT_TRUE(contains(run.err, "not a Cypher literal")) << run.err;
  EXPECT_TRUE(contains(run.out, "$y = 2")) << run.out;
  EXPECT_TRUE(contains(run.out, "committed")) << run.out;
  EXPECT_TRUE(contains(run.out, "| 1 ")) << run.out;
}

TEST(RemoteShell, AFailedStatementEndsTheWriteTransactionAndSaysSo) {
  ServerProcess server;
  ShellRun run = run_remote(server,
                            ":begin\nCREATE (:Lost);\nRETURN 1 / 0;\n:commit\n"
                            "MATCH (l:Lost) RETURN count(l) AS lost;\n");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_TRUE(contains(run.err, "DivisionByZero")) << run.err;
  EXPECT_TRUE(contains(run.err, "the transaction was rolled back")) << run.err;
  EXPECT_TRUE(contains(run.err, "no transaction is open")) << run.err;
  EXPECT_TRUE(contains(run.out, "| 0 ")) << run.out;
}

TEST(RemoteShell, AReaderCannotBeginAWriteTransaction) {
  ServerProcess server;
  run_remote(server, "CREATE USER r1 SET PASSWORD 'r' ROLE reader;\n");
  ShellRun run = run_remote(server, ":begin\n:begin read\nRETURN 1 AS one;\n:commit\n", "r1", "r");
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_TRUE(contains(run.err, "Forbidden")) << run.err;
  EXPECT_TRUE(contains(run.out, "read transaction open")) << run.out;
  EXPECT_TRUE(contains(run.out, "committed")) << run.out;
}

// Lines typed with a pause before each line that reads "(pause)", which is not passed on.
class PausingLines : public shell::LineSource {
 public:
  explicit PausingLines(std::vector<std::string> lines) : lines_(std::move(lines)) {}
  std::optional<std::string> read_line(const std::string&) override {
    while (next_ < lines_.size() && lines_[next_] == "(pause)") {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      ++next_;
    }
    return next_ < lines_.size() ? std::optional<std::string>(lines_[next_++]) : std::nullopt;
  }

 private:
  std::vector<std::string> lines_;
  size_t next_ = 0;
};

TEST(RemoteShell, ATransactionTheServerRolledBackForIdlenessIsReportedAsEnded) {
  ServerProcess server({"--transaction-idle-timeout-ms", "200"});
  client::ConnectOptions options = options_for(server, "admin", ServerProcess::kAdminPassword);
  std::unique_ptr<shell::ShellBackend> backend =
      shell::make_remote_backend(client::Client::connect(options), options);
  PausingLines lines({":begin", "CREATE (:Slow);", "(pause)", "CREATE (:Late);", ":commit",
                      "MATCH (n) RETURN count(n) AS nodes;"});
  std::ostringstream out, err;
  int code = shell::run_shell(*backend, lines, shell::ShellSettings{}, out, err);
  EXPECT_EQ(code, kExitFailure);
  EXPECT_TRUE(contains(err.str(), "TransactionIdleTimeout")) << err.str();
  EXPECT_TRUE(contains(err.str(), "the transaction was rolled back")) << err.str();
  EXPECT_TRUE(contains(err.str(), "no transaction is open")) << err.str();
  EXPECT_TRUE(contains(out.str(), "| 0 ")) << out.str();
}

// The exit code of COMMAND run by sh, and what it wrote on standard output.
std::pair<int, std::string> run_command(const std::string& command) {
  std::string text;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    text.append(buffer, got);
  }
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

std::string connect_command(const ServerProcess& server) {
  return std::string(QUIVER_CLI_PATH) + " --connect 127.0.0.1:" + std::to_string(server.port()) +
         " --password-file " + server.scratch().write("password", ServerProcess::kAdminPassword);
}

TEST(ShellConnectInteractive, PipedCommandsRunAsAScriptThatStopsAtTheFirstFailure) {
  ServerProcess server;
  std::string script =
      server.scratch().write("session.txt",
                             ":param who => 'Ada'\n:begin\nCREATE (:P {name: $who});\n:commit\n"
                             ":format csv\nMATCH (p:P) RETURN p.name AS name;\n:schema\n");
  auto [code, out] = run_command(connect_command(server) + " < " + script + " 2>&1");
  EXPECT_EQ(code, kExitOk) << out;
  EXPECT_TRUE(contains(out, "name\r\nAda\r\n")) << out;
  EXPECT_TRUE(contains(out, "1 nodes, 0 relationships")) << out;

  std::string failing =
      server.scratch().write("failing.txt", "RETURN nope;\nCREATE (:NeverMade);\n");
  auto [failed, failed_out] = run_command(connect_command(server) + " < " + failing + " 2>&1");
  EXPECT_EQ(failed, kExitFailure) << failed_out;
  EXPECT_TRUE(contains(failed_out, "UndefinedVariable")) << failed_out;
  auto [counted, count_out] = run_command(
      connect_command(server) + " --format csv -c 'MATCH (n:NeverMade) RETURN count(n) AS c'");
  EXPECT_EQ(count_out, "c\r\n0\r\n");

  std::string open_tx = server.scratch().write("open.txt", ":begin\nCREATE (:Dropped);\n");
  auto [unfinished, unfinished_out] =
      run_command(connect_command(server) + " < " + open_tx + " 2>&1");
  EXPECT_EQ(unfinished, kExitFailure) << unfinished_out;
  EXPECT_TRUE(contains(unfinished_out, "rolled back at the end of input")) << unfinished_out;
}

TEST(ShellConnectInteractive, OnATerminalShowsTheBannerAndPrompts) {
  if (!std::filesystem::exists("/usr/bin/script")) {
    GTEST_SKIP() << "util-linux script, which gives the shell a terminal, is not installed";
  }
  ServerProcess server;
  std::string typed = server.scratch().write(
      "typed.txt", "RETURN 40 + 2 AS answer;\n:begin\nCREATE (:T);\n:commit\n:quit\n");
  // HOME points into the scratch directory so that the history file lands there.
  auto [code, out] =
      run_command("HOME=" + server.scratch().path().string() + " /usr/bin/script -qec '" +
                  connect_command(server) + "' /dev/null < " + typed);
  EXPECT_EQ(code, kExitOk) << out;
  for (const char* expected : {"Quiver shell on 127.0.0.1:", "as admin (admin)", "quiver> ",
                               "| 42 ", "quiver(tx)> ", "committed"}) {
    EXPECT_TRUE(contains(out, expected)) << expected << "\n" << out;
  }
  EXPECT_TRUE(std::filesystem::exists(server.scratch().path() / ".quiver_history"));
}

}  // namespace
}  // namespace quiver::test_support
