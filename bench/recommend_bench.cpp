// The rec.* procedures end to end through the embedded API on a generated behaviour graph: fit
// time of each model family, and the latency of one user's top-10 (with explanations) on a kept
// model, p50 and p99 over many users. A plain program, not a benchmark loop.
//
// Usage: quiver_recommend_bench [SCALE] [DIR]
//   SCALE 1 is about MovieLens latest-small (610 users, 9,742 items, 100,000 interactions);
//   SCALE 10 has ten times the users and interactions over the same items. DIR (default a fresh
//   folder under /tmp) holds the database.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "quiver/quiver.h"

namespace {

using Clock = std::chrono::steady_clock;

double millis(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// Users, items with 1-3 of 20 topics, and interactions drawn with a popularity skew (item rank r
// drawn with weight 1 / (r + 10)), ratings 1-5.
void generate(quiver::Database& db, int scale) {
  const std::int64_t users = 610 * scale;
  const std::int64_t items = 9742;
  const std::int64_t interactions = 100000 * scale;
  quiver::Session session = db.session();
  session.run("UNWIND range(0, 19) AS t CREATE (:Topic {tid: t})");
  session.run("UNWIND range(0, $n - 1) AS i CREATE (:Item {iid: i})", {{"n", items}});
  session.run("UNWIND range(0, $n - 1) AS u CREATE (:User {uid: u})", {{"n", users}});
  session.run("CREATE INDEX FOR (i:Item) ON (i.iid)");
  session.run("CREATE INDEX FOR (u:User) ON (u.uid)");
  session.run("CREATE INDEX FOR (t:Topic) ON (t.tid)");
  session.run(
      "MATCH (i:Item) UNWIND range(0, i.iid % 3) AS n MATCH (t:Topic {tid: (i.iid * 7 + n * 3) % "
      "20}) CREATE (i)-[:ABOUT]->(t)");

  std::mt19937_64 rng(7);
  std::vector<double> weights(items);
  for (std::int64_t r = 0; r < items; ++r) {
    weights[r] = 1.0 / static_cast<double>(r + 10);
  }
  std::discrete_distribution<std::int64_t> pick_item(weights.begin(), weights.end());
  std::uniform_int_distribution<std::int64_t> pick_user(0, users - 1);
  std::uniform_int_distribution<std::int64_t> pick_rating(1, 5);
  const std::int64_t batch = 50000;
  for (std::int64_t done = 0; done < interactions; done += batch) {
    quiver::List rows;
    for (std::int64_t k = 0; k < batch && done + k < interactions; ++k) {
      rows.push_back(
          quiver::Value(quiver::List{quiver::Value(pick_user(rng)), quiver::Value(pick_item(rng)),
                                     quiver::Value(pick_rating(rng))}));
    }
    session.run(
        "UNWIND $rows AS row MATCH (u:User {uid: row[0]}), (i:Item {iid: row[1]}) "
        "CREATE (u)-[:RATED {rating: row[2]}]->(i)",
        {{"rows", quiver::Value(std::move(rows))}});
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int scale = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
  std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2])
                                       : std::filesystem::temp_directory_path() /
                                             ("quiver-recommend-bench-" + std::to_string(scale));
  std::filesystem::remove_all(dir);
  quiver::Options options;
  options.durable = false;
  auto db = quiver::Database::open(dir, options);

  Clock::time_point start = Clock::now();
  generate(*db, scale);
  std::printf("generated scale %d in %.1f s\n", scale, millis(start) / 1000.0);

  const std::string behaviour =
      "userLabel: 'User', itemLabels: 'Item', interactionTypes: 'RATED', weightProperty: "
      "'rating', minWeight: 4, binary: true, topicLabels: 'Topic', topicTypes: 'ABOUT'";
  const std::vector<std::pair<std::string, std::string>> models = {
      {"popularity", "model: 'popularity'"},
      {"item_knn", "model: 'itemKnn', neighbours: 200, shrink: 20"},
      {"rp3beta", "model: 'rp3beta', alpha: 0.6, beta: 0.4, topicWeight: 0.1"},
      {"ease", "model: 'ease', lambda: 400, minItemSupport: 3"},
      {"ials", "model: 'ials', factors: 64, regularization: 40"},
      {"embedding", "model: 'embedding'"},
  };

  quiver::Session session = db->session();
  quiver::Result users = session.run("MATCH (u:User) RETURN id(u) AS id ORDER BY id LIMIT 500");
  std::printf("%-12s %10s %10s %10s %8s\n", "model", "fit s", "p50 ms", "p99 ms", "users");
  for (const auto& [name, keys] : models) {
    start = Clock::now();
    session.run("CALL rec.fit($name, {" + behaviour + ", " + keys + "})", {{"name", name}});
    const double fit = millis(start) / 1000.0;

    std::vector<double> latencies;
    for (const quiver::Record& user : users) {
      Clock::time_point one = Clock::now();
      session.run(
          "CALL rec.recommend($name, $user, {k: 10, explain: 3}) YIELD item RETURN count(*)",
          {{"name", name}, {"user", user.get("id")}});
      latencies.push_back(millis(one));
    }
    std::sort(latencies.begin(), latencies.end());
    const double p50 = latencies[latencies.size() / 2];
    const double p99 = latencies[latencies.size() * 99 / 100];
    std::printf("%-12s %10.2f %10.3f %10.3f %8zu\n", name.c_str(), fit, p50, p99, latencies.size());
  }
  db.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
