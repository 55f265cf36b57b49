#pragma once

// The error type every temporal operation reports instead of throwing. The query layer maps each
// code to the Cypher error users see.

#include <string>
#include <utility>
#include <variant>

namespace quiver::temporal {

// What kind of thing went wrong. Stable: the query layer switches on it.
enum class TemporalErrorCode {
  kInvalidFormat,    // a string is not one of the accepted ISO 8601 forms
  kOutOfRange,       // a component (month 13, hour 24, offset +19:00) is outside its range
  kInvalidArgument,  // a bad combination: unknown component, month with week, missing year
  kUnknownZone,      // a zone name the tz database does not know
  kOverflow,         // a result does not fit the supported range
};

// A failed operation: a code and a message naming the offending input. Plain value, any thread.
struct TemporalError {
  TemporalErrorCode code;
  std::string message;
};

// Returns the name of `code` ("InvalidFormat", ...), for messages and tests.
const char* error_code_name(TemporalErrorCode code);

// Value-or-error. Holds a T on success and a TemporalError on failure. Accessing the side that is
// not held is a programming error (std::get throws std::bad_variant_access); callers test ok()
// first. Plain value type, no sharing.
template <class T>
class [[nodiscard]] TemporalResult {
 public:
  // Implicit, so a function returns either a T or a TemporalError directly.
  TemporalResult(const T& value) : data_(std::in_place_index<0>, value) {}
  TemporalResult(T&& value) : data_(std::in_place_index<0>, std::move(value)) {}
  TemporalResult(TemporalError error) : data_(std::in_place_index<1>, std::move(error)) {}

  // True when a value is held.
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; precondition ok().
  const T& value() const& { return std::get<0>(data_); }
  T& value() & { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; precondition !ok().
  const TemporalError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, TemporalError> data_;
};

// Shorthands that build an error with the given message.
inline TemporalError invalid_format(std::string message) {
  return {TemporalErrorCode::kInvalidFormat, std::move(message)};
}
inline TemporalError out_of_range(std::string message) {
  return {TemporalErrorCode::kOutOfRange, std::move(message)};
}
inline TemporalError invalid_argument(std::string message) {
  return {TemporalErrorCode::kInvalidArgument, std::move(message)};
}
inline TemporalError unknown_zone(std::string message) {
  return {TemporalErrorCode::kUnknownZone, std::move(message)};
}
inline TemporalError overflow(std::string message) {
  return {TemporalErrorCode::kOverflow, std::move(message)};
}

}  // namespace quiver::temporal
