// quiverd's flags and config file.
#include "server/src/config.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace quiver::server {
namespace {

TEST(Config, FlagsSetEverySetting) {
  ServerConfig config =
      parse_config({"--data", "/tmp/db", "--listen", "0.0.0.0:9000", "--workers", "8",
                    "--query-timeout-ms", "50", "--no-fsync", "--password-cost", "min"});
  EXPECT_EQ(config.data_dir, "/tmp/db");
  EXPECT_EQ(config.listen_host, "0.0.0.0");
  EXPECT_EQ(config.listen_port, 9000);
  EXPECT_EQ(config.workers, 8u);
  EXPECT_EQ(config.query_timeout.count(), 50);
  EXPECT_FALSE(config.durable);
  EXPECT_EQ(config.password_cost, PasswordCost::kMinimum);
}

TEST(Config, FileIsReadFirstAndFlagsOverrideIt) {
  test_support::TempDir dir("quiverd-config");
  std::string file =
      dir.write("quiverd.conf", "# comment\ndata = /srv/db\nworkers = 3\nmax-connections = 9\n");
  ServerConfig config = parse_config({"--workers", "5", "--config", file});
  EXPECT_EQ(config.data_dir, "/srv/db");
  EXPECT_EQ(config.workers, 5u);
  EXPECT_EQ(config.max_connections, 9u);
}

TEST(Config, AFrameBoundTooSmallForAnyMessageIsRefused) {
  EXPECT_THROW(parse_config({"--data", "d", "--max-frame-bytes", "0"}), std::invalid_argument);
  EXPECT_THROW(parse_config({"--data", "d", "--max-frame-bytes", "255"}), std::invalid_argument);
  EXPECT_EQ(parse_config({"--data", "d", "--max-frame-bytes", "256"}).max_frame_size, 256u);
}

TEST(Config, ImportDirComesFromTheFlagOrTheFileAndIsEmptyByDefault) {
  EXPECT_TRUE(parse_config({"--data", "d"}).import_dir.empty());
  EXPECT_EQ(parse_config({"--data", "d", "--import-dir", "/srv/import"}).import_dir, "/srv/import");
  test_support::TempDir dir("quiverd-config");
  std::string file = dir.write("quiverd.conf", "data = d\nimport-dir = /srv/csv\n");
  EXPECT_EQ(parse_config({"--config", file}).import_dir, "/srv/csv");
}

TEST(Config, TransactionIdleTimeoutDefaultsToAMinuteAndZeroTurnsItOff) {
  EXPECT_EQ(parse_config({"--data", "d"}).transaction_idle_timeout.count(), 60'000);
  EXPECT_EQ(
      parse_config({"--data", "d", "--transaction-idle-timeout-ms", "0"}).transaction_idle_timeout,
      std::chrono::milliseconds(0));
  test_support::TempDir dir("quiverd-config");
  std::string file = dir.write("quiverd.conf", "data = d\ntransaction-idle-timeout-ms = 250\n");
  EXPECT_EQ(parse_config({"--config", file}).transaction_idle_timeout.count(), 250);
}

TEST(Config, BadInputIsRefusedWithAMessage) {
  EXPECT_THROW(parse_config({}), std::invalid_argument);
  EXPECT_THROW(parse_config({"--data", "d", "--workers", "many"}), std::invalid_argument);
  EXPECT_THROW(parse_config({"--data", "d", "--listen", "nohost"}), std::invalid_argument);
  EXPECT_THROW(parse_config({"--data", "d", "--frobnicate", "1"}), std::invalid_argument);
  EXPECT_THROW(parse_config({"--data", "d", "--tls-cert", "c"}), std::invalid_argument);
}

// The message of the std::invalid_argument that parse_config(ARGS) throws ("" when none).
std::string refusal_of(const std::vector<std::string>& args) {
  try {
    parse_config(args);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(Config, ZeroWorkersAreRefusedWithAMessage) {
  std::string message = refusal_of({"--data", "d", "--workers", "0"});
  EXPECT_NE(message.find("--workers expects at least 1"), std::string::npos) << message;
}

TEST(Config, UnknownLogLevelsAreRefused) {
  EXPECT_NE(refusal_of({"--data", "d", "--log-level", "loud"}).find("--log-level expects"),
            std::string::npos);
  EXPECT_EQ(parse_config({"--data", "d", "--log-level", "warn"}).log_level, "warn");
}

TEST(Config, FileErrorsNameTheFileAndLine) {
  test_support::TempDir dir("quiverd-config");
  std::string file = dir.write("quiverd.conf", "# comment\ndata = /srv/db\n\nworkers = many\n");
  std::string message = refusal_of({"--config", file});
  EXPECT_EQ(message.rfind(file + ":4: --workers expects a number", 0), 0u) << message;

  std::string unknown = dir.write("unknown.conf", "data = /srv/db\nfrobnicate = 1\n");
  EXPECT_EQ(refusal_of({"--config", unknown}), unknown + ":2: unknown setting 'frobnicate'");

  std::string no_equals = dir.write("no-equals.conf", "data /srv/db\n");
  EXPECT_EQ(refusal_of({"--config", no_equals}), no_equals + ":1: expected name = value");
}

}  // namespace
}  // namespace quiver::server
