// Value-or-error results returned by every storage operation.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace quiver::storage {

// Why a storage operation failed. Callers branch on the code; the message is for people.
enum class StorageErrc {
  NotFound,             // the node, relationship, name, index or key does not exist
  MapFull,              // the LMDB map is full and could not be grown within this transaction
  DiskFull,             // the file system refused to write (ENOSPC, EDQUOT)
  VersionMismatch,      // the database was written by a different format version
  Corrupt,              // a page, record or encoding is damaged or truncated
  Locked,               // the lock file is held or readers/writers are exhausted
  Permission,           // the directory or a file cannot be opened with the needed access
  ConstraintViolation,  // a uniqueness constraint or a referential rule would break
  InvalidArgument,      // the caller passed something the operation does not accept
  ReadOnly,             // a write was attempted through a read transaction or read-only env
  Io,                   // any other operating-system or LMDB failure
};

// Returns a stable lower-case name for CODE ("not_found", "map_full", ...).
const char* to_string(StorageErrc code) noexcept;

// A failed storage operation: a code to branch on and a message naming what failed and where.
struct StorageError {
  StorageErrc code;
  std::string message;
};

// Holds either a T or a StorageError. Cheap to move; not thread-safe beyond what T offers.
// Accessing value() on an error (or error() on a value) is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  Result(StorageError error) : state_(std::move(error)) {}  // NOLINT

  // True when the result holds a value.
  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // The value; precondition ok().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; precondition !ok().
  const StorageError& error() const& { return std::get<1>(state_); }
  StorageError&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, StorageError> state_;
};

// Result of an operation that yields nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(StorageError error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }

  // The error; precondition !ok().
  const StorageError& error() const& { return *error_; }
  StorageError&& error() && { return std::move(*error_); }

 private:
  std::optional<StorageError> error_;
};

using Status = Result<void>;

// Builds an error result; shorthand for StorageError{code, message}.
inline StorageError make_error(StorageErrc code, std::string message) {
  return StorageError{code, std::move(message)};
}

}  // namespace quiver::storage

// Evaluates EXPR (a Result or Status); on error returns that error from the enclosing function.
#define QUIVER_STORAGE_TRY(expr)                    \
  do {                                              \
    auto quiver_try_result_ = (expr);               \
    if (!quiver_try_result_.ok()) {                 \
      return std::move(quiver_try_result_).error(); \
    }                                               \
  } while (false)

// Evaluates EXPR (a Result<T>); on error returns the error, else moves the value into LHS.
#define QUIVER_STORAGE_ASSIGN(lhs, expr) \
  QUIVER_STORAGE_ASSIGN_IMPL_(QUIVER_STORAGE_CAT_(quiver_r_, __LINE__), lhs, expr)
#define QUIVER_STORAGE_CAT_(a, b) QUIVER_STORAGE_CAT2_(a, b)
#define QUIVER_STORAGE_CAT2_(a, b) a##b
#define QUIVER_STORAGE_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) {                                  \
    return std::move(tmp).error();                  \
  }                                                 \
  lhs = std::move(tmp).value()
