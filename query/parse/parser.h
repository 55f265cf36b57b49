#pragma once

// Entry point of the parse stage: query text in, AST out, or a QueryError.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "query/parse/ast.h"

namespace quiver::query {

// Bounds that keep hostile input from exhausting memory or the stack. The defaults are the
// documented product limits (docs/cypher-frontend.md).
struct ParseLimits {
  // Longest accepted query text, in bytes.
  size_t max_query_bytes = 16u << 20;

  // Deepest accepted nesting of brackets ( [ { and nested constructs. Checked on the token stream
  // before the recursive-descent parser runs, so the parser's recursion stays bounded.
  uint32_t max_nesting_depth = 256;
};

// Parses one Cypher statement (optionally prefixed by EXPLAIN or PROFILE, optionally ended by a
// semicolon).
//
// Returns the tree; the caller owns it. Throws QueryError with category SyntaxError at compile
// time (details: UnexpectedSyntax, InvalidNumberLiteral, IntegerOverflow, FloatingPointOverflow,
// InvalidUnicodeLiteral, InvalidUnicodeCharacter, ...) and a caret excerpt; also for invalid
// UTF-8, NUL bytes, an empty statement, and input beyond `limits`. Never crashes on any input.
// Thread-safe: calls share no state.
ast::Statement parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace quiver::query
