#pragma once

// The one exception type of the query layer. Every stage (parse, analyze, plan, execute) reports
// a user-facing failure by throwing QueryError; the session boundary catches it once and maps it
// to what users see. Categories and details are the openCypher TCK's names.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quiver::query {

// The TCK's error types (README.adoc of the TCK, "Cypher errors").
enum class ErrorCategory {
  kSyntaxError,
  kSemanticError,
  kParameterMissing,
  kConstraintVerificationFailed,
  kConstraintValidationFailed,
  kEntityNotFound,
  kPropertyNotFound,
  kLabelNotFound,
  kTypeError,
  kArgumentError,
  kArithmeticError,
  kProcedureError,
  kSecurityError,
};

// When the error was found: before any data was touched, or while running.
enum class ErrorPhase { kCompileTime, kRuntime };

// The TCK spelling of a category ("SyntaxError", ...). Never fails.
std::string_view category_name(ErrorCategory category);

// The TCK spelling of a phase ("compile time" or "runtime"). Never fails.
std::string_view phase_name(ErrorPhase phase);

// A user-facing query failure.
//
// - category(): the TCK error type.
// - detail(): the TCK detail name ("UndefinedVariable", "UnexpectedSyntax", ...).
// - line()/column(): 1-based position of the offending text (column in code points); 0 when the
//   error is not tied to a place in the query (most runtime errors).
// - what(): a one-line summary "Category (Detail): message at line L, column C", followed, when
//   the query text was supplied, by the offending line and a caret under the column.
//
// Copyable, immutable after construction, safe to read from any thread.
class QueryError : public std::runtime_error {
 public:
  // Builds an error. `query_text` may be empty; when it is given and line > 0, the excerpt with a
  // caret is appended to what().
  QueryError(ErrorCategory category, ErrorPhase phase, std::string detail, std::string message,
             uint32_t line = 0, uint32_t column = 0, std::string_view query_text = {});

  ErrorCategory category() const { return category_; }
  ErrorPhase phase() const { return phase_; }
  const std::string& detail() const { return detail_; }
  // The message without category, position or excerpt.
  const std::string& message() const { return message_; }
  uint32_t line() const { return line_; }
  uint32_t column() const { return column_; }

 private:
  ErrorCategory category_;
  ErrorPhase phase_;
  std::string detail_;
  std::string message_;
  uint32_t line_;
  uint32_t column_;
};

// The line `line` (1-based) of `text` with a caret under `column` (1-based, code points), for
// error messages; empty when the line does not exist. Non-printable bytes are shown as '?'.
std::string caret_excerpt(std::string_view text, uint32_t line, uint32_t column);

}  // namespace quiver::query
