// Many clients at once: mixed reads and writes, a barrage of bad frames beside good clients,
// and SIGTERM in the middle of writes.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <thread>

#include "quiver/client.h"
#include "quiver/database.h"
#include "server/raw_client.h"
#include "server/server_process.h"

namespace quiver::test_support {
namespace {

client::ConnectOptions admin_options(const ServerProcess& server) {
  client::ConnectOptions options;
  options.port = server.port();
  options.user = "admin";
  options.password = ServerProcess::kAdminPassword;
  options.timeout = std::chrono::milliseconds(20'000);
  return options;
}

int64_t count(client::Client& db, const std::string& label) {
  return db.run("MATCH (n:" + label + ") RETURN count(n) AS c")[0][0].as_int();
}

TEST(Load, SixtyFourClientsMixReadsAndWrites) {
  ServerProcess server({"--workers", "4"});
  constexpr int kClients = 64;
  constexpr int kRounds = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c]() {
      try {
        auto db = client::Client::connect(admin_options(server));
        int64_t seen = 0;
        for (int i = 0; i < kRounds; ++i) {
          if (c % 4 == 0) {
            client::Transaction tx = db->begin_write();
            tx.run("CREATE (:Item {client: $c, i: $i})", {{"c", c}, {"i", i}});
            tx.commit();
          } else if (c % 4 == 1) {
            db->run("CREATE (:Item {client: $c, i: $i})", {{"c", c}, {"i", i}});
          } else {
            // Readers see a count that never goes down: each read is one snapshot.
            int64_t now = count(*db, "Item");
            if (now < seen) {
              ++failures;
            }
            seen = now;
          }
        }
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << "client " << c << ": " << e.what();
      }
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  EXPECT_EQ(failures.load(), 0);
  auto db = client::Client::connect(admin_options(server));
  EXPECT_EQ(count(*db, "Item"), kClients / 2 * kRounds);
  EXPECT_EQ(db->run("MATCH (n:Item) RETURN count(DISTINCT n.client) AS c")[0][0],
            Value(kClients / 2));
}

TEST(Load, GoodClientsKeepWorkingThroughABarrageOfBadFrames) {
  ServerProcess server;
  std::atomic<bool> done{false};
  std::thread barrage([&]() {
    std::mt19937 random(11);
    for (int i = 0; i < 150 && !done; ++i) {
      try {
        RawClient bad(server.port());
        std::string noise(4 + random() % 200, '\0');
        for (char& c : noise) {
          c = static_cast<char>(random());
        }
        if (i % 3 == 0) {
          noise[0] = 0x7f;  // an oversized length
        }
        bad.send_bytes(noise);
      } catch (const std::exception&) {
        // A refused connection is one more bad client handled.
      }
    }
  });

  std::vector<std::thread> good;
  std::atomic<int> written{0};
  for (int c = 0; c < 4; ++c) {
    good.emplace_back([&]() {
      auto db = client::Client::connect(admin_options(server));
      for (int i = 0; i < 20; ++i) {
        db->run("CREATE (:Good)");
        ++written;
      }
    });
  }
  for (std::thread& t : good) {
    t.join();
  }
  done = true;
  barrage.join();
  auto db = client::Client::connect(admin_options(server));
  EXPECT_EQ(count(*db, "Good"), written.load());
  EXPECT_EQ(written.load(), 80);
}

TEST(Load, SigtermDuringWritesRollsBackAndLeavesAConsistentStore) {
  auto server = std::make_unique<ServerProcess>();
  std::string dir = server->data_dir();
  TempDir keep("quiverd-sigterm");

  std::atomic<bool> stop{false};
  std::atomic<int64_t> acknowledged{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&]() {
      try {
        auto db = client::Client::connect(admin_options(*server));
        for (int i = 0; i < 100000 && !stop; ++i) {
          db->run("UNWIND range(1, 10) AS x CREATE (:W {x: x})");
          acknowledged += 10;
        }
      } catch (const std::exception&) {
        // The server went away mid-run, as intended.
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // An open write transaction holds up the writers; SIGTERM must roll it back and let them end.
  auto pending = client::Client::connect(admin_options(*server));
  client::Transaction open_tx = pending->begin_write();
  open_tx.run("CREATE (:Pending)");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(server->terminate(), 0);
  stop = true;
  for (std::thread& t : writers) {
    t.join();
  }
  open_tx.rollback();
  pending.reset();

  std::string command =
      std::string(QUIVER_CLI_PATH) + " check " + dir + " > " + keep.str("check.txt") + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);

  EXPECT_GT(acknowledged.load(), 0);
  auto db = Database::open(dir);
  EXPECT_EQ(db->session().run("MATCH (n:Pending) RETURN count(n) AS c")[0][0], Value(0));
  EXPECT_GE(db->session().run("MATCH (n:W) RETURN count(n) AS c")[0][0].as_int(),
            acknowledged.load());
}

}  // namespace
}  // namespace quiver::test_support
