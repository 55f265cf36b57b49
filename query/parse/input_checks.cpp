#include "query/parse/input_checks.h"

#include <string>

#include "CypherLexer.h"
#include "query/errors.h"
#include "query/utf8.h"

namespace quiver::query::parse_detail {

namespace {

using grammar::CypherLexer;

[[noreturn]] void syntax_error(const std::string& detail, const std::string& message, uint32_t line,
                               uint32_t column, std::string_view text) {
  throw QueryError(ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime, detail, message, line,
                   column, text);
}

// Tokens that end an expression context: the operator count of their bracket level restarts.
bool restarts_expression(size_t type) {
  switch (type) {
    case CypherLexer::MATCH:
    case CypherLexer::WHERE:
    case CypherLexer::RETURN:
    case CypherLexer::WITH:
    case CypherLexer::CREATE:
    case CypherLexer::MERGE:
    case CypherLexer::SET:
    case CypherLexer::DELETE:
    case CypherLexer::REMOVE:
    case CypherLexer::UNWIND:
    case CypherLexer::CALL:
    case CypherLexer::YIELD:
    case CypherLexer::ORDER:
    case CypherLexer::SKIP_:
    case CypherLexer::LIMIT:
    case CypherLexer::UNION:
    case CypherLexer::WHEN:
    case CypherLexer::THEN:
    case CypherLexer::ELSE:
    case CypherLexer::AS:
    case CypherLexer::ON:
      return true;
    default:
      return false;
  }
}

// Tokens that may nest one expression inside another without brackets.
bool nests_expression(size_t type) {
  switch (type) {
    case CypherLexer::AND:
    case CypherLexer::OR:
    case CypherLexer::XOR:
    case CypherLexer::NOT:
    case CypherLexer::IN:
    case CypherLexer::IS:
    case CypherLexer::STARTS:
    case CypherLexer::ENDS:
    case CypherLexer::CONTAINS:
    case CypherLexer::STAR:
    case CypherLexer::DIV:
    case CypherLexer::MOD:
    case CypherLexer::POW:
    case CypherLexer::PLUS:
    case CypherLexer::DASH:
    case CypherLexer::NEQ:
    case CypherLexer::LT:
    case CypherLexer::GT:
    case CypherLexer::LE:
    case CypherLexer::GE:
    case CypherLexer::REGEX_MATCH:
    case CypherLexer::CASE:
      return true;
    default:
      return false;
  }
}

}  // namespace

void check_text(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_query_bytes) {
    syntax_error("QueryTooLong",
                 "query is " + std::to_string(text.size()) + " bytes long; the limit is " +
                     std::to_string(limits.max_query_bytes),
                 0, 0, {});
  }

  uint32_t line = 1;
  uint32_t column = 1;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      syntax_error("InvalidUnicodeCharacter", "the query contains a NUL character", line, column,
                   text);
    }
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      syntax_error("InvalidUnicodeCharacter", "the query is not valid UTF-8", line, column, text);
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
}

void check_tokens(const std::vector<antlr4::Token*>& tokens, std::string_view text,
                  const ParseLimits& limits) {
  if (tokens.empty() || tokens.front()->getType() == antlr4::Token::EOF) {
    syntax_error("UnexpectedSyntax", "the query is empty", 0, 0, {});
  }

  // Depth estimate: one level per open bracket plus one per operator since the last restart at
  // each open level. It bounds the depth of the tree the parser and the AST builder recurse
  // through, so the limit keeps both within a fixed stack budget.
  std::vector<uint32_t> operators_per_level{0};
  uint32_t depth = 0;
  for (antlr4::Token* token : tokens) {
    size_t type = token->getType();
    auto line = static_cast<uint32_t>(token->getLine());
    auto column = static_cast<uint32_t>(token->getCharPositionInLine() + 1);

    if (type == CypherLexer::MALFORMED_NUMBER) {
      syntax_error("InvalidNumberLiteral", "invalid number literal '" + token->getText() + "'",
                   line, column, text);
    }
    if (type == CypherLexer::UNEXPECTED_CHAR) {
      std::string character = token->getText();
      bool unicode = !character.empty() && static_cast<unsigned char>(character[0]) >= 0x80;
      std::string what = character == "'" || character == "\"" ? "unterminated string literal"
                         : character == "`"                    ? "unterminated escaped name"
                                            : "unexpected character '" + character + "'";
      syntax_error(unicode ? "InvalidUnicodeCharacter" : "UnexpectedSyntax", what, line, column,
                   text);
    }

    std::string spelling = type == antlr4::Token::EOF ? std::string() : token->getText();
    if (spelling == "(" || spelling == "[" || spelling == "{") {
      operators_per_level.push_back(0);
      ++depth;
    } else if ((spelling == ")" || spelling == "]" || spelling == "}") &&
               operators_per_level.size() > 1) {
      depth -= 1 + operators_per_level.back();
      operators_per_level.pop_back();
    } else if (spelling == "," || spelling == "|" || restarts_expression(type)) {
      depth -= operators_per_level.back();
      operators_per_level.back() = 0;
    } else if (nests_expression(type) || spelling == ".") {
      ++operators_per_level.back();
      ++depth;
    }
    if (depth > limits.max_nesting_depth) {
      syntax_error(
          "NestingTooDeep",
          "the query nests deeper than " + std::to_string(limits.max_nesting_depth) + " levels",
          line, column, text);
    }
  }
}

}  // namespace quiver::query::parse_detail
