#include "shell/statement_splitter.h"

#include <gtest/gtest.h>

namespace quiver::shell {
namespace {

std::vector<std::string> texts(std::string_view script) {
  std::vector<std::string> out;
  for (const ScriptStatement& statement : split_statements(script)) {
    out.push_back(statement.text);
  }
  return out;
}

TEST(StatementSplitter, SplitsAtSemicolonsAndTrims) {
  EXPECT_EQ(texts("RETURN 1;  RETURN 2 ;\nRETURN 3"),
            (std::vector<std::string>{"RETURN 1", "RETURN 2", "RETURN 3"}));
}

TEST(StatementSplitter, SemicolonsInsideStringsNamesAndCommentsDoNotSplit) {
  EXPECT_EQ(texts("RETURN 'a;b' AS x; RETURN \"c;\\\";d\" AS `e;``f`"),
            (std::vector<std::string>{"RETURN 'a;b' AS x", "RETURN \"c;\\\";d\" AS `e;``f`"}));
  EXPECT_EQ(texts("RETURN 1 // one; two\n + 2; /* a; b */ RETURN 3"),
            (std::vector<std::string>{"RETURN 1 // one; two\n + 2", "RETURN 3"}));
}

TEST(StatementSplitter, EscapedQuoteDoesNotEndAString) {
  EXPECT_EQ(texts("RETURN 'it\\'s; fine'; RETURN 2"),
            (std::vector<std::string>{"RETURN 'it\\'s; fine'", "RETURN 2"}));
}

TEST(StatementSplitter, PiecesWithOnlyBlanksAndCommentsAreDropped) {
  EXPECT_TRUE(texts("  ;\n// nothing\n; /* still nothing */ ;").empty());
  EXPECT_EQ(texts(";;RETURN 1;;"), (std::vector<std::string>{"RETURN 1"}));
}

TEST(StatementSplitter, LineOfAStatementIsTheLineOfItsFirstCode) {
  auto statements = split_statements("// header\n\nRETURN 1;\n/* a\n b */ RETURN\n 2;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].line, 3u);
  EXPECT_EQ(statements[1].line, 5u);
  EXPECT_EQ(statements[1].text, "RETURN\n 2");
}

TEST(StatementSplitter, UnterminatedStringRunsToTheEnd) {
  EXPECT_EQ(texts("RETURN 1; RETURN 'open; RETURN 2"),
            (std::vector<std::string>{"RETURN 1", "RETURN 'open; RETURN 2"}));
}

}  // namespace
}  // namespace quiver::shell
