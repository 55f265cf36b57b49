#pragma once

// Value-or-error returned by every entry point of the gpu layer. Kernels never throw to their
// callers: allocation failures, backend failures and bad parameters all arrive as an Error.

#include <string>
#include <utility>
#include <variant>

namespace quiver::gpu {

// What went wrong, coarse enough for the engine to map onto user-facing error codes.
enum class ErrorCode {
  kInvalidArgument,     // a parameter or an input array breaks the documented preconditions
  kOutOfMemory,         // the backend could not allocate the working buffers
  kNotConverged,        // an iterative algorithm was required to converge and did not
  kBackendUnavailable,  // the backend cannot run (no CUDA device, driver failure)
  kInternal,            // anything else the backend reported; a bug in Quiver or the toolkit
};

// Returns a stable lower-case name for CODE ("invalid_argument", ...). Thread-safe.
const char* error_code_name(ErrorCode code);

// An error code plus a message meant for a human reading a log or a query error.
struct Error {
  ErrorCode code;
  std::string message;
};

// Holds either a T or an Error. Accessing the wrong alternative is a precondition violation
// (std::bad_variant_access), so callers test ok() first. Not synchronised: treat like a value.
template <typename T>
class Result {
 public:
  // Wraps a value or an error; implicit so that functions can return either directly.
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  // True when the result holds a value.
  bool ok() const { return state_.index() == 0; }

  // The value; precondition ok().
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }

  // The error; precondition !ok().
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// The value of a Status that succeeded: carries nothing.
struct Unit {};

// Result for operations that produce nothing but may fail.
using Status = Result<Unit>;

// Convenience constructor for an InvalidArgument error with MESSAGE.
inline Error invalid_argument(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message)};
}

}  // namespace quiver::gpu
