// Recommendation quality on MovieLens latest-small. Ratings of 4 and above are positive
// implicit interactions; a seeded 20% holdout per user is the test half; hyper-parameters are
// chosen by NDCG@10 on a second holdout carved from the train half only, then each model is
// refitted on the whole train half and scored on the test half.
//
// Usage: quiver_recommend_quality [ratings.csv] [--quick]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gpu/evaluation.h"
#include "gpu/recommend.h"

namespace {

using namespace quiver::gpu;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Positive ratings as a users x movies matrix, ids mapped densely in ascending order.
struct Data {
  SparseMatrix positives;
  std::map<std::int64_t, std::uint32_t> movie_index;
};

Data load_positives(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  std::string line;
  std::getline(in, line);
  std::vector<std::int64_t> users;
  std::vector<std::int64_t> movies;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string user, movie, rating;
    std::getline(fields, user, ',');
    std::getline(fields, movie, ',');
    std::getline(fields, rating, ',');
    if (std::stod(rating) >= 4.0) {
      users.push_back(std::stoll(user));
      movies.push_back(std::stoll(movie));
    }
  }

  std::map<std::int64_t, std::uint32_t> user_index;
  Data data;
  for (auto u : users) {
    user_index.emplace(u, 0);
  }
  for (auto m : movies) {
    data.movie_index.emplace(m, 0);
  }
  std::uint32_t next = 0;
  for (auto& [id, index] : user_index) {
    index = next++;
  }
  next = 0;
  for (auto& [id, index] : data.movie_index) {
    index = next++;
  }

  std::vector<std::uint32_t> rows;
  std::vector<std::uint32_t> cols;
  for (std::size_t r = 0; r < users.size(); ++r) {
    rows.push_back(user_index[users[r]]);
    cols.push_back(data.movie_index[movies[r]]);
  }
  data.positives =
      std::move(SparseMatrix::from_triples(user_index.size(), data.movie_index.size(), rows, cols))
          .value();
  return data;
}

// Genres of movies.csv (next to ratings.csv) as item -> topic links: the knowledge graph.
SparseMatrix load_genres(const std::string& ratings_path, const Data& data) {
  const std::string path = ratings_path.substr(0, ratings_path.rfind('/') + 1) + "movies.csv";
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::uint32_t> genre_index;
  std::vector<std::uint32_t> items;
  std::vector<std::uint32_t> genres;
  while (std::getline(in, line)) {
    const auto movie = data.movie_index.find(std::stoll(line.substr(0, line.find(','))));
    if (movie == data.movie_index.end()) {
      continue;
    }
    std::stringstream names(line.substr(line.rfind(',') + 1));
    std::string name;
    while (std::getline(names, name, '|')) {
      const auto next = static_cast<std::uint32_t>(genre_index.size());
      const auto [it, added] = genre_index.emplace(name, next);
      items.push_back(movie->second);
      genres.push_back(it->second);
    }
  }
  return std::move(
             SparseMatrix::from_triples(data.movie_index.size(), genre_index.size(), items, genres))
      .value();
}

// A named way to fit a model on some interactions.
struct Candidate {
  std::string name;
  std::function<Result<Model>(const SparseMatrix&)> fit;
};

double validation_ndcg(const Candidate& c, const Split& validation) {
  Result<Model> model = c.fit(validation.train);
  if (!model.ok()) {
    std::printf("  %-44s failed: %s\n", c.name.c_str(), model.error().message.c_str());
    return -1;
  }
  const double ndcg =
      evaluate(model.value(), validation.test, {.cutoffs = {10}}).value().at[0].ndcg;
  std::printf("  %-44s validation NDCG@10 %.4f\n", c.name.c_str(), ndcg);
  std::fflush(stdout);
  return ndcg;
}

// The candidate with the best validation NDCG@10.
Candidate tune(const std::vector<Candidate>& grid, const Split& validation) {
  std::size_t best = 0;
  double best_ndcg = -2;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double ndcg = validation_ndcg(grid[i], validation);
    if (ndcg > best_ndcg) {
      best_ndcg = ndcg;
      best = i;
    }
  }
  return grid[best];
}

struct Report {
  std::string name;
  Model model;
  double fit_seconds;
};

Report fit_final(const Candidate& c, const SparseMatrix& train) {
  const auto start = Clock::now();
  Model model = std::move(c.fit(train)).value();
  return Report{c.name, model, seconds_since(start)};
}

void print_report(const Report& r, const Split& split) {
  const Evaluation e = evaluate(r.model, split.test, {.cutoffs = {10, 20}}).value();
  std::vector<double> latencies;
  for (UserIndex u = 0; u < r.model.user_count() && u < 300; ++u) {
    const auto start = Clock::now();
    Result<std::vector<Recommendation>> recs = recommend(r.model, u, {.k = 10});
    latencies.push_back(seconds_since(start) * 1e3);
    if (!recs.ok()) {
      std::fprintf(stderr, "recommend failed: %s\n", recs.error().message.c_str());
      std::exit(1);
    }
  }
  std::sort(latencies.begin(), latencies.end());
  const double p50 = latencies[latencies.size() / 2];
  const double p99 = latencies[latencies.size() * 99 / 100];
  std::printf(
      "| %-40s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f | %7.2f | %6.2f | %6.2f |\n",
      r.name.c_str(), e.at[0].recall, e.at[1].recall, e.at[0].ndcg, e.at[1].ndcg, e.at[0].hit_rate,
      e.at[0].precision, e.at[0].coverage, e.at[0].popularity_bias, r.fit_seconds, p50, p99);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "../shared/data/movielens-small/ratings.csv";
  bool quick = false;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--quick") {
      quick = true;
    } else {
      path = arg;
    }
  }

  const Data data = load_positives(path);
  const SparseMatrix& positives = data.positives;
  const Split split =
      std::move(split_interactions(positives, {.test_fraction = 0.2, .seed = 42})).value();
  const Split validation =
      std::move(split_interactions(split.train, {.test_fraction = 0.2, .seed = 43})).value();
  std::printf("positives %llu, users %llu, items %llu, train %llu, test %llu\n",
              static_cast<unsigned long long>(positives.entry_count()),
              static_cast<unsigned long long>(positives.row_count()),
              static_cast<unsigned long long>(positives.column_count()),
              static_cast<unsigned long long>(split.train.entry_count()),
              static_cast<unsigned long long>(split.test.entry_count()));

  const SparseMatrix genre_links = load_genres(path, data);
  const SparseMatrix* genres = &genre_links;

  std::vector<std::vector<Candidate>> grids(5);
  grids[0].push_back({"popularity", [](const SparseMatrix& x) { return fit_popularity(x); }});
  grids[0].push_back({"popularity within genres", [=](const SparseMatrix& x) {
                        return fit_popularity(x, {.within_user_topics = true}, genres);
                      }});
  for (std::uint32_t k : {50u, 200u}) {
    for (float shrink : {0.0f, 20.0f}) {
      grids[1].push_back(
          {"item_knn k=" + std::to_string(k) + " shrink=" + std::to_string(int(shrink)),
           [=](const SparseMatrix& x) {
             return fit_item_knn(x, {.neighbours = k, .shrink = shrink});
           }});
    }
  }
  for (float alpha : {0.6f, 1.0f}) {
    for (float beta : {0.2f, 0.4f}) {
      for (float topic : {0.0f, 0.1f}) {
        grids[2].push_back(
            {"rp3beta a=" + std::to_string(alpha).substr(0, 3) +
                 " b=" + std::to_string(beta).substr(0, 3) +
                 " genres=" + std::to_string(topic).substr(0, 3),
             [=](const SparseMatrix& x) {
               return fit_rp3beta(
                   x, {.alpha = alpha, .beta = beta, .neighbours = 100, .topic_weight = topic},
                   genres);
             }});
      }
    }
  }
  for (double lambda : {100.0, 200.0, 400.0, 800.0}) {
    grids[3].push_back(
        {"ease lambda=" + std::to_string(int(lambda)) + " support>=3", [=](const SparseMatrix& x) {
           return fit_ease(x, {.lambda = lambda, .min_item_support = 3});
         }});
  }
  struct IalsPoint {
    std::uint32_t factors;
    float reg;
    float alpha;
  };
  for (const IalsPoint p : {IalsPoint{64, 10.0f, 5.0f}, IalsPoint{64, 40.0f, 10.0f},
                            IalsPoint{128, 40.0f, 10.0f}, IalsPoint{128, 100.0f, 20.0f}}) {
    grids[4].push_back(
        {"ials f=" + std::to_string(p.factors) + " reg=" + std::to_string(int(p.reg)) +
             " alpha=" + std::to_string(int(p.alpha)) + " it=15",
         [=](const SparseMatrix& x) {
           return fit_ials(
               x,
               {.factors = p.factors, .alpha = p.alpha, .regularization = p.reg, .iterations = 15});
         }});
  }
  if (quick) {
    for (auto& g : grids) {
      g.resize(1);
    }
  }

  std::vector<Candidate> best;
  for (const auto& grid : grids) {
    best.push_back(tune(grid, validation));
  }

  // The hybrid blends tuned EASE with the tuned graph walk or factor model, the partner and
  // weight chosen on validation.
  std::vector<Candidate> hybrids;
  for (std::size_t partner : {std::size_t{2}, std::size_t{4}}) {
    for (float w : {0.6f, 0.8f}) {
      const Candidate ease = best[3];
      const Candidate other = best[partner];
      hybrids.push_back({"hybrid " + std::to_string(w).substr(0, 3) + " ease + " +
                             (partner == 2 ? "rp3beta" : "ials"),
                         [=](const SparseMatrix& x) -> Result<Model> {
                           Result<Model> a = ease.fit(x);
                           if (!a.ok()) {
                             return a;
                           }
                           Result<Model> b = other.fit(x);
                           if (!b.ok()) {
                             return b;
                           }
                           return fit_hybrid({{a.value(), w}, {b.value(), 1.0f - w}});
                         }});
    }
  }
  if (quick) {
    hybrids.resize(1);
  }
  best.push_back(tune(hybrids, validation));

  std::printf(
      "\n| model | R@10 | R@20 | NDCG@10 | NDCG@20 | HR@10 | P@10 | cov@10 | pop@10 | fit s | p50 "
      "ms | p99 ms |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Candidate& c : best) {
    print_report(fit_final(c, split.train), split);
  }
  return 0;
}
