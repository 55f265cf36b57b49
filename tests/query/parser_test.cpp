#include "query/parse/parser.h"

#include <gtest/gtest.h>

#include "query/errors.h"
#include "query/parse/ast_printer.h"

namespace quiver::query {
namespace {

using namespace ast;

const Query& query_of(const Statement& s) {
  return std::get<Query>(s.node);
}

const Clause& clause_at(const Statement& s, size_t i) {
  return query_of(s).parts.at(0).clauses.at(i);
}

// The expression of the first RETURN item of `RETURN <text>`.
Expression returned(const std::string& text) {
  Statement s = parse("RETURN " + text);
  return *std::get<Return>(clause_at(s, 0).node).projection.items.at(0).expression;
}

// Expects parse() to fail with a SyntaxError of the given detail at line/column.
void expect_syntax_error(const std::string& text, const std::string& detail, uint32_t line,
                         uint32_t column) {
  try {
    parse(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const QueryError& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kSyntaxError) << text;
    EXPECT_EQ(e.phase(), ErrorPhase::kCompileTime) << text;
    EXPECT_EQ(e.detail(), detail) << text << ": " << e.what();
    EXPECT_EQ(e.line(), line) << text;
    EXPECT_EQ(e.column(), column) << text;
  }
}

TEST(ParserTest, MatchPatternHasNodesRelationshipsAndPositions) {
  Statement s = parse("MATCH (a:Person:Admin {name: 'x'})-[r:KNOWS|LIKES*1..3]->(b)\nRETURN b");
  const auto& m = std::get<Match>(clause_at(s, 0).node);
  ASSERT_EQ(m.pattern.size(), 1u);
  const PatternElement& e = m.pattern[0].element;
  ASSERT_EQ(e.nodes.size(), 2u);
  EXPECT_EQ(e.nodes[0].variable, "a");
  EXPECT_EQ(e.nodes[0].labels, (std::vector<std::string>{"Person", "Admin"}));
  EXPECT_TRUE(std::holds_alternative<MapLiteral>(e.nodes[0].properties->node));
  const RelationshipPattern& r = e.relationships.at(0);
  EXPECT_EQ(r.variable, "r");
  EXPECT_EQ(r.types, (std::vector<std::string>{"KNOWS", "LIKES"}));
  EXPECT_EQ(r.direction, Direction::kLeftToRight);
  ASSERT_TRUE(r.length.has_value());
  EXPECT_EQ(r.length->min, 1);
  EXPECT_EQ(r.length->max, 3);
  EXPECT_EQ(e.nodes[1].pos, (SourcePos{1, 58}));
  EXPECT_EQ(clause_at(s, 1).pos, (SourcePos{2, 1}));
}

TEST(ParserTest, VariableLengthFormsSetTheirBounds) {
  auto length = [](const std::string& rel) {
    Statement s = parse("MATCH ()" + rel + "() RETURN 1");
    return *std::get<Match>(clause_at(s, 0).node).pattern[0].element.relationships[0].length;
  };
  EXPECT_FALSE(length("-[*]->").min.has_value());
  EXPECT_FALSE(length("-[*]->").max.has_value());
  EXPECT_EQ(length("-[*2]-").min, 2);
  EXPECT_EQ(length("-[*2]-").max, 2);
  EXPECT_EQ(length("<-[*..4]-").max, 4);
  EXPECT_FALSE(length("<-[*..4]-").min.has_value());
  EXPECT_EQ(length("-[*3..]-").min, 3);
  EXPECT_FALSE(length("-[*3..]-").max.has_value());
}

TEST(ParserTest, DirectionsOfRelationshipPatterns) {
  auto direction = [](const std::string& rel) {
    Statement s = parse("MATCH ()" + rel + "() RETURN 1");
    return std::get<Match>(clause_at(s, 0).node).pattern[0].element.relationships[0].direction;
  };
  EXPECT_EQ(direction("-->"), Direction::kLeftToRight);
  EXPECT_EQ(direction("<--"), Direction::kRightToLeft);
  EXPECT_EQ(direction("--"), Direction::kBoth);
  EXPECT_EQ(direction("<-->"), Direction::kBoth);
}

TEST(ParserTest, ShortestPathSelectorsAndPathVariables) {
  Statement s = parse(
      "MATCH p = shortestPath((a)-[*]-(b)), q = allShortestPaths((a)-->(c)) "
      "RETURN p");
  const auto& m = std::get<Match>(clause_at(s, 0).node);
  EXPECT_EQ(m.pattern[0].path_variable, "p");
  EXPECT_EQ(m.pattern[0].selector, PathSelector::kShortest);
  EXPECT_EQ(m.pattern[1].selector, PathSelector::kAllShortest);
}

TEST(ParserTest, KeywordsAreCaseInsensitive) {
  Statement s = parse("mAtCh (n) wHeRe n.x iS nOt NuLl ReTuRn DiStInCt n");
  EXPECT_TRUE(std::holds_alternative<Match>(clause_at(s, 0).node));
  EXPECT_TRUE(std::get<Return>(clause_at(s, 1).node).projection.distinct);
}

TEST(ParserTest, CommentsAndSemicolonAreIgnored) {
  Statement s = parse("// leading\nRETURN /* inline */ 1 AS one; ");
  EXPECT_EQ(std::get<Return>(clause_at(s, 0).node).projection.items[0].alias, "one");
}

TEST(ParserTest, IntegerLiteralForms) {
  EXPECT_EQ(std::get<IntegerLiteral>(returned("0x1F").node).value, 31);
  EXPECT_EQ(std::get<IntegerLiteral>(returned("0o17").node).value, 15);
  EXPECT_EQ(std::get<IntegerLiteral>(returned("-9223372036854775808").node).value, INT64_MIN);
  EXPECT_EQ(std::get<IntegerLiteral>(returned("-0x8000000000000000").node).value, INT64_MIN);
}

TEST(ParserTest, FloatLiteralForms) {
  EXPECT_DOUBLE_EQ(std::get<FloatLiteral>(returned("1.5e3").node).value, 1500.0);
  EXPECT_DOUBLE_EQ(std::get<FloatLiteral>(returned(".25").node).value, 0.25);
  EXPECT_DOUBLE_EQ(std::get<FloatLiteral>(returned("-2E-2").node).value, -0.02);
}

TEST(ParserTest, StringEscapesAndUnicode) {
  EXPECT_EQ(std::get<StringLiteral>(returned(R"('a\tb\'c\\')").node).value, "a\tb'c\\");
  EXPECT_EQ(std::get<StringLiteral>(returned(R"("\u00e9\U0001F600")").node).value,
            "\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(std::get<StringLiteral>(returned(R"('\uD83D\uDE00')").node).value, "\xF0\x9F\x98\x80");
  EXPECT_EQ(std::get<StringLiteral>(returned("'ünï'").node).value, "ünï");
}

TEST(ParserTest, BacktickNamesAreUnescaped) {
  Expression e = returned("`a b`.`we``ird`");
  const auto& p = std::get<PropertyAccess>(e.node);
  EXPECT_EQ(p.key, "we`ird");
  EXPECT_EQ(std::get<Variable>(p.subject->node).name, "a b");
}

TEST(ParserTest, OperatorPrecedence) {
  // 1 + 2 * 3 ^ 2 = 1 + (2 * (3 ^ 2))
  EXPECT_EQ(print_expression(returned("1 + 2 * 3 ^ 2")), "(1 + (2 * (3 ^ 2)))");
  EXPECT_EQ(print_expression(returned("NOT a = b OR c AND d XOR e")),
            "((NOT (a = b)) OR ((c AND d) XOR e))");
  EXPECT_EQ(print_expression(returned("-x ^ 2")), "((- x) ^ 2)");
  EXPECT_EQ(print_expression(returned("a IN [1] = true")), "((a IN [1]) = true)");
}

TEST(ParserTest, ComparisonChainsBecomeConjunctions) {
  EXPECT_EQ(print_expression(returned("1 < x <= 3")), "((1 < x) AND (x <= 3))");
}

TEST(ParserTest, PostfixOperators) {
  EXPECT_EQ(print_expression(returned("l[1..][0].k")), "l[1..][0].k");
  EXPECT_EQ(print_expression(returned("n:A:B")), "(n:A:B)");
  EXPECT_EQ(print_expression(returned("x IS NOT NULL")), "(x IS NOT NULL)");
  EXPECT_EQ(print_expression(returned("s STARTS WITH 'a' AND s =~ '.*'")),
            "((s STARTS WITH 'a') AND (s =~ '.*'))");
}

TEST(ParserTest, ComprehensionsQuantifiersAndReduce) {
  EXPECT_TRUE(std::holds_alternative<ListComprehension>(returned("[x IN l WHERE x > 1 | x]").node));
  EXPECT_TRUE(
      std::holds_alternative<PatternComprehension>(returned("[p = (a)-->(b) WHERE b.x | b]").node));
  auto q = std::get<Quantifier>(returned("single(x IN l WHERE x)").node);
  EXPECT_EQ(q.kind, QuantifierKind::kSingle);
  auto r = std::get<Reduce>(returned("reduce(acc = 0, x IN l | acc + x)").node);
  EXPECT_EQ(r.accumulator, "acc");
  EXPECT_EQ(r.variable, "x");
}

TEST(ParserTest, CaseFunctionsCountStarAndMapProjection) {
  auto c = std::get<CaseExpr>(returned("CASE x WHEN 1 THEN 'a' ELSE 'b' END").node);
  EXPECT_TRUE(c.subject);
  EXPECT_TRUE(c.otherwise);
  auto f = std::get<FunctionCall>(returned("count(DISTINCT n.x)").node);
  EXPECT_TRUE(f.distinct);
  EXPECT_EQ(std::get<FunctionCall>(returned("date.truncate('day', d)").node).name, "date.truncate");
  EXPECT_TRUE(std::holds_alternative<CountStar>(returned("count(*)").node));
  auto m = std::get<MapProjection>(returned("n {.name, .*, k: 1, v}").node);
  ASSERT_EQ(m.items.size(), 4u);
  EXPECT_EQ(m.items[1].kind, MapProjectionKind::kAllProperties);
  EXPECT_EQ(m.items[3].kind, MapProjectionKind::kVariable);
}

TEST(ParserTest, ExistsSubqueryAndPatternPredicate) {
  Statement s = parse(
      "MATCH (n) WHERE exists { MATCH (n)-->(m) RETURN m } AND (n)-->() "
      "RETURN n");
  const auto& where = std::get<Binary>(std::get<Match>(clause_at(s, 0).node).where->node);
  EXPECT_TRUE(std::get<ExistsSubquery>(where.lhs->node).query);
  EXPECT_TRUE(std::holds_alternative<PatternPredicate>(where.rhs->node));
}

TEST(ParserTest, ParametersByNameAndNumber) {
  EXPECT_EQ(std::get<Parameter>(returned("$name").node).name, "name");
  EXPECT_EQ(std::get<Parameter>(returned("$0").node).name, "0");
}

TEST(ParserTest, ParametersMayBeNamedLikeKeywords) {
  EXPECT_EQ(std::get<Parameter>(returned("$limit").node).name, "limit");
  EXPECT_EQ(std::get<Parameter>(returned("$MATCH").node).name, "MATCH");
  EXPECT_EQ(std::get<Parameter>(returned("$`odd name`").node).name, "odd name");
  Statement s = parse("MATCH (n) RETURN n SKIP $skip LIMIT $limit");
  const auto& p = std::get<Return>(clause_at(s, 1).node).projection;
  EXPECT_EQ(std::get<Parameter>(p.skip->node).name, "skip");
  EXPECT_EQ(std::get<Parameter>(p.limit->node).name, "limit");
}

TEST(ParserTest, UpdatingClauses) {
  Statement s = parse(
      "MERGE (a:A {id: 1}) ON CREATE SET a.x = 1 ON MATCH SET a += {y: 2}, a:B "
      "SET a = {} REMOVE a.x, a:B DETACH DELETE a "
      "FOREACH (i IN [1] | CREATE (:C {i: i}))");
  const auto& merge = std::get<Merge>(clause_at(s, 0).node);
  EXPECT_EQ(merge.on_create.size(), 1u);
  ASSERT_EQ(merge.on_match.size(), 2u);
  EXPECT_EQ(merge.on_match[0].kind, SetItemKind::kMerge);
  EXPECT_EQ(merge.on_match[1].kind, SetItemKind::kLabels);
  EXPECT_EQ(std::get<Set>(clause_at(s, 1).node).items[0].kind, SetItemKind::kReplace);
  EXPECT_EQ(std::get<Remove>(clause_at(s, 2).node).items[1].kind, RemoveItemKind::kLabels);
  EXPECT_TRUE(std::get<Delete>(clause_at(s, 3).node).detach);
  EXPECT_EQ(std::get<Foreach>(clause_at(s, 4).node).updates.size(), 1u);
}

TEST(ParserTest, ProcedureCallsStandaloneAndInQuery) {
  Statement standalone = parse("CALL db.labels");
  const auto& c = std::get<Call>(clause_at(standalone, 0).node);
  EXPECT_TRUE(c.standalone);
  EXPECT_FALSE(c.args.has_value());
  Statement in_query = parse("CALL test.proc(1, 'a') YIELD out AS o WHERE o > 1 RETURN o");
  const auto& d = std::get<Call>(clause_at(in_query, 0).node);
  EXPECT_FALSE(d.standalone);
  EXPECT_EQ(d.procedure, "test.proc");
  EXPECT_EQ(d.args->size(), 2u);
  EXPECT_EQ(d.yield_items[0].output_name(), "o");
  EXPECT_TRUE(d.where);
}

TEST(ParserTest, UnionPartsAndKinds) {
  Statement s = parse("RETURN 1 AS a UNION ALL RETURN 2 AS a UNION RETURN 3 AS a");
  EXPECT_EQ(query_of(s).parts.size(), 3u);
  EXPECT_EQ(query_of(s).union_all, (std::vector<bool>{true, false}));
}

TEST(ParserTest, ProjectionKeepsItemTextOrderSkipLimit) {
  Statement s = parse(
      "MATCH (n) RETURN n.name,  count( * ) AS c ORDER BY c DESC, n.name "
      "SKIP 1 LIMIT $l");
  const auto& p = std::get<Return>(clause_at(s, 1).node).projection;
  EXPECT_EQ(p.items[0].column_name(), "n.name");
  EXPECT_EQ(p.items[1].column_name(), "c");
  EXPECT_TRUE(p.order_by[0].descending);
  EXPECT_FALSE(p.order_by[1].descending);
  EXPECT_TRUE(p.skip);
  EXPECT_TRUE(std::holds_alternative<Parameter>(p.limit->node));
}

TEST(ParserTest, ExplainProfileAndSchemaCommands) {
  EXPECT_EQ(parse("EXPLAIN MATCH (n) RETURN n").explain, ExplainMode::kExplain);
  EXPECT_EQ(parse("PROFILE RETURN 1").explain, ExplainMode::kProfile);
  auto index = std::get<CreateIndex>(
      parse("CREATE INDEX idx IF NOT EXISTS FOR (p:Person) ON (p.name, p.age)").node);
  EXPECT_EQ(index.name, "idx");
  EXPECT_EQ(index.properties, (std::vector<std::string>{"name", "age"}));
  EXPECT_EQ(std::get<CreateIndex>(parse("CREATE INDEX ON :Person(name)").node).label, "Person");
  EXPECT_EQ(std::get<DropIndex>(parse("DROP INDEX idx IF EXISTS").node).name, "idx");
  auto unique = std::get<CreateConstraint>(
      parse("CREATE CONSTRAINT c FOR (b:Book) REQUIRE b.isbn IS UNIQUE").node);
  EXPECT_EQ(unique.properties, (std::vector<std::string>{"isbn"}));
  EXPECT_EQ(std::get<CreateConstraint>(
                parse("CREATE CONSTRAINT ON (b:Book) ASSERT b.isbn IS UNIQUE").node)
                .label,
            "Book");
  EXPECT_EQ(std::get<DropConstraint>(parse("DROP CONSTRAINT c").node).name, "c");
  EXPECT_TRUE(std::holds_alternative<ShowIndexes>(parse("SHOW INDEXES").node));
  EXPECT_TRUE(std::holds_alternative<ShowConstraints>(parse("show constraints").node));
}

TEST(ParserTest, SyntaxErrorsCarryDetailAndPosition) {
  expect_syntax_error("MATCH (n RETURN n", "UnexpectedSyntax", 1, 10);
  expect_syntax_error("RETURN 1 +", "UnexpectedSyntax", 1, 11);
  expect_syntax_error("RETURN 0x1G", "InvalidNumberLiteral", 1, 8);
  expect_syntax_error("RETURN\n  9223372036854775808", "IntegerOverflow", 2, 3);
  expect_syntax_error("RETURN 1.5e400", "FloatingPointOverflow", 1, 8);
  expect_syntax_error("RETURN 'ab\\uZZZZ'", "InvalidUnicodeLiteral", 1, 11);
  expect_syntax_error("RETURN 'a\\qb'", "UnexpectedSyntax", 1, 10);
  expect_syntax_error("RETURN 1 \xE2\x80\x94 2", "InvalidUnicodeCharacter", 1, 10);
  expect_syntax_error("RETURN 'open", "UnexpectedSyntax", 1, 8);
  expect_syntax_error("MATCH ()-[:T..]->() RETURN 1", "InvalidRelationshipPattern", 1, 13);
  expect_syntax_error("MATCH ()-[*-1]->() RETURN 1", "InvalidRelationshipPattern", 1, 12);
}

TEST(ParserTest, ErrorMessageShowsTheOffendingLineWithACaret) {
  try {
    parse("MATCH (n)\nRETURN n +* 2");
    FAIL() << "accepted";
  } catch (const QueryError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("line 2, column 11"), std::string::npos) << what;
    EXPECT_NE(what.find("RETURN n +* 2\n          ^"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace quiver::query
