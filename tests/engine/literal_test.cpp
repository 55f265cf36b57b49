// Parameter values typed as Cypher text: one expression, and nothing that adds to the statement.
#include <gtest/gtest.h>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

TEST(ParameterValueQuery, AcceptsOneExpressionOfAnyKind) {
  for (const char* text : {"1", "'text'", "[1, 2.5, null]", "{a: {b: [true]}}",
                           "date('2020-01-01')", "-9223372036854775808", "1 + 2 * 3", "  42  "}) {
    Outcome<std::string> q = parameter_value_query(text);
    ASSERT_TRUE(q.ok()) << text;
    EXPECT_EQ(q.value(), "RETURN " + std::string(text) + " AS value");
  }
}

TEST(ParameterValueQuery, RefusesTextThatAddsToTheStatement) {
  for (const char* text : {"'x' AS value UNION MATCH (n) DETACH DELETE n RETURN 'y'",
                           "1 AS value LIMIT 0 //", "1 AS value ORDER BY value", "1 AS a, 2",
                           "1 AS value SKIP 1 //", "1 AS value, 2 AS value2 //"}) {
    Outcome<std::string> q = parameter_value_query(text);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.error().category(), "SyntaxError") << text;
  }
}

TEST(ParameterValueQuery, TextThatDoesNotParseKeepsTheParsersError) {
  Outcome<std::string> q = parameter_value_query("[1,");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().category(), "SyntaxError");
  EXPECT_GT(q.error().column(), 0u);
}

TEST(ParameterValueQuery, AnInjectedClauseNeverRuns) {
  TempDir dir;
  auto db = Database::open(dir.path());
  Session session = db->session();
  session.run("CREATE (:Keep)");

  Outcome<std::string> q =
      parameter_value_query("1 AS value UNION MATCH (n) DETACH DELETE n RETURN 1");
  EXPECT_FALSE(q.ok());
  EXPECT_EQ(session.run("MATCH (n:Keep) RETURN count(n) AS c")[0].get("c").as_int(), 1);
}

}  // namespace
}  // namespace quiver
