#pragma once

// Decoding of number and string literal tokens into values. Internal to the parse stage.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quiver::query::parse_detail {

// A literal that cannot be decoded. `detail` is the TCK detail name; `offset` counts code
// points from the start of the token to the offending character.
struct LiteralError {
  std::string detail;
  std::string message;
  uint32_t offset = 0;
};

// The magnitude of a decimal, hexadecimal (0x) or octal (0o) integer token, or nullopt when it
// does not fit in 64 unsigned bits. Precondition: `token` matches one of those lexer rules.
std::optional<uint64_t> integer_magnitude(std::string_view token);

// The value of a float token. Throws LiteralError (FloatingPointOverflow) when it is not finite.
double float_value(std::string_view token);

// The content of a quoted string token with its escapes resolved, as UTF-8. Throws LiteralError
// (InvalidUnicodeLiteral for a bad \u or \U escape, UnexpectedSyntax for an unknown escape).
std::string string_value(std::string_view token);

// The name inside one or more backtick-quoted parts (a doubled backtick stands for one).
std::string escaped_name(std::string_view token);

// The value of the hexadecimal digit C (0-9, a-f, A-F), or -1 when C is not one.
int hex_digit_value(char c);

// Appends `code_point` to `out` as UTF-8. Precondition: a valid scalar value.
void append_utf8(std::string& out, uint32_t code_point);

}  // namespace quiver::query::parse_detail
