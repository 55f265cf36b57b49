// Recursive-descent reader of the TCK's expected-value syntax.

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "tck/tck_values.h"

namespace quiver::tck {

namespace {

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Appends code point CP to OUT as UTF-8.
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value parse_all() {
    Value v = value();
    skip_space();
    if (pos_ != text_.size()) {
      fail("unexpected text after the value");
    }
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ValueSyntaxError(what + " at offset " + std::to_string(pos_) + " in `" +
                           std::string(text_) + "`");
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }

  char peek() {
    skip_space();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  bool accept(std::string_view token) {
    skip_space();
    if (text_.substr(pos_, token.size()) == token) {
      pos_ += token.size();
      return true;
    }
    return false;
  }

  void expect(std::string_view token) {
    if (!accept(token)) {
      fail("expected `" + std::string(token) + "`");
    }
  }

  // A keyword such as `null` or `true`, not followed by more identifier characters.
  bool accept_word(std::string_view word) {
    skip_space();
    if (text_.substr(pos_, word.size()) != word) {
      return false;
    }
    size_t end = pos_ + word.size();
    if (end < text_.size() && is_identifier_char(text_[end])) {
      return false;
    }
    pos_ = end;
    return true;
  }

  Value value() {
    char c = peek();
    switch (c) {
      case '\'':
        return Value(string_literal());
      case '[':
        return list_or_relationship();
      case '{':
        return Value(map());
      case '(':
        return Value(node());
      case '<':
        return Value(path());
      default:
        break;
    }
    if (accept_word("null")) {
      return Value();
    }
    if (accept_word("true")) {
      return Value(true);
    }
    if (accept_word("false")) {
      return Value(false);
    }
    return number();
  }

  Value number() {
    skip_space();
    size_t start = pos_;
    bool negative = false;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) {
      negative = text_[pos_] == '-';
      ++pos_;
    }
    if (accept_word("NaN")) {
      return Value(std::numeric_limits<double>::quiet_NaN());
    }
    if (accept_word("Inf") || accept_word("Infinity")) {
      double inf = std::numeric_limits<double>::infinity();
      return Value(negative ? -inf : inf);
    }

    bool is_float = false;
    size_t digits = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++digits;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
      } else if ((c == '-' || c == '+') && pos_ > start &&
                 (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')) {
        // the sign of an exponent
      } else {
        break;
      }
      ++pos_;
    }
    if (digits == 0) {
      pos_ = start;
      fail("expected a value");
    }

    std::string literal(text_.substr(start, pos_ - start));
    errno = 0;
    char* end = nullptr;
    if (is_float) {
      double d = std::strtod(literal.c_str(), &end);
      if (*end != '\0') {
        fail("malformed float `" + literal + "`");
      }
      return Value(d);
    }
    long long i = std::strtoll(literal.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) {
      fail("malformed or out-of-range integer `" + literal + "`");
    }
    return Value(static_cast<int64_t>(i));
  }

  std::string string_literal() {
    expect("'");
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) {
        fail("unterminated string");
      }
      char c = text_[pos_++];
      if (c == '\'') {
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) {
        fail("unterminated escape");
      }
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u':
          out_unicode(out);
          break;
        default:
          out += e;  // \\, \', \" and any other escaped character stand for themselves
          break;
      }
    }
  }

  void out_unicode(std::string& out) {
    if (pos_ + 4 > text_.size()) {
      fail("short \\u escape");
    }
    std::string hex(text_.substr(pos_, 4));
    char* end = nullptr;
    unsigned long cp = std::strtoul(hex.c_str(), &end, 16);
    if (*end != '\0') {
      fail("malformed \\u escape");
    }
    pos_ += 4;
    append_utf8(out, static_cast<uint32_t>(cp));
  }

  // A label, type or map key: plain identifier or `backticked`.
  std::string name() {
    skip_space();
    if (accept("`")) {
      size_t close = text_.find('`', pos_);
      if (close == std::string_view::npos) {
        fail("unterminated backticked name");
      }
      std::string out(text_.substr(pos_, close - pos_));
      pos_ = close + 1;
      return out;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) {
      ++pos_;
    }
    if (pos_ == start) {
      fail("expected a name");
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  Map map() {
    expect("{");
    Map out;
    if (accept("}")) {
      return out;
    }
    do {
      std::string key = name();
      expect(":");
      out[key] = value();
    } while (accept(","));
    expect("}");
    return out;
  }

  Value list_or_relationship() {
    expect("[");
    if (peek() == ':') {
      --pos_;
      return Value(relationship());
    }
    List out;
    if (accept("]")) {
      return Value(std::move(out));
    }
    do {
      out.push_back(value());
    } while (accept(","));
    expect("]");
    return Value(std::move(out));
  }

  Node node() {
    expect("(");
    Node out;
    while (accept(":")) {
      out.labels.push_back(name());
    }
    if (peek() == '{') {
      out.properties = map();
    }
    expect(")");
    return out;
  }

  Relationship relationship() {
    expect("[");
    expect(":");
    Relationship out;
    out.type = name();
    if (peek() == '{') {
      out.properties = map();
    }
    expect("]");
    return out;
  }

  Path path() {
    expect("<");
    Path out;
    out.nodes.push_back(node());
    while (!accept(">")) {
      bool backward = accept("<-");
      if (!backward) {
        expect("-");
      }
      Relationship r = relationship();
      if (backward) {
        expect("-");
      } else {
        expect("->");
      }
      int64_t here = static_cast<int64_t>(out.nodes.size()) - 1;
      r.id = here;
      r.start = backward ? here + 1 : here;
      r.end = backward ? here : here + 1;
      out.relationships.push_back(std::move(r));
      Node next = node();
      next.id = here + 1;
      out.nodes.push_back(std::move(next));
    }
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Value parse_value(std::string_view text) {
  return Parser(text).parse_all();
}

}  // namespace quiver::tck
