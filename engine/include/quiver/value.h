// quiver::Value: a property value as the embedded API hands it in and out.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace quiver {

class Value;

// A list of values of any kinds.
using ValueList = std::vector<Value>;

// A map from names to values, sorted by name.
using ValueMap = std::map<std::string, Value>;

// A compact vector of 32-bit floats (embeddings).
using FloatVector = std::vector<float>;

// A property value: null, bool, 64-bit integer, double, UTF-8 string, list, map or float
// vector. A regular value type; no shared state, safe to copy between threads.
class Value {
 public:
  using Variant = std::variant<std::monostate, bool, std::int64_t, double, std::string, ValueList,
                               ValueMap, FloatVector>;

  Value() = default;
  Value(std::nullptr_t) {}                      // NOLINT(google-explicit-constructor)
  Value(bool v) : v_(v) {}                      // NOLINT
  Value(int v) : v_(std::int64_t{v}) {}         // NOLINT
  Value(std::int64_t v) : v_(v) {}              // NOLINT
  Value(double v) : v_(v) {}                    // NOLINT
  Value(const char* v) : v_(std::string(v)) {}  // NOLINT
  Value(std::string v) : v_(std::move(v)) {}    // NOLINT
  Value(ValueList v) : v_(std::move(v)) {}      // NOLINT
  Value(ValueMap v) : v_(std::move(v)) {}       // NOLINT
  Value(FloatVector v) : v_(std::move(v)) {}    // NOLINT

  bool is_null() const noexcept { return v_.index() == 0; }

  // The underlying variant, for std::visit and std::get.
  const Variant& variant() const noexcept { return v_; }

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  Variant v_;
};

}  // namespace quiver
