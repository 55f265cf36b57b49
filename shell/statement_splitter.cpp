#include "shell/statement_splitter.h"

#include <cctype>

namespace quiver::shell {

namespace {

bool is_blank(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Scans a script once, remembering where the current statement's first code character is (none
// yet while it holds only blanks and comments).
class Splitter {
 public:
  explicit Splitter(std::string_view script) : script_(script) {}

  std::vector<ScriptStatement> run() {
    while (pos_ < script_.size()) {
      char c = script_[pos_];
      if (c == ';') {
        finish(pos_);
        ++pos_;
        has_code_ = false;
      } else if (c == '\'' || c == '"') {
        mark_code();
        skip_string(c);
      } else if (c == '`') {
        mark_code();
        skip_name();
      } else if (starts_with("//")) {
        skip_to_line_end();
      } else if (starts_with("/*")) {
        skip_block_comment();
      } else {
        if (!is_blank(c)) {
          mark_code();
        }
        advance();
      }
    }
    finish(script_.size());
    return std::move(statements_);
  }

 private:
  bool starts_with(std::string_view prefix) const {
    return script_.substr(pos_, prefix.size()) == prefix;
  }

  void advance() {
    if (script_[pos_] == '\n') {
      ++line_;
    }
    ++pos_;
  }

  void mark_code() {
    if (!has_code_) {
      has_code_ = true;
      code_line_ = line_;
      code_pos_ = pos_;
    }
  }

  // A string literal: a backslash escapes the next character, so \' never closes it.
  void skip_string(char quote) {
    advance();
    while (pos_ < script_.size() && script_[pos_] != quote) {
      if (script_[pos_] == '\\' && pos_ + 1 < script_.size()) {
        advance();
      }
      advance();
    }
    if (pos_ < script_.size()) {
      advance();
    }
  }

  // A backtick-quoted name: `` inside it stands for one backtick.
  void skip_name() {
    advance();
    while (pos_ < script_.size()) {
      if (script_[pos_] == '`') {
        if (pos_ + 1 < script_.size() && script_[pos_ + 1] == '`') {
          advance();
          advance();
          continue;
        }
        advance();
        return;
      }
      advance();
    }
  }

  void skip_to_line_end() {
    while (pos_ < script_.size() && script_[pos_] != '\n') {
      advance();
    }
  }

  void skip_block_comment() {
    advance();
    advance();
    while (pos_ < script_.size() && !starts_with("*/")) {
      advance();
    }
    if (pos_ < script_.size()) {
      advance();
      advance();
    }
  }

  // Keeps script_[code_pos_, end) as a statement when it holds code: blanks and comments before
  // the first code character are left out, so the statement's first line is the script line
  // that ScriptStatement::line names.
  void finish(size_t end) {
    if (!has_code_) {
      return;
    }
    std::string_view text = script_.substr(code_pos_, end - code_pos_);
    while (!text.empty() && is_blank(text.back())) {
      text.remove_suffix(1);
    }
    statements_.push_back(ScriptStatement{std::string(text), code_line_});
  }

  std::string_view script_;
  size_t pos_ = 0;
  size_t code_pos_ = 0;
  uint32_t line_ = 1;
  uint32_t code_line_ = 1;
  bool has_code_ = false;
  std::vector<ScriptStatement> statements_;
};

}  // namespace

std::vector<ScriptStatement> split_statements(std::string_view script) {
  return Splitter(script).run();
}

}  // namespace quiver::shell
