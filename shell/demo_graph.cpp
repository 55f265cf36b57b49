#include "shell/demo_graph.h"

#include <array>
#include <string>
#include <vector>

namespace quiver::shell {

namespace {

// A fixed linear congruential sequence: unlike the standard distributions it gives the same
// numbers with every standard library.
class Sequence {
 public:
  std::uint32_t next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state_ >> 33) % bound;
  }

 private:
  std::uint64_t state_ = 20261203;
};

struct Topic {
  const char* name;
  std::array<const char*, 2> skills;
};

constexpr Topic kTopics[] = {
    {"Databases", {"SQL", "Data Modeling"}},
    {"Graph Theory", {"Graph Algorithms", "Cypher"}},
    {"Machine Learning", {"Python", "Model Evaluation"}},
    {"Statistics", {"Probability", "Experiment Design"}},
    {"Web Development", {"TypeScript", "HTTP APIs"}},
    {"Security", {"Threat Modeling", "Cryptography Basics"}},
};

constexpr const char* kKinds[] = {"Course", "EBook", "Tool"};
constexpr const char* kFirstNames[] = {"Ada",  "Bo",  "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo",
                                       "Ines", "Jon", "Kai",  "Lea",  "Mo",  "Nia",  "Omar", "Pia"};

}  // namespace

std::uint64_t build_demo_graph(BulkWriter& writer) {
  Sequence seq;
  std::vector<PendingNode> skills;
  std::vector<PendingNode> topics;
  for (const Topic& topic : kTopics) {
    PendingNode t = writer.add_node({"Topic"}, {{"name", topic.name}});
    topics.push_back(t);
    for (const char* skill : topic.skills) {
      PendingNode s = writer.add_node({"Skill"}, {{"name", skill}});
      writer.add_relationship(s, t, "PART_OF");
      skills.push_back(s);
    }
  }

  // Products: each kind per topic, teaching one or two of its skills, with a small embedding.
  std::vector<PendingNode> products;
  std::vector<double> prices;
  for (std::size_t t = 0; t < topics.size(); ++t) {
    for (int k = 0; k < 3; ++k) {
      double price = 9.0 + seq.next(20) * 5.0;
      FloatVector embedding;
      for (int d = 0; d < 8; ++d) {
        embedding.push_back(static_cast<float>(seq.next(2001)) / 1000.0f - 1.0f);
      }
      std::string title = std::string(kTopics[t].name) + " " +
                          (k == 0   ? "Masterclass"
                           : k == 1 ? "Handbook"
                                    : "Workbench");
      PendingNode p =
          writer.add_node({"Product", kKinds[k]}, {{"title", title},
                                                   {"price", price},
                                                   {"embedding", embedding},
                                                   {"tags", List{kTopics[t].name, kKinds[k]}}});
      writer.add_relationship(p, topics[t], "COVERS");
      writer.add_relationship(p, skills[2 * t], "TEACHES", {{"level", std::int64_t{1 + k}}});
      if (k != 2) {
        writer.add_relationship(p, skills[2 * t + 1], "TEACHES", {{"level", std::int64_t{2}}});
      }
      products.push_back(p);
      prices.push_back(price);
    }
  }

  // Users and their behaviour: views, then purchases of some viewed items, then ratings.
  std::uint64_t users = 0;
  for (const char* first : kFirstNames) {
    for (int n = 0; n < 3; ++n) {
      std::string name = std::string(first) + " " + std::to_string(n + 1);
      PendingNode u = writer.add_node({"User"}, {{"name", name},
                                                 {"joined", std::int64_t{2020 + seq.next(6)}},
                                                 {"interests", List{kTopics[seq.next(6)].name}}});
      ++users;
      std::int64_t clock = 1'700'000'000 + seq.next(1'000'000);
      for (int v = 0; v < 6; ++v) {
        std::size_t p = seq.next(static_cast<std::uint32_t>(products.size()));
        clock += 60 + seq.next(86'400);
        writer.add_relationship(u, products[p], "VIEWED",
                                {{"at", clock}, {"seconds", std::int64_t{5 + seq.next(600)}}});
        if (seq.next(3) == 0) {
          clock += 30 + seq.next(3'600);
          writer.add_relationship(u, products[p], "BOUGHT", {{"at", clock}, {"price", prices[p]}});
          if (seq.next(2) == 0) {
            writer.add_relationship(
                u, products[p], "RATED",
                {{"stars", std::int64_t{1 + seq.next(5)}}, {"at", clock + 86'400}});
          }
        }
      }
    }
  }
  return topics.size() + skills.size() + products.size() + users;
}

}  // namespace quiver::shell
