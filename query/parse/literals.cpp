#include "query/parse/literals.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace quiver::query::parse_detail {

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

namespace {

// Reads `count` hex digits at `pos`; nullopt when there are fewer or one is not a hex digit.
std::optional<uint32_t> read_hex(std::string_view text, size_t pos, size_t count) {
  if (pos + count > text.size()) {
    return std::nullopt;
  }
  uint32_t value = 0;
  for (size_t i = 0; i < count; ++i) {
    int d = hex_digit_value(text[pos + i]);
    if (d < 0) {
      return std::nullopt;
    }
    value = value * 16 + static_cast<uint32_t>(d);
  }
  return value;
}

// Code-point offset of byte `pos` in `text` (which is valid UTF-8).
uint32_t code_points_before(std::string_view text, size_t pos) {
  uint32_t count = 0;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

}  // namespace

std::optional<uint64_t> integer_magnitude(std::string_view token) {
  uint64_t base = 10;
  size_t pos = 0;
  if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
    base = 16;
    pos = 2;
  } else if (token.size() > 2 && token[0] == '0' && (token[1] == 'o' || token[1] == 'O')) {
    base = 8;
    pos = 2;
  }

  uint64_t value = 0;
  for (; pos < token.size(); ++pos) {
    auto digit = static_cast<uint64_t>(hex_digit_value(token[pos]));
    if (value > (UINT64_MAX - digit) / base) {
      return std::nullopt;
    }
    value = value * base + digit;
  }
  return value;
}

double float_value(std::string_view token) {
  std::string text(token);
  errno = 0;
  double value = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value) || (errno == ERANGE && value != 0.0)) {
    throw LiteralError{"FloatingPointOverflow", "floating-point literal is out of range", 0};
  }
  return value;
}

std::string string_value(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  std::string_view body = token.substr(1, token.size() - 2);

  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      out += c;
      continue;
    }

    // The lexer guarantees a character after every backslash.
    uint32_t offset = code_points_before(body, i) + 1;
    char escape = body[++i];
    switch (escape) {
      case '\\':
      case '\'':
      case '"':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u':
      case 'U': {
        size_t width = escape == 'u' ? 4 : 8;
        std::optional<uint32_t> code = read_hex(body, i + 1, width);
        if (!code || *code > 0x10FFFF) {
          throw LiteralError{"InvalidUnicodeLiteral", "invalid Unicode escape sequence", offset};
        }
        i += width;

        // A UTF-16 surrogate pair written as two \u escapes stands for one code point.
        if (*code >= 0xD800 && *code <= 0xDBFF && i + 6 < body.size() + 1 &&
            body.substr(i + 1, 2) == "\\u") {
          std::optional<uint32_t> low = read_hex(body, i + 3, 4);
          if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          }
        }
        if (*code >= 0xD800 && *code <= 0xDFFF) {
          throw LiteralError{"InvalidUnicodeLiteral", "unpaired UTF-16 surrogate in escape",
                             offset};
        }
        append_utf8(out, *code);
        break;
      }
      default:
        throw LiteralError{"UnexpectedSyntax", "unknown escape sequence in string literal", offset};
    }
  }
  return out;
}

std::string escaped_name(std::string_view token) {
  // `a``b` is the name a`b; the lexer joins adjacent quoted parts into one token.
  std::string out;
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    if (token[i] == '`') {
      out += '`';
      ++i;
      continue;
    }
    out += token[i];
  }
  return out;
}

void append_utf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace quiver::query::parse_detail
