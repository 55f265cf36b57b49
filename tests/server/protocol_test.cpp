// The wire protocol at the frame level: every message, the message order, and bad frames.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "server/raw_client.h"
#include "server/server_process.h"
#include "server/wire/framing.h"

namespace quiver::test_support {
namespace {

constexpr const char* kAdmin = "admin";

wire::ClientMessage message_with(void (*fill)(wire::ClientMessage&)) {
  wire::ClientMessage m;
  fill(m);
  return m;
}

void expect_fatal(RawClient& client, const std::string& detail) {
  std::optional<wire::ServerMessage> reply = client.receive();
  ASSERT_TRUE(reply.has_value());
  ASSERT_TRUE(reply->has_error()) << reply->DebugString();
  EXPECT_EQ(reply->error().detail(), detail);
  EXPECT_TRUE(reply->error().fatal());
  EXPECT_TRUE(client.closed_by_server());
}

int64_t count_nodes(RawClient& client) {
  std::vector<wire::ServerMessage> replies = client.run("MATCH (n) RETURN count(n) AS c");
  if (replies.size() < 2 || !replies[1].has_batch()) {
    return -1;
  }
  return replies[1].batch().records(0).values(0).int_value();
}

TEST(Protocol, HelloAuthenticateRunPullInBatchesEndsWithSummary) {
  ServerProcess server;
  RawClient client(server.port());
  std::optional<wire::ServerMessage> ok = client.login(kAdmin, ServerProcess::kAdminPassword);
  ASSERT_TRUE(ok && ok->has_ok());
  EXPECT_EQ(ok->ok().role(), "admin");

  std::vector<wire::ServerMessage> replies = client.run("UNWIND range(1, 5) AS x RETURN x");
  ASSERT_EQ(replies.size(), 5u);  // header, three batches of at most 2, summary
  ASSERT_TRUE(replies[0].has_header());
  EXPECT_EQ(replies[0].header().columns(0), "x");
  EXPECT_TRUE(replies[1].batch().has_more());
  EXPECT_EQ(replies[1].batch().records_size(), 2);
  EXPECT_FALSE(replies[3].batch().has_more());
  EXPECT_EQ(replies[3].batch().records(0).values(0).int_value(), 5);
  ASSERT_TRUE(replies[4].has_summary());
  EXPECT_GT(replies[4].summary().server_us(), 0);
}

TEST(Protocol, DiscardEndsAResultWithItsSummary) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  wire::ClientMessage run;
  run.mutable_run()->set_query("CREATE (:A) RETURN 1 AS one");
  client.send(run);
  ASSERT_TRUE(client.receive()->has_header());
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_discard(); }));
  std::optional<wire::ServerMessage> summary = client.receive();
  ASSERT_TRUE(summary && summary->has_summary());
  EXPECT_EQ(summary->summary().counters().nodes_created(), 1);
  EXPECT_EQ(count_nodes(client), 1);
}

TEST(Protocol, BeginRollbackCommitResetAndGoodbye) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());

  client.send(message_with([](wire::ClientMessage& m) { m.mutable_begin(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  EXPECT_EQ(client.run("CREATE (:A)").size(), 3u);
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_rollback(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  EXPECT_EQ(count_nodes(client), 0);

  client.send(message_with([](wire::ClientMessage& m) { m.mutable_begin(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  client.run("CREATE (:A)");
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_commit(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  EXPECT_EQ(count_nodes(client), 1);

  client.send(message_with([](wire::ClientMessage& m) { m.mutable_begin(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  client.run("CREATE (:A)");
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_reset(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  EXPECT_EQ(count_nodes(client), 1);

  client.send(message_with([](wire::ClientMessage& m) { m.mutable_commit(); }));
  std::optional<wire::ServerMessage> no_tx = client.receive();
  ASSERT_TRUE(no_tx && no_tx->has_error());
  EXPECT_EQ(no_tx->error().detail(), "NoTransaction");
  EXPECT_FALSE(no_tx->error().fatal());

  client.send(message_with([](wire::ClientMessage& m) { m.mutable_goodbye(); }));
  EXPECT_TRUE(client.closed_by_server());
}

// Over the thousand nodes of kThousandNodes, a billion rows: no test waits for them.
constexpr const char* kThousandNodes = "UNWIND range(1, 1000) AS i CREATE (:P {i: i})";
constexpr const char* kEndlessCount =
    "MATCH (a:P), (b:P), (c:P) WHERE a.i <= b.i RETURN count(*) AS c";

int64_t millis_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

TEST(Protocol, RunPastItsTimeoutIsStoppedAndTheConnectionGoesOn) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  client.run(kThousandNodes);
  wire::ClientMessage run;
  run.mutable_run()->set_query(kEndlessCount);
  run.mutable_run()->set_timeout_ms(200);
  auto start = std::chrono::steady_clock::now();
  client.send(run);
  std::optional<wire::ServerMessage> reply = client.receive();
  int64_t took = millis_since(start);
  ASSERT_TRUE(reply && reply->has_error());
  EXPECT_EQ(reply->error().category(), "TimeoutError");
  EXPECT_EQ(reply->error().detail(), "QueryTimeout");
  EXPECT_FALSE(reply->error().fatal());
  EXPECT_GE(took, 200);
  EXPECT_LT(took, 3000);
  EXPECT_EQ(count_nodes(client), 1000);
}

TEST(Protocol, ResetDuringARunStopsTheStatementAndRollsBackTheTransaction) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  client.run(kThousandNodes);
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_begin(); }));
  ASSERT_TRUE(client.receive()->has_ok());
  client.run("CREATE (:A)");

  wire::ClientMessage run;
  run.mutable_run()->set_query(kEndlessCount);
  auto start = std::chrono::steady_clock::now();
  client.send(run);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  client.send(message_with([](wire::ClientMessage& m) { m.mutable_reset(); }));
  std::optional<wire::ServerMessage> stopped = client.receive();
  int64_t took = millis_since(start);
  ASSERT_TRUE(stopped && stopped->has_error());
  EXPECT_EQ(stopped->error().category(), "TransactionError");
  EXPECT_EQ(stopped->error().detail(), "Cancelled");
  EXPECT_FALSE(stopped->error().fatal());
  EXPECT_LT(took, 3000);
  std::optional<wire::ServerMessage> reset = client.receive();
  ASSERT_TRUE(reset && reset->has_ok()) << (reset ? reset->DebugString() : "nothing");

  EXPECT_EQ(count_nodes(client), 1000);
  std::vector<wire::ServerMessage> again = client.run("RETURN 7 AS seven");
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again[1].batch().records(0).values(0).int_value(), 7);
}

TEST(Protocol, StatementErrorsCarryPositionAndKeepTheConnection) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  std::vector<wire::ServerMessage> replies = client.run("MATCH (n RETURN n");
  ASSERT_EQ(replies.size(), 1u);
  ASSERT_TRUE(replies[0].has_error());
  EXPECT_EQ(replies[0].error().category(), "SyntaxError");
  EXPECT_EQ(replies[0].error().line(), 1u);
  EXPECT_GT(replies[0].error().column(), 0u);
  EXPECT_FALSE(replies[0].error().fatal());
  EXPECT_EQ(count_nodes(client), 0);
}

TEST(Protocol, RunBeforeAuthenticationClosesTheConnection) {
  ServerProcess server;
  RawClient client(server.port());
  wire::ClientMessage hello;
  hello.mutable_hello()->set_protocol_version(wire::kProtocolVersion);
  client.send(hello);
  ASSERT_TRUE(client.receive()->has_welcome());
  wire::ClientMessage run;
  run.mutable_run()->set_query("RETURN 1");
  client.send(run);
  expect_fatal(client, "Unauthenticated");
}

TEST(Protocol, WrongPasswordAndUnknownUserCloseTheConnection) {
  ServerProcess server;
  RawClient wrong(server.port());
  std::optional<wire::ServerMessage> reply = wrong.login(kAdmin, "not-the-password");
  ASSERT_TRUE(reply && reply->has_error());
  EXPECT_EQ(reply->error().category(), "SecurityError");
  EXPECT_EQ(reply->error().detail(), "AuthenticationFailed");
  EXPECT_TRUE(wrong.closed_by_server());

  RawClient unknown(server.port());
  reply = unknown.login("nobody", ServerProcess::kAdminPassword);
  ASSERT_TRUE(reply && reply->has_error());
  EXPECT_EQ(reply->error().detail(), "AuthenticationFailed");
}

TEST(Protocol, AnotherProtocolVersionIsRefused) {
  ServerProcess server;
  // Version 1, which sent temporal values as text, and a version that does not exist.
  for (uint32_t version : {1u, 99u}) {
    RawClient client(server.port());
    wire::ClientMessage hello;
    hello.mutable_hello()->set_protocol_version(version);
    client.send(hello);
    expect_fatal(client, "UnsupportedVersion");
  }
}

TEST(Protocol, TemporalResultsCarryTheirOwnKinds) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  std::vector<wire::ServerMessage> replies =
      client.run("RETURN date('1969-12-31') AS d, duration('PT-1.5S') AS p");
  ASSERT_GE(replies.size(), 2u);
  ASSERT_TRUE(replies[1].has_batch()) << replies[1].DebugString();
  const wire::Record& record = replies[1].batch().records(0);
  ASSERT_TRUE(record.values(0).has_date_value()) << record.DebugString();
  EXPECT_EQ(record.values(0).date_value().epoch_day(), -1);
  ASSERT_TRUE(record.values(1).has_duration_value()) << record.DebugString();
  EXPECT_EQ(record.values(1).duration_value().seconds(), -2);
  EXPECT_EQ(record.values(1).duration_value().nanos(), 500'000'000);
}

TEST(Protocol, ATemporalParameterOutOfRangeIsAFatalInvalidValue) {
  ServerProcess server;
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  wire::ClientMessage run;
  run.mutable_run()->set_query("RETURN $t AS t");
  wire::MapEntry* param = run.mutable_run()->mutable_params()->add_entries();
  param->set_key("t");
  param->mutable_value()->mutable_time_value()->set_offset_seconds(18 * 3600 + 1);
  client.send(run);
  expect_fatal(client, "InvalidValue");
}

TEST(Protocol, OversizedFrameIsRefused) {
  ServerProcess server({"--max-frame-bytes", "1024"});
  RawClient client(server.port());
  client.send_bytes(std::string("\x00\x10\x00\x00", 4));
  expect_fatal(client, "FrameTooLarge");
}

TEST(Protocol, TruncatedFrameIsReported) {
  ServerProcess server;
  RawClient client(server.port());
  client.send_bytes(std::string("\x00\x00\x00\x64", 4) + "0123456789");
  // The server sees the end of the stream inside the frame and still answers.
  client.shutdown_write();
  std::optional<wire::ServerMessage> reply = client.receive();
  ASSERT_TRUE(reply && reply->has_error());
  EXPECT_EQ(reply->error().detail(), "TruncatedFrame");
}

TEST(Protocol, EmptyAndUnknownMessagesAreRefused) {
  ServerProcess server;
  RawClient empty(server.port());
  empty.send_bytes(std::string("\x00\x00\x00\x00", 4));
  expect_fatal(empty, "UnknownMessage");

  RawClient unknown(server.port());
  // Field 99, varint 1: a well-formed message of a kind this version lacks.
  unknown.send_bytes(std::string("\x00\x00\x00\x03\x98\x06\x01", 7));
  expect_fatal(unknown, "UnknownMessage");
}

TEST(Protocol, MessagesOutOfOrderAreRefused) {
  ServerProcess server;
  RawClient pull(server.port());
  ASSERT_TRUE(pull.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  pull.send(message_with([](wire::ClientMessage& m) { m.mutable_pull()->set_n(1); }));
  expect_fatal(pull, "UnexpectedMessage");

  RawClient twice(server.port());
  ASSERT_TRUE(twice.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  wire::ClientMessage hello;
  hello.mutable_hello()->set_protocol_version(wire::kProtocolVersion);
  twice.send(hello);
  expect_fatal(twice, "UnexpectedMessage");
}

TEST(Protocol, RandomBytesCloseOnlyTheirConnection) {
  ServerProcess server;
  RawClient good(server.port());
  ASSERT_TRUE(good.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  std::mt19937 random(7);
  for (int i = 0; i < 20; ++i) {
    RawClient bad(server.port());
    std::string noise(1 + random() % 64, '\0');
    for (char& c : noise) {
      c = static_cast<char>(random());
    }
    noise[0] = 0;  // keeps the announced length within the frame limit
    bad.send_bytes(noise);
  }
  EXPECT_EQ(count_nodes(good), 0);
}

TEST(Protocol, IdleConnectionsAreClosed) {
  ServerProcess server({"--idle-timeout-ms", "200"});
  RawClient client(server.port());
  ASSERT_TRUE(client.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_TRUE(client.closed_by_server());
}

TEST(Protocol, ConnectionsPastTheLimitAreRefused) {
  ServerProcess server({"--max-connections", "2"});
  RawClient first(server.port());
  RawClient second(server.port());
  ASSERT_TRUE(first.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  ASSERT_TRUE(second.login(kAdmin, ServerProcess::kAdminPassword)->has_ok());
  RawClient third(server.port());
  expect_fatal(third, "TooManyConnections");
}

}  // namespace
}  // namespace quiver::test_support
