// The C++ driver end to end: values, parameters, transactions, errors, users and roles.
#include <gtest/gtest.h>
#include <stdio.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "quiver/client.h"
#include "quiver/database.h"
#include "server/server_process.h"

namespace quiver::test_support {
namespace {

using client::Client;
using client::ConnectOptions;

std::unique_ptr<Client> connect_as(const ServerProcess& server, const std::string& user,
                                   const std::string& password) {
  ConnectOptions options;
  options.port = server.port();
  options.user = user;
  options.password = password;
  options.fetch_size = 3;
  return Client::connect(options);
}

std::unique_ptr<Client> connect_admin(const ServerProcess& server) {
  return connect_as(server, "admin", ServerProcess::kAdminPassword);
}

template <typename F>
Error error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return Error("none", "none", "", "no error was thrown");
}

TEST(CppDriver, RunsWithParametersAndReturnsTypedValues) {
  ServerProcess server;
  auto db = connect_admin(server);
  Result created = db->run(
      "CREATE (a:Person {name: $name, age: $age})-[r:KNOWS {since: 2001}]->(b:Person {name: 'B'})",
      {{"name", "Ada"}, {"age", 36}});
  EXPECT_EQ(created.summary().counters.nodes_created, 2);
  EXPECT_EQ(created.summary().counters.relationships_created, 1);

  Result rows = db->run(
      "MATCH p = (a:Person {name: 'Ada'})-[r:KNOWS]->(b) "
      "RETURN a, r, p, [1, 2.5, 'x', null, true] AS list, {k: $v} AS map",
      {{"v", List{1, 2}}});
  ASSERT_EQ(rows.size(), 1u);
  const Record& row = rows[0];
  ASSERT_TRUE(row.get("a").is_node());
  EXPECT_EQ(row.get("a").as_node().labels, std::vector<std::string>{"Person"});
  EXPECT_EQ(row.get("a").as_node().properties.at("age"), Value(36));
  ASSERT_TRUE(row.get("r").is_relationship());
  EXPECT_EQ(row.get("r").as_relationship().type, "KNOWS");
  EXPECT_EQ(row.get("r").as_relationship().start, row.get("a").as_node().id);
  ASSERT_TRUE(row.get("p").is_path());
  EXPECT_EQ(row.get("p").as_path().nodes.size(), 2u);
  EXPECT_EQ(row.get("list"), Value(List{1, 2.5, "x", nullptr, true}));
  EXPECT_EQ(row.get("map"), Value(Map{{"k", List{1, 2}}}));
}

// Temporal constructors covering every temporal kind, dates and instants before 1970,
// nanoseconds, offsets either side of UTC, a named zone and negative durations.
const char* const kTemporalExpressions[] = {
    "date('2020-01-01')",
    "date('1066-10-14')",
    "localtime('23:59:59.999999999')",
    "time('12:31:14.645+01:00')",
    "localdatetime('1969-12-31T23:59:59.000000001')",
    "datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]')",
    "datetime('1969-12-31T18:59:59.999999999-05:00')",
    "duration('P1Y2M3DT4H')",
    "duration('-P1Y2M3DT4.5S')",
};

TEST(CppDriver, TemporalResultsArriveTypedAndEqualToTheEmbeddedOnes) {
  ServerProcess server;
  auto remote = connect_admin(server);
  auto embedded = Database::open(server.scratch().path() / "embedded");
  for (const char* expression : kTemporalExpressions) {
    std::string query = std::string("RETURN ") + expression + " AS v";
    Value local = embedded->session().run(query)[0][0];
    Value received = remote->run(query)[0][0];
    EXPECT_TRUE(received.is_temporal()) << expression << " arrived as " << received.to_string();
    EXPECT_EQ(received, local) << expression;
  }

  Result pinned = remote->run(
      "RETURN date('1066-10-14') AS d, "
      "datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]') AS t");
  EXPECT_EQ(pinned[0][0], Value(Date{-329'893}));
  EXPECT_EQ(pinned[0][1], Value(DateTime{1'437'507'632, 142'000'000, 7'200, "Europe/Stockholm"}));
}

TEST(CppDriver, TemporalParametersComeBackUnchanged) {
  ServerProcess server;
  auto db = connect_admin(server);
  const Value values[] = {
      Date{-329'893},
      LocalTime{86'399'999'999'999},
      Time{45'074'645'000'001, -64'800},
      LocalDateTime{-1, 86'399'000'000'001},
      DateTime{1'437'507'632, 142'000'000, 7'200, "Europe/Stockholm"},
      DateTime{-1, 999'999'999, -18'000, ""},
      Duration{-14, -3, -5, 500'000'000},
  };
  for (const Value& value : values) {
    EXPECT_EQ(db->run("RETURN $v AS v", {{"v", value}})[0][0], value) << value.to_string();
  }
  EXPECT_EQ(db->run("RETURN $v = date('1066-10-14') AS same", {{"v", Date{-329'893}}})[0][0],
            Value(true));
}

TEST(CppDriver, ATemporalParameterMatchesStoredPropertiesAsItDoesEmbedded) {
  ServerProcess server;
  auto remote = connect_admin(server);
  auto embedded = Database::open(server.scratch().path() / "embedded");
  const std::string create = "CREATE (:Ev {at: date('2020-01-01')})";
  const std::string match = "MATCH (e:Ev) WHERE e.at = $x RETURN count(e) AS n";
  embedded->session().run(create);
  remote->run(create);

  const Map by_value = {{"x", Date{18'262}}};
  EXPECT_EQ(embedded->session().run(match, by_value)[0][0], Value(1));
  EXPECT_EQ(remote->run(match, by_value)[0][0], Value(1));
  const Map read_back = {{"x", remote->run("MATCH (e:Ev) RETURN e.at AS at")[0][0]}};
  EXPECT_EQ(remote->run(match, read_back)[0][0], Value(1));
}

TEST(CppDriver, ATemporalParameterOutOfRangeEndsTheConnectionAsAnInvalidValue) {
  ServerProcess server;
  auto db = connect_admin(server);
  Error error = error_of([&] { db->run("RETURN $v", {{"v", LocalTime{-1}}}); });
  EXPECT_EQ(error.category(), "ProtocolError") << error.what();
  EXPECT_EQ(error.detail(), "InvalidValue") << error.what();
}

TEST(CppDriver, ManyRecordsArriveAcrossBatches) {
  ServerProcess server({"--batch-size", "7"});
  auto db = connect_admin(server);
  Result rows = db->run("UNWIND range(1, 100) AS x RETURN x");
  ASSERT_EQ(rows.size(), 100u);
  EXPECT_EQ(rows[99][0], Value(100));
  EXPECT_FALSE(db->run("EXPLAIN MATCH (n) RETURN n").summary().plan.empty());
  Summary profiled = db->run("PROFILE UNWIND [1, 2] AS x RETURN x").summary();
  ASSERT_FALSE(profiled.profile.empty());
  EXPECT_EQ(profiled.profile.front().depth, 0);
}

TEST(CppDriver, TransactionsCommitRollBackAndRollBackWhenDropped) {
  ServerProcess server;
  auto db = connect_admin(server);
  {
    client::Transaction tx = db->begin_write();
    tx.run("CREATE (:T {v: 1})");
    EXPECT_EQ(tx.run("MATCH (t:T) RETURN count(t) AS c")[0][0], Value(1));
    tx.commit();
    EXPECT_FALSE(tx.open());
  }
  {
    client::Transaction tx = db->begin_write();
    tx.run("CREATE (:T {v: 2})");
    tx.rollback();
  }
  {
    client::Transaction tx = db->begin_write();
    tx.run("CREATE (:T {v: 3})");
  }
  EXPECT_EQ(db->run("MATCH (t:T) RETURN count(t) AS c")[0][0], Value(1));

  client::Transaction read = db->begin_read();
  EXPECT_EQ(error_of([&] { read.run("CREATE (:T)"); }).category(), "TransactionError");
  read.rollback();
}

TEST(CppDriver, AFailedStatementEndsItsTransaction) {
  ServerProcess server;
  auto db = connect_admin(server);
  client::Transaction tx = db->begin_write();
  tx.run("CREATE (:T)");
  EXPECT_EQ(error_of([&] { tx.run("RETURN 1 / 0"); }).category(), "ArithmeticError");
  Error commit = error_of([&] { tx.commit(); });
  EXPECT_EQ(commit.detail(), "TransactionClosed");
  EXPECT_EQ(db->run("MATCH (t:T) RETURN count(t) AS c")[0][0], Value(0));
}

TEST(CppDriver, ErrorsArriveAsQuiverErrorWithTheirPosition) {
  ServerProcess server;
  auto db = connect_admin(server);
  Error syntax = error_of([&] { db->run("MATCH (n)\nRETURN m"); });
  EXPECT_EQ(syntax.category(), "SyntaxError");
  EXPECT_EQ(syntax.detail(), "UndefinedVariable");
  EXPECT_EQ(syntax.line(), 2u);
  EXPECT_NE(std::string(syntax.what()).find("RETURN m"), std::string::npos);
  EXPECT_EQ(error_of([&] { db->run("RETURN $missing"); }).category(), "ParameterMissing");
  EXPECT_EQ(db->run("RETURN 1 AS one")[0][0], Value(1));
}

TEST(CppDriver, WrongPasswordIsASecurityError) {
  ServerProcess server;
  Error e = error_of([&] { connect_as(server, "admin", "wrong"); });
  EXPECT_EQ(e.category(), "SecurityError");
  EXPECT_EQ(e.detail(), "AuthenticationFailed");
}

TEST(CppDriver, AdminManagesUsersAndRoles) {
  ServerProcess server;
  auto admin = connect_admin(server);
  admin->run("CREATE USER alice SET PASSWORD 'a-pass' ROLE editor");
  admin->run("CREATE USER bob SET PASSWORD $pw", {{"pw", "b-pass"}});
  Result users = admin->run("SHOW USERS");
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[1].get("user"), Value("alice"));
  EXPECT_EQ(users[1].get("role"), Value("editor"));
  EXPECT_EQ(users[2].get("role"), Value("reader"));

  EXPECT_EQ(connect_as(server, "alice", "a-pass")->role(), "editor");
  admin->run("ALTER USER alice SET PASSWORD 'new-pass'");
  EXPECT_EQ(error_of([&] { connect_as(server, "alice", "a-pass"); }).category(), "SecurityError");
  admin->run("GRANT ROLE admin TO bob");
  EXPECT_EQ(connect_as(server, "bob", "b-pass")->role(), "admin");
  admin->run("DROP USER bob");
  EXPECT_EQ(error_of([&] { connect_as(server, "bob", "b-pass"); }).detail(),
            "AuthenticationFailed");

  EXPECT_EQ(error_of([&] { admin->run("DROP USER admin"); }).category(), "ArgumentError");
  EXPECT_EQ(error_of([&] { admin->run("CREATE USER x SET PASSWORD"); }).category(), "SyntaxError");
}

TEST(CppDriver, ReadersCannotWriteAndOnlyAdminsManageUsers) {
  ServerProcess server;
  auto admin = connect_admin(server);
  admin->run("CREATE USER reader1 SET PASSWORD 'r' ROLE reader");
  admin->run("CREATE USER editor1 SET PASSWORD 'e' ROLE editor");
  admin->run("CREATE (:Seed)");

  auto reader = connect_as(server, "reader1", "r");
  EXPECT_EQ(reader->run("MATCH (n) RETURN count(n) AS c")[0][0], Value(1));
  Error write = error_of([&] { reader->run("CREATE (:Nope)"); });
  EXPECT_EQ(write.category(), "SecurityError");
  EXPECT_EQ(write.detail(), "Forbidden");
  EXPECT_EQ(error_of([&] { reader->begin_write(); }).detail(), "Forbidden");
  client::Transaction read = reader->begin_read();
  EXPECT_EQ(error_of([&] { read.run("CREATE (:Nope)"); }).detail(), "Forbidden");
  read.rollback();
  EXPECT_EQ(error_of([&] { reader->run("SHOW USERS"); }).detail(), "Forbidden");
  // Nor may a reader replace the models others are served from, or write a file.
  Error fit = error_of([&] {
    reader->run(
        "CALL rec.fit('m', {userLabel: 'Seed', itemLabels: 'Seed', "
        "interactionTypes: 'R'})");
  });
  EXPECT_EQ(fit.category(), "SecurityError");
  EXPECT_EQ(fit.detail(), "Forbidden");
  EXPECT_EQ(error_of([&] {
              reader->run(
                  "CALL rec.exportSplit({userLabel: 'Seed', itemLabels: 'Seed', "
                  "interactionTypes: 'R', path: '/tmp/quiver-reader-export.csv'})");
            }).detail(),
            "Forbidden");

  auto editor = connect_as(server, "editor1", "e");
  editor->run("CREATE (:Made)");
  EXPECT_EQ(error_of([&] { editor->run("CREATE USER z SET PASSWORD 'z'"); }).detail(), "Forbidden");
  EXPECT_EQ(admin->run("MATCH (n) RETURN count(n) AS c")[0][0], Value(2));
}

TEST(CppDriver, StatementsPastTheTimeoutRollBack) {
  ServerProcess server;
  auto db = connect_admin(server);
  ConnectOptions hurried;
  hurried.port = server.port();
  hurried.user = "admin";
  hurried.password = ServerProcess::kAdminPassword;
  hurried.query_timeout = std::chrono::milliseconds(1);
  auto slow = Client::connect(hurried);
  Error e = error_of([&] { slow->run("UNWIND range(1, 20000) AS x CREATE (:Slow {x: x})"); });
  EXPECT_EQ(e.category(), "TimeoutError");
  EXPECT_EQ(db->run("MATCH (n:Slow) RETURN count(n) AS c")[0][0], Value(0));
}

TEST(CppDriver, LoadCsvReadsNoFileWithoutAnImportDirAndSaysHowToAllowIt) {
  ServerProcess server;
  std::string file = server.scratch().write("data.csv", "x\n");
  auto db = connect_admin(server);
  Error e = error_of([&] { db->run("LOAD CSV FROM $f AS row RETURN row", {{"f", file}}); });
  EXPECT_EQ(e.category(), "ArgumentError");
  EXPECT_EQ(e.detail(), "FileAccessDenied");
  EXPECT_NE(std::string(e.what()).find("--import-dir DIR"), std::string::npos) << e.what();
}

TEST(CppDriver, LoadCsvReadsOnlyInsideTheImportDir) {
  TempDir files("quiverd-import");
  std::filesystem::create_directory(files.path() / "import");
  files.write("import/people.csv", "name\nAda\n");
  std::string secret = files.write("secret.csv", "password\nhunter2\n");
  ServerProcess server({"--import-dir", (files.path() / "import").string()});
  auto admin = connect_admin(server);
  admin->run("CREATE USER r SET PASSWORD 'r' ROLE reader");
  auto reader = connect_as(server, "r", "r");

  Result rows = reader->run("LOAD CSV WITH HEADERS FROM 'people.csv' AS row RETURN row.name");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Value("Ada"));
  for (const std::string& source :
       {secret, std::string("../secret.csv"), std::string("/etc/passwd")}) {
    Error e = error_of([&] { reader->run("LOAD CSV FROM $f AS row RETURN row", {{"f", source}}); });
    EXPECT_EQ(e.detail(), "FileAccessDenied") << source << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find("only files inside"), std::string::npos) << e.what();
  }
}

TEST(CppDriver, QuiverdRefusesAnImportDirThatIsNotADirectory) {
  TempDir dir("quiverd-import");
  std::string command = std::string(QUIVERD_PATH) + " --data " + dir.str("db") +
                        " --listen 127.0.0.1:0 --log-level off --import-dir " + dir.str("missing") +
                        " --admin-password-file " + dir.write("pw", "secret");
  EXPECT_NE(std::system(command.c_str()), 0);
}

TEST(CppDriver, AnIdleTransactionIsRolledBackAndNoLongerBlocksOtherWriters) {
  ServerProcess server({"--transaction-idle-timeout-ms", "300"});
  auto idle = connect_admin(server);
  auto other = connect_admin(server);
  client::Transaction tx = idle->begin_write();
  tx.run("CREATE (:Idle)");
  // Waits for the write lock that the idle transaction holds until the server rolls it back.
  EXPECT_EQ(other->run("CREATE (:Other)").summary().counters.nodes_created, 1);

  Error run = error_of([&] { tx.run("RETURN 1"); });
  EXPECT_EQ(run.category(), "TransactionError");
  EXPECT_EQ(run.detail(), "TransactionIdleTimeout");
  EXPECT_NE(std::string(run.what()).find("--transaction-idle-timeout-ms"), std::string::npos);
  EXPECT_EQ(error_of([&] { tx.commit(); }).detail(), "TransactionIdleTimeout");
  EXPECT_EQ(idle->run("MATCH (n:Idle) RETURN count(n) AS c")[0][0], Value(0));
  EXPECT_EQ(idle->run("MATCH (n:Other) RETURN count(n) AS c")[0][0], Value(1));

  client::Transaction again = idle->begin_write();
  again.run("CREATE (:Idle)");
  again.commit();
  EXPECT_EQ(other->run("MATCH (n:Idle) RETURN count(n) AS c")[0][0], Value(1));
}

TEST(CppDriver, ATransactionWithRequestsCloserThanTheIdleTimeoutLives) {
  ServerProcess server({"--transaction-idle-timeout-ms", "1000"});
  auto db = connect_admin(server);
  client::Transaction tx = db->begin_write();
  for (int i = 0; i < 5; ++i) {
    tx.run("CREATE (:Step)");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  tx.commit();
  EXPECT_EQ(db->run("MATCH (n:Step) RETURN count(n) AS c")[0][0], Value(5));
}

TEST(CppDriver, QuiverdRefusesToStartWithoutAnAdminPassword) {
  TempDir dir("quiverd-nopass");
  std::string command = std::string("env -u QUIVER_ADMIN_PASSWORD ") + QUIVERD_PATH + " --data " +
                        dir.str("db") + " --listen 127.0.0.1:0 --log-level off";
  int status = std::system(command.c_str());
  EXPECT_NE(status, 0);
}

TEST(ShellConnect, RunsStatementsOnAServer) {
  ServerProcess server;
  std::string password = server.scratch().write("password", ServerProcess::kAdminPassword);
  std::string output = server.scratch().str("out.csv");
  std::string command =
      std::string(QUIVER_CLI_PATH) + " --connect 127.0.0.1:" + std::to_string(server.port()) +
      " --password-file " + password +
      " -c \"CREATE (:S {v: 5}); MATCH (s:S) RETURN s.v AS v\" --format csv > " + output;
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(output);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.substr(0, 1), "v") << text;
  EXPECT_NE(text.find("\n5"), std::string::npos) << text;

  std::string refused = std::string(QUIVER_CLI_PATH) +
                        " --connect 127.0.0.1:" + std::to_string(server.port()) +
                        " -c 'RETURN 1' 2>/dev/null";
  EXPECT_NE(std::system(refused.c_str()), 0);
}

// The output of COMMAND (run by the shell), or "exit N" when it fails.
std::string output_of(const std::string& command) {
  std::string text;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    text.append(buffer, got);
  }
  int status = ::pclose(pipe);
  return status == 0 ? text : "exit " + std::to_string(status) + ": " + text;
}

// `quiver --connect` to SERVER as admin, printing CSV; arguments follow.
std::string csv_shell_on(const ServerProcess& server) {
  return std::string(QUIVER_CLI_PATH) + " --connect 127.0.0.1:" + std::to_string(server.port()) +
         " --password-file " + server.scratch().write("password", ServerProcess::kAdminPassword) +
         " --format csv";
}

TEST(ShellConnect, ReadsFilesStandardInputAndParametersLikeTheEmbeddedForm) {
  ServerProcess server;
  std::string base = csv_shell_on(server);
  std::string script = server.scratch().write("script.cypher",
                                              "CREATE (:F {v: 1});\n"
                                              "MATCH (f:F) RETURN f.v AS v;\n");
  EXPECT_EQ(output_of(base + " -f " + script), "v\r\n1\r\n");  // CREATE prints nothing
  EXPECT_EQ(output_of("echo 'MATCH (f:F) RETURN count(f) AS c' | " + base + " -f -"), "c\r\n1\r\n");
  EXPECT_EQ(output_of("echo 'RETURN 2 AS two' | " + base), "two\r\n2\r\n");
  EXPECT_EQ(output_of(base + " --param 'xs=[1, 2]' -c 'RETURN size($xs) AS n'"), "n\r\n2\r\n");

  std::string bad = server.scratch().write("bad.cypher", "RETURN 1;\n\nRETURN nope;\n");
  std::string failed = output_of(base + " -f " + bad + " 2>&1");
  EXPECT_EQ(failed.rfind("exit ", 0), 0u) << failed;
  EXPECT_NE(failed.find("starting at line 3 of " + bad), std::string::npos) << failed;
}

TEST(ShellConnect, ADateParameterMatchesStoredDatesAsInTheEmbeddedForm) {
  ServerProcess server;
  const std::string create = " -c \"CREATE (:Ev {at: date('2020-01-01')})\"";
  const std::string match =
      " --param 'x=date(\"2020-01-01\")' -c 'MATCH (e:Ev) WHERE e.at = $x RETURN count(e) AS n'";
  const std::string remote = csv_shell_on(server);
  const std::string embedded =
      std::string(QUIVER_CLI_PATH) + " " + server.scratch().str("embedded") + " --format csv";
  for (const std::string& base : {embedded, remote}) {
    std::string created = output_of(base + create + " 2>&1");
    EXPECT_NE(created.rfind("exit ", 0), 0u) << created;
    EXPECT_EQ(output_of(base + match), "n\r\n1\r\n") << base;
  }
}

}  // namespace
}  // namespace quiver::test_support
