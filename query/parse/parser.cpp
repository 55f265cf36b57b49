#include "query/parse/parser.h"

#include <memory>
#include <string>

#include "CypherLexer.h"
#include "CypherParser.h"
#include "antlr4-runtime.h"
#include "query/errors.h"
#include "query/parse/ast_builder.h"
#include "query/parse/input_checks.h"

namespace quiver::query {

namespace {

using grammar::CypherLexer;
using grammar::CypherParser;

// Turns the first syntax error the parser reports into a QueryError; parsing stops there.
class ThrowingErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit ThrowingErrorListener(std::string_view text) : text_(text) {}

  void syntaxError(antlr4::Recognizer* /*recognizer*/, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& message,
                   std::exception_ptr /*error*/) override {
    std::string what;
    if (offending == nullptr || offending->getType() == antlr4::Token::EOF) {
      what = "unexpected end of input";
    } else {
      what = "invalid input '" + offending->getText() + "'";
    }

    // The parser's own message lists the expected tokens; keep it when it stays readable.
    constexpr size_t kReadableMessage = 160;
    if (message.size() <= kReadableMessage) {
      what += " (" + message + ")";
    }
    throw QueryError(ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime, "UnexpectedSyntax",
                     what, static_cast<uint32_t>(line), static_cast<uint32_t>(column + 1), text_);
  }

 private:
  std::string_view text_;
};

}  // namespace

ast::Statement parse(std::string_view text, const ParseLimits& limits) {
  parse_detail::check_text(text, limits);

  antlr4::ANTLRInputStream input(text.data(), text.size());
  CypherLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  parse_detail::check_tokens(tokens.getTokens(), text, limits);

  // Fast path: SLL prediction and bail on the first error. Only when that fails is the input
  // parsed again with full LL prediction, which is slower but exact and reports the error.
  CypherParser parser(&tokens);
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  CypherParser::StatementInputContext* tree = nullptr;
  try {
    tree = parser.statementInput();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    ThrowingErrorListener listener(text);
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.statementInput();
    parser.removeErrorListeners();
  }

  parse_detail::AstBuilder builder(input, text);
  return builder.statement(tree->statement());
}

}  // namespace quiver::query
