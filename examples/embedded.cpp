// Quiver embedded in a program: open a database directory, load a few facts in one write
// transaction, and ask questions with parameters. Uses only the public headers.
//
//   embedded_example DIR      (DIR is created when missing)
#include <iostream>

#include "quiver/quiver.h"

namespace {

// Writes a tiny catalogue in one transaction, unless an earlier run did: nothing is visible to
// other sessions until commit(), and an exception before it rolls everything back.
void load_catalogue(quiver::Session& session) {
  quiver::Transaction txn = session.begin_write();
  if (txn.run("MATCH (c:Course) RETURN count(c) AS n")[0].get("n").as_int() > 0) {
    return;
  }
  txn.run("CREATE INDEX FOR (c:Course) ON (c.code)");
  txn.run(
      "UNWIND $courses AS c "
      "CREATE (:Course {code: c[0], title: c[1], price: c[2]})",
      {{"courses", quiver::List{quiver::List{"G101", "Graphs from scratch", 30},
                                quiver::List{"C201", "Cypher in practice", 45},
                                quiver::List{"A301", "Graph algorithms", 60}}}});
  txn.run(
      "MATCH (a:Course {code: 'G101'}), (b:Course {code: 'C201'}), (c:Course {code: 'A301'}) "
      "CREATE (a)-[:PREPARES]->(b), (b)-[:PREPARES]->(c)");
  txn.commit();
}

// Prints the courses that COURSE prepares for, directly or through others.
void print_path_from(quiver::Session& session, const std::string& course) {
  quiver::Result result = session.run(
      "MATCH (:Course {code: $code})-[:PREPARES*1..]->(next) "
      "RETURN next.title AS title, next.price AS price ORDER BY price",
      {{"code", course}});
  std::cout << "after " << course << ":\n";
  for (const quiver::Record& row : result) {
    std::cout << "  " << row.get("title").as_string() << " (" << row.get("price").as_int() << ")\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embedded_example DIR\n";
    return 2;
  }
  try {
    auto db = quiver::Database::open(argv[1]);
    quiver::Session session = db->session();
    load_catalogue(session);
    print_path_from(session, "G101");

    // The non-throwing form reports an error as a value.
    quiver::Outcome<quiver::Result> bad = session.try_run("MATCH (c:Course) RETURN c.nope + 1 / 0");
    if (!bad.ok()) {
      std::cout << "expected failure: " << bad.error().category() << "\n";
    }

    quiver::Statistics stats = db->statistics();
    std::cout << stats.nodes << " nodes, " << stats.relationships << " relationships\n";
    return 0;
  } catch (const quiver::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
