#pragma once

// Checks on raw query text and on its token stream that run before the parser, so that the
// parser only ever sees input it can handle within bounded memory and stack. Internal to the
// parse stage.

#include <string_view>
#include <vector>

#include "antlr4-runtime.h"
#include "query/parse/parser.h"

namespace quiver::query::parse_detail {

// Rejects text that is too long, not valid UTF-8, or contains NUL bytes. Throws QueryError
// (SyntaxError at compile time) positioned at the first offending byte.
void check_text(std::string_view text, const ParseLimits& limits);

// Rejects an empty token stream, malformed number literals, stray characters and nesting deeper
// than the limit. `tokens` is the complete stream including EOF. Throws QueryError.
void check_tokens(const std::vector<antlr4::Token*>& tokens, std::string_view text,
                  const ParseLimits& limits);

}  // namespace quiver::query::parse_detail
