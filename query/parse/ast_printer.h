#pragma once

// Turns an AST back into canonical Cypher text: keywords in upper case, every operator
// application parenthesised, names backtick-quoted when needed, strings single-quoted. Parsing the
// output yields an equal tree (positions aside), which the tests use to check the parser.

#include <string>

#include "query/parse/ast.h"

namespace quiver::query {

// Canonical text of a whole statement. Never fails; thread-safe.
std::string print_statement(const ast::Statement& statement);

// Canonical text of one expression. Never fails; thread-safe.
std::string print_expression(const ast::Expression& expression);

// A name as it must be written in a query: unchanged when it is a plain identifier that is not
// a keyword, otherwise backtick-quoted with inner backticks doubled.
std::string quote_name(const std::string& name);

}  // namespace quiver::query
