#include "query/analyze/analyzer.h"

#include <gtest/gtest.h>

#include "query/errors.h"

namespace quiver::query {
namespace {

// Expects compile() to reject `text` at compile time with `detail` at line/column.
void expect_error(const std::string& text, const std::string& detail, uint32_t line,
                  uint32_t column, ErrorCategory category = ErrorCategory::kSyntaxError,
                  const AnalyzeOptions& options = {}) {
  try {
    compile(text, options);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const QueryError& e) {
    EXPECT_EQ(e.category(), category) << text << ": " << e.what();
    EXPECT_EQ(e.detail(), detail) << text << ": " << e.what();
    EXPECT_EQ(e.line(), line) << text << ": " << e.what();
    EXPECT_EQ(e.column(), column) << text << ": " << e.what();
  }
}

TEST(AnalyzerTest, UndefinedVariable) {
  expect_error("MATCH (a)\nRETURN b", "UndefinedVariable", 2, 8);
  expect_error("WITH 1 AS a RETURN a, x", "UndefinedVariable", 1, 23);
  expect_error("MATCH (n) WHERE (n)-[r]->() RETURN n", "UndefinedVariable", 1, 20);
  expect_error("MATCH (a:A), (b), (c) WITH a, b WITH a ORDER BY c.x RETURN a", "UndefinedVariable",
               1, 49);
}

TEST(AnalyzerTest, VariableAlreadyBound) {
  expect_error("MATCH (a) CREATE (a)", "VariableAlreadyBound", 1, 18);
  expect_error("MATCH (a) MERGE (a:B)", "VariableAlreadyBound", 1, 17);
  expect_error("MATCH ()-[r]->() CREATE ()-[r:T]->()", "VariableAlreadyBound", 1, 27);
  expect_error("WITH 1 AS x UNWIND [1] AS x RETURN x", "VariableAlreadyBound", 1, 13);
  expect_error("MATCH p = (p)-->() RETURN p", "VariableAlreadyBound", 1, 7);
}

TEST(AnalyzerTest, VariableTypeConflict) {
  expect_error("MATCH ()-[r]-(r) RETURN r", "VariableTypeConflict", 1, 14);
  expect_error("WITH true AS n MATCH (n) RETURN n", "VariableTypeConflict", 1, 22);
  expect_error("MATCH (r) MATCH ()-[r]-() RETURN r", "VariableTypeConflict", 1, 19);
}

TEST(AnalyzerTest, RelationshipUniquenessViolation) {
  expect_error("MATCH (a)-[r]->()-[r]->(a) RETURN r", "RelationshipUniquenessViolation", 1, 18);
}

TEST(AnalyzerTest, CreateRules) {
  expect_error("CREATE ()-->()", "NoSingleRelationshipType", 1, 10);
  expect_error("CREATE ()-[:A|B]->()", "NoSingleRelationshipType", 1, 10);
  expect_error("CREATE ()-[:T]-()", "RequiresDirectedRelationship", 1, 10);
  expect_error("CREATE ()-[:T*2]->()", "CreatingVarLength", 1, 10);
  expect_error("MERGE (a $p) RETURN a", "InvalidParameterUse", 1, 7);
  expect_error("MATCH (n $p) RETURN n", "InvalidParameterUse", 1, 7);
}

TEST(AnalyzerTest, AggregationRules) {
  expect_error("RETURN count(count(*))", "NestedAggregation", 1, 14);
  expect_error("MATCH (n) WHERE count(n) > 1 RETURN n", "InvalidAggregation", 1, 17);
  expect_error("MATCH (n) RETURN [x IN [1] | count(*)]", "InvalidAggregation", 1, 30);
  expect_error("MATCH (n) RETURN n.a ORDER BY max(n.b)", "InvalidAggregation", 1, 31);
  expect_error("MATCH (a)--(b) RETURN a.x + count(b)", "AmbiguousAggregationExpression", 1, 23);
  expect_error("RETURN count(rand())", "NonConstantExpression", 1, 14);
}

TEST(AnalyzerTest, AggregationWithGroupingKeysIsAccepted) {
  AnalyzedStatement a = compile("MATCH (a)--(b) RETURN a, a.x + count(b) AS c ORDER BY c");
  ASSERT_EQ(a.parts.size(), 1u);
  const ClauseInfo& ret = a.parts[0][1];
  EXPECT_EQ(ret.item_is_aggregate, (std::vector<bool>{false, true}));
  EXPECT_EQ(ret.columns, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(a.columns, (std::vector<std::string>{"a", "c"}));
}

TEST(AnalyzerTest, ProjectionRules) {
  expect_error("MATCH (a) WITH a, count(*) RETURN a", "NoExpressionAlias", 1, 19);
  expect_error("RETURN 1 AS a, 2 AS a", "ColumnNameConflict", 1, 16);
  expect_error("MATCH () RETURN *", "NoVariablesInScope", 1, 10);
  expect_error("MATCH (n) RETURN n SKIP n.x", "NonConstantExpression", 1, 25);
  expect_error("RETURN 1 LIMIT -1", "NegativeIntegerArgument", 1, 16);
  expect_error("RETURN 1 LIMIT 1.5", "InvalidArgumentType", 1, 16);
  expect_error("MATCH (a) RETURN DISTINCT a.x ORDER BY a.y", "UndefinedVariable", 1, 40);
}

TEST(AnalyzerTest, UnionRules) {
  expect_error("RETURN 1 AS a UNION RETURN 2 AS b", "DifferentColumnsInUnion", 1, 21);
  expect_error("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a",
               "InvalidClauseComposition", 1, 45);
}

TEST(AnalyzerTest, ClauseComposition) {
  expect_error("MATCH (n)", "InvalidClauseComposition", 1, 1);
  expect_error("RETURN 1 AS a RETURN 2 AS b", "InvalidClauseComposition", 1, 15);
  expect_error("MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.x = 1 } RETURN n",
               "InvalidClauseComposition", 1, 42);
}

TEST(AnalyzerTest, TypeChecksOnLiterals) {
  expect_error("RETURN NOT 1", "InvalidArgumentType", 1, 12);
  expect_error("RETURN true OR 'a'", "InvalidArgumentType", 1, 16);
  expect_error("RETURN 1 IN 2", "InvalidArgumentType", 1, 13);
  expect_error("WITH 1 AS x RETURN x.y", "InvalidArgumentType", 1, 20, ErrorCategory::kTypeError);
  expect_error("MATCH (n) RETURN type(n)", "InvalidArgumentType", 1, 23);
  expect_error("MATCH () DELETE 1 + 1", "InvalidArgumentType", 1, 17);
  expect_error("MATCH (n) DELETE n:A", "InvalidDelete", 1, 18);
  expect_error("RETURN none(x IN ['a'] WHERE x % 2 = 0)", "InvalidArgumentType", 1, 30);
}

TEST(AnalyzerTest, FunctionsAndPatternPlacement) {
  expect_error("RETURN foo(1)", "UnknownFunction", 1, 8);
  expect_error("RETURN abs(1, 2)", "InvalidNumberOfArguments", 1, 8);
  expect_error("MATCH (n) RETURN (n)-->()", "UnexpectedSyntax", 1, 18);
  EXPECT_NO_THROW(compile("MATCH (n) WHERE NOT (n)-->() AND exists((n)--()) RETURN n"));
}

TEST(AnalyzerTest, ProcedureChecksUseTheSignature) {
  ProcedureSignature proc{"test.proc", {{"in", "INTEGER?"}}, {{"out", "STRING?"}}};
  AnalyzeOptions options;
  options.find_procedure = [&proc](std::string_view name) {
    return name == proc.name ? &proc : nullptr;
  };
  options.parameter_names = std::unordered_set<std::string>{};

  expect_error("CALL test.nope()", "ProcedureNotFound", 1, 1, ErrorCategory::kProcedureError,
               options);
  expect_error("CALL test.proc(1, 2)", "InvalidNumberOfArguments", 1, 1,
               ErrorCategory::kSyntaxError, options);
  expect_error("CALL test.proc('x')", "InvalidArgumentType", 1, 16, ErrorCategory::kSyntaxError,
               options);
  expect_error("CALL test.proc", "MissingParameter", 1, 1, ErrorCategory::kParameterMissing,
               options);
  expect_error("CALL test.proc YIELD out RETURN out", "InvalidArgumentPassingMode", 1, 1,
               ErrorCategory::kSyntaxError, options);
  expect_error("WITH 1 AS out CALL test.proc(1) YIELD out RETURN out", "VariableAlreadyBound", 1,
               39, ErrorCategory::kSyntaxError, options);

  AnalyzedStatement a = compile("CALL test.proc(1) YIELD out AS o RETURN o", options);
  EXPECT_EQ(a.columns, (std::vector<std::string>{"o"}));
  AnalyzedStatement standalone = compile("CALL test.proc(1)", options);
  EXPECT_EQ(standalone.columns, (std::vector<std::string>{"out"}));
}

TEST(AnalyzerTest, RecordsScopesKindsParametersAndUpdates) {
  AnalyzedStatement a =
      compile("MATCH p = (a)-[r*]->(b) WITH a, r, p, $x AS x CREATE (a)-[:T]->(:N) RETURN x");
  ASSERT_EQ(a.parts.size(), 1u);
  const auto& scope = a.parts[0][0].scope_after;
  ASSERT_EQ(scope.size(), 4u);
  EXPECT_EQ(scope[0].kind, VariableKind::kNode);
  EXPECT_EQ(scope[1].kind, VariableKind::kRelationshipList);
  EXPECT_EQ(scope[3].name, "p");
  EXPECT_EQ(scope[3].kind, VariableKind::kPath);
  const auto& with_scope = a.parts[0][1].scope_after;
  EXPECT_EQ(with_scope[1].kind, VariableKind::kRelationshipList);
  EXPECT_EQ(with_scope[3].kind, VariableKind::kValue);
  EXPECT_TRUE(a.parts[0][2].updates);
  EXPECT_TRUE(a.updates);
  EXPECT_EQ(a.parameters, (std::vector<std::string>{"x"}));
}

TEST(AnalyzerTest, ScopingAcrossWithUnionAndSubqueries) {
  EXPECT_NO_THROW(compile("MATCH (a) WITH a AS b MATCH (b)-->(c) RETURN b, c"));
  expect_error("MATCH (a) WITH a AS b RETURN a", "UndefinedVariable", 1, 30);
  EXPECT_NO_THROW(compile("MATCH (n) WHERE exists { MATCH (n)-->(m) WHERE m.x = n.x } RETURN n"));
  expect_error("MATCH (n) WHERE exists { MATCH (m) } RETURN m", "UndefinedVariable", 1, 45);
  EXPECT_NO_THROW(compile("MATCH (a) RETURN a AS x UNION MATCH (b) RETURN b AS x"));
  EXPECT_NO_THROW(compile("MATCH (a)-->(b) WITH a WHERE b.x = 1 RETURN a"));
}

}  // namespace
}  // namespace quiver::query
