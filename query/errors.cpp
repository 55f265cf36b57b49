#include "query/errors.h"

#include <string>

namespace quiver::query {

std::string_view category_name(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::kSyntaxError:
      return "SyntaxError";
    case ErrorCategory::kSemanticError:
      return "SemanticError";
    case ErrorCategory::kParameterMissing:
      return "ParameterMissing";
    case ErrorCategory::kConstraintVerificationFailed:
      return "ConstraintVerificationFailed";
    case ErrorCategory::kConstraintValidationFailed:
      return "ConstraintValidationFailed";
    case ErrorCategory::kEntityNotFound:
      return "EntityNotFound";
    case ErrorCategory::kPropertyNotFound:
      return "PropertyNotFound";
    case ErrorCategory::kLabelNotFound:
      return "LabelNotFound";
    case ErrorCategory::kTypeError:
      return "TypeError";
    case ErrorCategory::kSecurityError:
      return "SecurityError";
    case ErrorCategory::kArgumentError:
      return "ArgumentError";
    case ErrorCategory::kArithmeticError:
      return "ArithmeticError";
    case ErrorCategory::kProcedureError:
      return "ProcedureError";
  }
  return "Error";
}

std::string_view phase_name(ErrorPhase phase) {
  return phase == ErrorPhase::kCompileTime ? "compile time" : "runtime";
}

namespace {

// True for the bytes that start a UTF-8 sequence (every byte but continuation bytes).
bool starts_code_point(unsigned char byte) {
  return (byte & 0xC0) != 0x80;
}

std::string summary(ErrorCategory category, const std::string& detail, const std::string& message,
                    uint32_t line, uint32_t column, std::string_view query_text) {
  std::string text(category_name(category));
  if (!detail.empty()) {
    text += " (" + detail + ")";
  }
  text += ": " + message;
  if (line > 0) {
    text += " at line " + std::to_string(line) + ", column " + std::to_string(column);
    std::string excerpt = caret_excerpt(query_text, line, column);
    if (!excerpt.empty()) {
      text += "\n" + excerpt;
    }
  }
  return text;
}

}  // namespace

QueryError::QueryError(ErrorCategory category, ErrorPhase phase, std::string detail,
                       std::string message, uint32_t line, uint32_t column,
                       std::string_view query_text)
    : std::runtime_error(summary(category, detail, message, line, column, query_text)),
      category_(category),
      phase_(phase),
      detail_(std::move(detail)),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

std::string caret_excerpt(std::string_view text, uint32_t line, uint32_t column) {
  if (line == 0 || text.empty()) {
    return {};
  }

  // Find the start of the requested line.
  size_t begin = 0;
  for (uint32_t current = 1; current < line; ++current) {
    size_t newline = text.find('\n', begin);
    if (newline == std::string_view::npos) {
      return {};
    }
    begin = newline + 1;
  }
  size_t end = text.find('\n', begin);
  std::string_view row =
      text.substr(begin, end == std::string_view::npos ? text.size() - begin : end - begin);

  // Very long lines (a megabyte literal) are cut around the column so the message stays short.
  constexpr size_t kMaxRow = 160;
  std::string shown;
  uint32_t caret_at = 0;
  uint32_t code_point = 0;
  size_t skipped = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    unsigned char byte = static_cast<unsigned char>(row[i]);
    if (!starts_code_point(byte)) {
      continue;
    }
    ++code_point;
    if (code_point + kMaxRow / 2 < column) {
      ++skipped;
      continue;
    }
    if (shown.size() >= kMaxRow) {
      break;
    }
    if (code_point == column) {
      caret_at = static_cast<uint32_t>(shown.size());
    }
    shown += (byte >= 0x20 && byte < 0x7F) ? static_cast<char>(byte) : (byte == '\t' ? ' ' : '?');
  }
  if (column > code_point) {
    caret_at = static_cast<uint32_t>(shown.size());
  }
  if (skipped > 0) {
    shown = "..." + shown;
    caret_at += 3;
  }
  return shown + "\n" + std::string(caret_at, ' ') + "^";
}

}  // namespace quiver::query
