// Hostile and extreme inputs: each gives a clear QueryError or a correct parse, never a crash,
// a stack overflow or another exception type.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "query/analyze/analyzer.h"
#include "query/errors.h"
#include "query/parse/parser.h"

namespace quiver::query {
namespace {

std::string repeat(const std::string& part, size_t times) {
  std::string out;
  out.reserve(part.size() * times);
  for (size_t i = 0; i < times; ++i) {
    out += part;
  }
  return out;
}

// The detail of the QueryError that compiling `text` throws, or "" when it compiles.
std::string failure_detail(const std::string& text, const ParseLimits& limits = {}) {
  try {
    analyze(parse(text, limits));
    return "";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kSyntaxError) << e.what();
    return e.detail();
  }
}

TEST(ParseRobustnessTest, HundredThousandOpeningBracketsAreRejected) {
  EXPECT_EQ(failure_detail("RETURN " + repeat("(", 100000)), "NestingTooDeep");
  EXPECT_EQ(failure_detail("RETURN " + repeat("[", 100000)), "NestingTooDeep");
  EXPECT_EQ(failure_detail("RETURN " + repeat("{a:", 100000)), "NestingTooDeep");
  EXPECT_EQ(failure_detail("RETURN " + repeat("NOT ", 100000) + "true"), "NestingTooDeep");
  EXPECT_EQ(failure_detail("RETURN " + repeat("-", 100000) + "1"), "NestingTooDeep");
}

TEST(ParseRobustnessTest, NestingJustWithinTheLimitParsesAndAnalyzes) {
  ParseLimits limits;
  size_t depth = limits.max_nesting_depth - 2;
  EXPECT_EQ(failure_detail("RETURN " + repeat("(", depth) + "1" + repeat(")", depth)), "");
  EXPECT_EQ(failure_detail("RETURN " + repeat("[", depth) + repeat("]", depth)), "");
  EXPECT_EQ(failure_detail("RETURN " + repeat("1 + ", depth) + "1"), "");
  EXPECT_EQ(failure_detail("RETURN " + repeat("1 + ", limits.max_nesting_depth + 1) + "1"),
            "NestingTooDeep");
}

TEST(ParseRobustnessTest, LongFlatQueriesAreNotLimitedByDepth) {
  // Commas restart the count: many short items are fine.
  EXPECT_EQ(failure_detail("RETURN [" + repeat("1 + 1, ", 20000) + "1] AS l"), "");
  EXPECT_EQ(failure_detail("UNWIND [" + repeat("{a: 1}, ", 20000) + "{a: 1}] AS m RETURN m"), "");
}

TEST(ParseRobustnessTest, MegabyteStringLiteralParses) {
  std::string big(1 << 20, 'x');
  ast::Statement s = parse("RETURN '" + big + "' AS s");
  const auto& ret = std::get<ast::Return>(std::get<ast::Query>(s.node).parts[0].clauses[0].node);
  EXPECT_EQ(std::get<ast::StringLiteral>(ret.projection.items[0].expression->node).value, big);
}

TEST(ParseRobustnessTest, InvalidUtf8IsRejectedWithItsPosition) {
  try {
    parse("RETURN 1\nRETURN '\xC3\x28'");
    FAIL() << "accepted invalid UTF-8";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.detail(), "InvalidUnicodeCharacter");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 9u);
  }
  EXPECT_EQ(failure_detail("RETURN '\xED\xA0\x80'"), "InvalidUnicodeCharacter");  // surrogate
  EXPECT_EQ(failure_detail("RETURN '\xF8\x88\x80\x80\x80'"), "InvalidUnicodeCharacter");
  EXPECT_EQ(failure_detail("RETURN '\xC0\xAF'"), "InvalidUnicodeCharacter");  // overlong
}

TEST(ParseRobustnessTest, NulBytesAreRejected) {
  EXPECT_EQ(failure_detail(std::string("RETURN 1\0", 9)), "InvalidUnicodeCharacter");
  EXPECT_EQ(failure_detail(std::string("RETURN '\0'", 10)), "InvalidUnicodeCharacter");
}

TEST(ParseRobustnessTest, EmptyInputsAreRejected) {
  EXPECT_EQ(failure_detail(""), "UnexpectedSyntax");
  EXPECT_EQ(failure_detail(" \n\t "), "UnexpectedSyntax");
  EXPECT_EQ(failure_detail("// only a comment"), "UnexpectedSyntax");
  EXPECT_EQ(failure_detail(";"), "UnexpectedSyntax");
}

TEST(ParseRobustnessTest, OversizedQueriesAreRejectedBeforeLexing) {
  ParseLimits limits;
  limits.max_query_bytes = 64;
  EXPECT_EQ(failure_detail("RETURN '" + std::string(100, 'x') + "'", limits), "QueryTooLong");
}

TEST(ParseRobustnessTest, RandomBytesNeverEscapeAsAnythingButQueryError) {
  std::mt19937 random(20261203);
  const std::string alphabet = "()[]{}<>-=+*/%^.,:;|$'\"`\\ \n\tMATCHRETURNWITHn0123456789xe";
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    size_t length = random() % 80;
    for (size_t k = 0; k < length; ++k) {
      text += (random() % 8 == 0) ? static_cast<char>(random() % 256)
                                  : alphabet[random() % alphabet.size()];
    }
    try {
      analyze(parse(text));
    } catch (const QueryError&) {
      // Expected for most inputs.
    }
  }
}

}  // namespace
}  // namespace quiver::query
