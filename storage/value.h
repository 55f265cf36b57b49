// PropertyValue: the values a node or relationship property can hold.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "storage/temporal/values.h"

namespace quiver::storage {

class PropertyValue;

// A list of values; elements may have different kinds, as in Cypher.
using PropertyList = std::vector<PropertyValue>;

// A map from UTF-8 names to values, kept sorted by name (byte order).
using PropertyMap = std::map<std::string, PropertyValue>;

// A compact vector of 32-bit floats, used for embeddings.
using FloatVector = std::vector<float>;

// A temporal value (storage/temporal/values.h): date, time, datetime or duration.
using TemporalValue = temporal::TemporalValue;

// Kinds of PropertyValue. The numeric values are the kind tags of the on-disk encodings
// (docs/storage-format.md); they follow Cypher's order of kinds, the temporal kinds included.
enum class ValueKind : std::uint8_t {
  Map = 0x10,
  List = 0x20,
  FloatVector = 0x28,
  DateTime = 0x30,
  LocalDateTime = 0x31,
  Date = 0x32,
  Time = 0x33,
  LocalTime = 0x34,
  Duration = 0x35,
  String = 0x40,
  Bool = 0x50,
  Int = 0x61,
  Double = 0x62,
  Null = 0x70,
};

// A property value: null, bool, 64-bit integer, double, UTF-8 string, list, map, float vector
// or temporal value. A regular value type (copyable, comparable with ==); no shared state. Strings
// are stored as given: callers ensure they hold UTF-8.
class PropertyValue {
 public:
  using Variant = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                               PropertyList, PropertyMap, FloatVector, TemporalValue>;

  PropertyValue() = default;
  PropertyValue(std::nullptr_t) {}                      // NOLINT
  PropertyValue(bool v) : v_(v) {}                      // NOLINT
  PropertyValue(int v) : v_(std::int64_t{v}) {}         // NOLINT
  PropertyValue(std::int64_t v) : v_(v) {}              // NOLINT
  PropertyValue(double v) : v_(v) {}                    // NOLINT
  PropertyValue(const char* v) : v_(std::string(v)) {}  // NOLINT
  PropertyValue(std::string v) : v_(std::move(v)) {}    // NOLINT
  PropertyValue(PropertyList v) : v_(std::move(v)) {}   // NOLINT
  PropertyValue(PropertyMap v) : v_(std::move(v)) {}    // NOLINT
  PropertyValue(FloatVector v) : v_(std::move(v)) {}    // NOLINT
  PropertyValue(TemporalValue v) : v_(std::move(v)) {}  // NOLINT

  // The kind held now.
  ValueKind kind() const noexcept;

  bool is_null() const noexcept { return v_.index() == 0; }
  bool is_bool() const noexcept { return v_.index() == 1; }
  bool is_int() const noexcept { return v_.index() == 2; }
  bool is_double() const noexcept { return v_.index() == 3; }
  bool is_string() const noexcept { return v_.index() == 4; }
  bool is_list() const noexcept { return v_.index() == 5; }
  bool is_map() const noexcept { return v_.index() == 6; }
  bool is_float_vector() const noexcept { return v_.index() == 7; }
  bool is_temporal() const noexcept { return v_.index() == 8; }

  // Accessors; precondition: the matching is_*() holds.
  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const PropertyList& as_list() const { return std::get<PropertyList>(v_); }
  const PropertyMap& as_map() const { return std::get<PropertyMap>(v_); }
  const FloatVector& as_float_vector() const { return std::get<FloatVector>(v_); }
  const TemporalValue& as_temporal() const { return std::get<TemporalValue>(v_); }

  // The underlying variant, for std::visit.
  const Variant& variant() const noexcept { return v_; }
  Variant& variant() noexcept { return v_; }

  // Structural equality: same kind and same contents (1 != 1.0 here; NaN != NaN). Cypher
  // equality lives in the query layer.
  friend bool operator==(const PropertyValue& a, const PropertyValue& b) { return a.v_ == b.v_; }

 private:
  Variant v_;
};

// A short human-readable rendering, for messages and tests (not a stable format).
std::string to_debug_string(const PropertyValue& value);

}  // namespace quiver::storage
