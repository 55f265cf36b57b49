#include "query/parse/ast_printer.h"

#include <gtest/gtest.h>

#include "query/errors.h"
#include "query/parse/parser.h"
#include "tck/tck_suite.h"

namespace quiver::query {
namespace {

std::string canonical(const std::string& text) {
  return print_statement(parse(text));
}

TEST(AstPrinterTest, PrintsCanonicalText) {
  EXPECT_EQ(canonical("match (n:Person {name:'Ann'})-[:KNOWS*1..2]->(m) where n.age>30 "
                      "return m.name as name order by name desc limit 3"),
            "MATCH (n:Person {name: 'Ann'})-[:KNOWS*1..2]->(m) WHERE (n.age > 30) "
            "RETURN m.name AS name ORDER BY name DESC LIMIT 3");
  EXPECT_EQ(canonical("UNWIND [1, 2.5, 'it\\'s'] AS x RETURN x"),
            "UNWIND [1, 2.5, 'it\\'s'] AS x RETURN x");
  EXPECT_EQ(canonical("RETURN `a b`, `match`"), "RETURN `a b`, `match`");
  EXPECT_EQ(canonical("create index for (p:P) on (p.x)"), "CREATE INDEX FOR (n:P) ON (n.x)");
}

TEST(AstPrinterTest, QuotesNamesOnlyWhenNeeded) {
  EXPECT_EQ(quote_name("name"), "name");
  EXPECT_EQ(quote_name("RETURN"), "`RETURN`");
  EXPECT_EQ(quote_name("a`b"), "`a``b`");
  EXPECT_EQ(quote_name("1x"), "`1x`");
}

// Printing a parsed statement and parsing the output again gives the same tree: the printed
// forms agree, and the printed text of the reparsed tree is identical.
TEST(AstPrinterTest, RoundTripsEveryTckQuery) {
  tck::Suite suite = tck::Suite::load(QUIVER_TCK_JSON);
  size_t checked = 0;
  for (const auto& feature : suite.features()) {
    for (const auto& scenario : feature.scenarios) {
      for (const auto& step : scenario.steps) {
        if (!step.doc_string || step.text.find("execut") == std::string::npos) {
          continue;
        }
        std::string first;
        try {
          first = canonical(*step.doc_string);
        } catch (const QueryError&) {
          continue;  // rejected on purpose by its scenario
        }
        std::string second;
        try {
          second = canonical(first);
        } catch (const QueryError& e) {
          ADD_FAILURE() << scenario.id() << ": printed text does not parse: " << first << "\n"
                        << e.what();
          continue;
        }
        EXPECT_EQ(first, second) << scenario.id();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 3000u);
}

}  // namespace
}  // namespace quiver::query
