#pragma once

// Turns the generated parser's tree into the AST. Internal to the parse stage: this is the only
// place where ANTLR types and AST types meet.

#include <string>
#include <string_view>
#include <vector>

#include "CypherParser.h"
#include "antlr4-runtime.h"
#include "query/errors.h"
#include "query/parse/ast.h"

namespace quiver::query::parse_detail {

using grammar::CypherParser;

// Builds AST nodes from parse-tree contexts of one statement. Holds the character stream to
// recover the text of projection items and the query text for error excerpts.
//
// Lifetime: borrows `input` and `query_text`, which must outlive the builder. Not thread-safe;
// one builder per parse. Throws QueryError for literal errors (bad numbers, escapes).
class AstBuilder {
 public:
  AstBuilder(antlr4::CharStream& input, std::string_view query_text)
      : input_(input), query_text_(query_text) {}

  ast::Statement statement(CypherParser::StatementContext* ctx);

  // Statements and clauses (ast_builder.cpp).
  ast::Query regular_query(CypherParser::RegularQueryContext* ctx);
  ast::SingleQuery single_query(CypherParser::SingleQueryContext* ctx);
  ast::Clause clause(CypherParser::ClauseContext* ctx);
  ast::LoadCsv load_csv(CypherParser::LoadCsvClauseContext* ctx);

  // Patterns (ast_builder_patterns.cpp).
  std::vector<ast::PatternPart> pattern(CypherParser::PatternContext* ctx);
  ast::PatternPart pattern_part(CypherParser::PatternPartContext* ctx);
  ast::PatternElement pattern_element(CypherParser::PatternElementContext* ctx);
  ast::PatternElement relationships_pattern(CypherParser::RelationshipsPatternContext* ctx);
  ast::NodePattern node_pattern(CypherParser::NodePatternContext* ctx);
  ast::RelationshipPattern relationship_pattern(CypherParser::RelationshipPatternContext* ctx);

  // Expressions (ast_builder_expressions.cpp).
  ast::ExprPtr expression(CypherParser::ExpressionContext* ctx);
  ast::ExprPtr atom(CypherParser::AtomContext* ctx);
  ast::ExprPtr literal(CypherParser::LiteralContext* ctx);
  ast::ExprPtr map_literal(CypherParser::MapLiteralContext* ctx);
  ast::ExprPtr parameter(CypherParser::ParameterContext* ctx);
  ast::ExprPtr property_target(CypherParser::PropertyTargetContext* ctx);

  // Names.
  std::string name(CypherParser::SymbolicNameContext* ctx);
  std::string name(CypherParser::SchemaNameContext* ctx);
  std::string name(CypherParser::VariableContext* ctx);
  std::string name(antlr4::tree::TerminalNode* node);
  std::vector<std::string> labels(CypherParser::NodeLabelsContext* ctx);

  // Position of a context's or token's first character.
  static ast::SourcePos pos(antlr4::ParserRuleContext* ctx);
  static ast::SourcePos pos(antlr4::Token* token);

  // The query text a context spans, as written.
  std::string text(antlr4::ParserRuleContext* ctx);

  // Throws a compile-time SyntaxError at `at`.
  [[noreturn]] void fail(ast::SourcePos at, const std::string& detail,
                         const std::string& message) const;

 private:
  ast::Projection projection(CypherParser::ProjectionBodyContext* ctx);
  std::vector<ast::SetItem> set_items(CypherParser::SetClauseContext* ctx);
  ast::Clause call_clause(CypherParser::CallClauseContext* ctx);
  ast::StatementNode schema_command(CypherParser::SchemaCommandContext* ctx);
  ast::ExprPtr number(CypherParser::NumberLiteralContext* ctx, bool negated);
  ast::ExprPtr binary(ast::SourcePos at, ast::BinaryOp op, CypherParser::ExpressionContext* lhs,
                      CypherParser::ExpressionContext* rhs);
  ast::ExprPtr comparison(CypherParser::ComparisonExpressionContext* ctx);
  ast::ExprPtr special_atom(CypherParser::AtomContext* ctx);

  antlr4::CharStream& input_;
  std::string_view query_text_;
};

// Builds an expression node at a position.
inline ast::ExprPtr make_expr(ast::SourcePos at, ast::ExpressionNode node) {
  return ast::Expression{at, std::move(node)};
}

}  // namespace quiver::query::parse_detail
