// Splitting a script of Cypher statements at the semicolons that end them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::shell {

// One statement cut out of a script.
struct ScriptStatement {
  std::string text;   // the statement without its terminating semicolon, trimmed of blanks
  uint32_t line = 1;  // 1-based line of the script where the statement's first character is
};

// Cuts SCRIPT into statements at every semicolon that is not inside a string literal ('...' or
// "..." with backslash escapes), a backtick-quoted name (`...`, a doubled backtick inside) or a
// comment (// to the end of the line, /* ... */). The last statement needs no semicolon.
// Pieces holding only blanks and comments are dropped. An unterminated string, name or comment
// runs to the end of the script and stays part of the last statement, so that running it reports
// the syntax error at its place. Pure function, safe from any thread.
std::vector<ScriptStatement> split_statements(std::string_view script);

}  // namespace quiver::shell
