// quiverd against the embedded API on the same statements: the round trip of a trivial query,
// and throughput with 1, 8 and 64 clients (threads, each with its own connection or Session).
// Prints one line per measurement with the server/embedded ratio.
//
//   quiver_server_bench [seconds-per-measurement]
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "quiver/client.h"
#include "quiver/database.h"
#include "server/src/server.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kPassword = "bench-password";
constexpr int kItems = 1000;

std::filesystem::path make_temp_dir(const char* prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / prefix).string() + "-XXXXXX";
  return ::mkdtemp(pattern.data());
}

void seed(const std::function<void(const std::string&)>& run) {
  run("UNWIND range(0, " + std::to_string(kItems - 1) + ") AS i CREATE (:Item {k: i, v: i * 2})");
}

// Statements per second when THREADS workers each call STEP(worker, i) for SECONDS; each worker
// first builds its own state with MAKE.
template <typename State>
double throughput(int threads, double seconds, const std::function<std::unique_ptr<State>()>& make,
                  const std::function<void(State&, int64_t)>& step) {
  std::vector<std::unique_ptr<State>> states;
  for (int t = 0; t < threads; ++t) {
    states.push_back(make());
  }
  std::atomic<int64_t> done{0};
  Clock::time_point start = Clock::now();
  Clock::time_point until =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t]() {
      int64_t i = 0;
      for (; Clock::now() < until && i < 10'000'000; ++i) {
        step(*states[t], i);
      }
      done += i;
    });
  }
  for (std::thread& w : workers) {
    w.join();
  }
  return static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - start).count();
}

struct Embedded {
  explicit Embedded(quiver::Database& db) : session(db.session()) {}
  quiver::Session session;
};

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  std::filesystem::path server_dir = make_temp_dir("quiver-sbench-server");
  std::filesystem::path embedded_dir = make_temp_dir("quiver-sbench-embedded");

  quiver::server::ServerConfig config;
  config.data_dir = server_dir;
  config.listen_port = 0;
  config.workers = 4;
  config.durable = false;
  config.password_cost = quiver::server::PasswordCost::kMinimum;
  config.log_level = "warn";
  auto server = std::make_unique<quiver::server::Server>(config, std::string(kPassword));
  std::thread server_thread([&]() { server->run(); });

  quiver::Options options;
  options.durable = false;
  auto embedded_db = quiver::Database::open(embedded_dir, options);

  quiver::client::ConnectOptions connect;
  connect.port = server->port();
  connect.user = "admin";
  connect.password = kPassword;
  auto make_client = [&]() { return quiver::client::Client::connect(connect); };
  auto make_session = [&]() { return std::make_unique<Embedded>(*embedded_db); };

  seed([&](const std::string& q) { make_client()->run(q); });
  seed([&](const std::string& q) { embedded_db->session().run(q); });

  struct Case {
    const char* name;
    const char* query;
  };
  const Case cases[] = {
      {"trivial  RETURN $i", "RETURN $i AS i"},
      {"point    MATCH k=$i", "MATCH (n:Item) WHERE n.k = $i % 1000 RETURN n.v"},
      {"write    CREATE", "CREATE (:W {i: $i})"},
  };
  std::printf("%-22s %8s %14s %14s %8s\n", "statement", "clients", "server/s", "embedded/s",
              "ratio");
  for (const Case& c : cases) {
    for (int clients : {1, 8, 64}) {
      std::string query = c.query;
      double remote = throughput<quiver::client::Client>(
          clients, seconds, make_client, [&](quiver::client::Client& db, int64_t i) {
            db.run(query, {{"i", i}});
          });
      double local =
          throughput<Embedded>(clients, seconds, make_session, [&](Embedded& e, int64_t i) {
            e.session.run(query, {{"i", i}});
          });
      std::printf("%-22s %8d %14.0f %14.0f %8.3f\n", c.name, clients, remote, local,
                  remote / local);
      if (clients == 1) {
        std::printf("%-22s %8s %11.1f us %11.1f us\n", "  round trip", "", 1e6 / remote,
                    1e6 / local);
      }
    }
  }

  server->stop();
  server_thread.join();
  server.reset();
  embedded_db.reset();
  std::filesystem::remove_all(server_dir);
  std::filesystem::remove_all(embedded_dir);
  return 0;
}
