#pragma once

// quiver::Error: the one exception type of the embedded API, and Outcome<T>, the non-throwing
// form of every call that may fail. Errors from any layer (parser, analyzer, planner, executor,
// storage) arrive as an Error carrying the openCypher TCK category and detail.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace quiver {

// A failure reported to a caller of the embedded API.
//
// - category(): the TCK error type: "SyntaxError", "SemanticError", "ParameterMissing",
//   "ConstraintVerificationFailed", "ConstraintValidationFailed", "EntityNotFound",
//   "PropertyNotFound", "LabelNotFound", "TypeError", "ArgumentError", "ArithmeticError",
//   "ProcedureError"; and, for failures outside the language, "DatabaseError" (storage: disk
//   full, corruption, read-only database, ...), "TransactionError" (a transaction used after
//   it ended, a write in a read transaction, a statement stopped by its cancel flag: detail
//   "Cancelled"), "TimeoutError" (detail "QueryTimeout": a statement stopped at its time limit,
//   see RunOptions) and "MemoryLimitExceeded" (the per-query memory bound, see
//   Options::query_memory_limit).
// - detail(): the TCK detail ("UndefinedVariable", "IntegerOverflow", "DeleteConnectedNode",
//   ...) or, for DatabaseError, the storage error code ("map_full", "read_only", ...).
// - phase(): "compile time" (nothing was read or written) or "runtime".
// - line()/column(): 1-based position in the query text (column in code points); 0 when the
//   error is not tied to a place in the query.
// - message(): one sentence without category or position.
// - what(): "Category (Detail): message at line L, column C" and, when the query text is known,
//   the offending line with a caret under the column.
//
// Copyable, immutable, safe to read from any thread.
class Error : public std::runtime_error {
 public:
  Error(std::string category, std::string detail, std::string phase, std::string message,
        uint32_t line = 0, uint32_t column = 0, const std::string& what = {});

  const std::string& category() const noexcept { return category_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& phase() const noexcept { return phase_; }
  const std::string& message() const noexcept { return message_; }
  uint32_t line() const noexcept { return line_; }
  uint32_t column() const noexcept { return column_; }

 private:
  std::string category_;
  std::string detail_;
  std::string phase_;
  std::string message_;
  uint32_t line_ = 0;
  uint32_t column_ = 0;
};

// Either a T or the Error that stopped it: returned by the try_* calls, which never throw
// quiver::Error (std::bad_alloc may still escape). Movable and copyable when T is.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Outcome(Error error) : state_(std::move(error)) {}  // NOLINT

  // True when a value is held.
  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // The value. Precondition: ok() (std::bad_variant_access otherwise).
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The value, or the held Error thrown when there is none.
  T value_or_throw() && {
    if (!ok())
      throw std::get<1>(state_);
    return std::get<0>(std::move(state_));
  }

  // The error. Precondition: !ok().
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace quiver
