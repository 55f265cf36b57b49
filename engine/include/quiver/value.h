#pragma once

// quiver::Value: every value a query can take or return through the embedded API. A regular
// value type (copyable, comparable with ==, no shared state); safe to read from any thread, not to
// mutate from two at once.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace quiver {

class Value;

// A list of values; elements may have different kinds.
using List = std::vector<Value>;

// A map from UTF-8 keys to values, sorted by key (byte order).
using Map = std::map<std::string, Value>;

// A compact vector of 32-bit floats (embeddings).
using FloatVector = std::vector<float>;

// A node as seen by the query that returned it: its id, labels (sorted by name) and properties.
// A snapshot: later writes to the database do not change it.
struct Node {
  int64_t id = 0;
  std::vector<std::string> labels;
  Map properties;

  friend bool operator==(const Node&, const Node&) = default;
};

// A relationship: id, type name, ids of its start and end nodes, and properties. A snapshot.
struct Relationship {
  int64_t id = 0;
  std::string type;
  int64_t start = 0;
  int64_t end = 0;
  Map properties;

  friend bool operator==(const Relationship&, const Relationship&) = default;
};

// A path: nodes.size() == relationships.size() + 1 (a path of length zero has one node and no
// relationship). relationships[i] joins nodes[i] and nodes[i + 1], in either direction: compare
// its start with nodes[i].id to tell which.
struct Path {
  std::vector<Node> nodes;
  std::vector<Relationship> relationships;

  friend bool operator==(const Path&, const Path&) = default;
};

// Cypher's temporal values. Plain data with the representation the query layer uses, so a value
// read from a result and passed back as a parameter is the same value; Value::to_string() prints
// them as Cypher's toString() does. Fields out of their documented range are refused with an
// ArgumentError when the value is passed to a query.

// A calendar date (Cypher DATE): days since 1970-01-01.
struct Date {
  int64_t epoch_day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

// A time of day without zone (Cypher LOCAL TIME): nanoseconds since midnight, below 86400e9.
struct LocalTime {
  int64_t nanos_of_day = 0;
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

// A time of day with a UTC offset of at most 18 hours either way (Cypher ZONED TIME).
struct Time {
  int64_t nanos_of_day = 0;
  int32_t offset_seconds = 0;
  friend bool operator==(const Time&, const Time&) = default;
};

// A date and time of day without zone (Cypher LOCAL DATETIME).
struct LocalDateTime {
  int64_t epoch_day = 0;
  int64_t nanos_of_day = 0;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

// An instant in a zone (Cypher ZONED DATETIME): seconds since 1970-01-01T00:00Z, nanoseconds
// within that second (0..999,999,999), the UTC offset in force and the zone name ("" for a
// fixed offset, else a tz database name such as "Europe/Stockholm", whose rules then decide the
// offset when the value is passed to a query).
struct DateTime {
  int64_t epoch_second = 0;
  int32_t nanosecond = 0;
  int32_t offset_seconds = 0;
  std::string zone;
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// A Cypher DURATION: months, days and seconds kept apart, plus nanoseconds 0..999,999,999.
struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;
  friend bool operator==(const Duration&, const Duration&) = default;
};

// The kinds of Value, in a fixed order; kinds may be appended later, so code switching on the
// kind should keep a default branch.
enum class ValueKind : uint8_t {
  kNull,
  kBool,
  kInt,
  kDouble,
  kString,
  kList,
  kMap,
  kNode,
  kRelationship,
  kPath,
  kFloatVector,
  kDate,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration,
};

// The TCK name of a kind ("NULL", "BOOLEAN", "INTEGER", "FLOAT", "STRING", "LIST", "MAP", "NODE",
// "RELATIONSHIP", "PATH", "VECTOR", "DATE", "LOCAL TIME", "ZONED TIME", "LOCAL DATETIME",
// "ZONED DATETIME", "DURATION"). Never fails.
const char* kind_name(ValueKind kind) noexcept;

class Value {
 public:
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, List, Map, Node,
                               Relationship, Path, FloatVector, Date, LocalTime, Time,
                               LocalDateTime, DateTime, Duration>;

  Value() = default;
  Value(std::nullptr_t) {}                      // NOLINT(google-explicit-constructor)
  Value(bool v) : v_(v) {}                      // NOLINT
  Value(int v) : v_(int64_t{v}) {}              // NOLINT
  Value(int64_t v) : v_(v) {}                   // NOLINT
  Value(double v) : v_(v) {}                    // NOLINT
  Value(const char* v) : v_(std::string(v)) {}  // NOLINT
  Value(std::string v) : v_(std::move(v)) {}    // NOLINT
  Value(List v) : v_(std::move(v)) {}           // NOLINT
  Value(Map v) : v_(std::move(v)) {}            // NOLINT
  Value(Node v) : v_(std::move(v)) {}           // NOLINT
  Value(Relationship v) : v_(std::move(v)) {}   // NOLINT
  Value(Path v) : v_(std::move(v)) {}           // NOLINT
  Value(FloatVector v) : v_(std::move(v)) {}    // NOLINT
  Value(Date v) : v_(v) {}                      // NOLINT
  Value(LocalTime v) : v_(v) {}                 // NOLINT
  Value(Time v) : v_(v) {}                      // NOLINT
  Value(LocalDateTime v) : v_(v) {}             // NOLINT
  Value(DateTime v) : v_(std::move(v)) {}       // NOLINT
  Value(Duration v) : v_(v) {}                  // NOLINT

  // The kind held now.
  ValueKind kind() const noexcept { return static_cast<ValueKind>(v_.index()); }

  bool is_null() const noexcept { return kind() == ValueKind::kNull; }
  bool is_bool() const noexcept { return kind() == ValueKind::kBool; }
  bool is_int() const noexcept { return kind() == ValueKind::kInt; }
  bool is_double() const noexcept { return kind() == ValueKind::kDouble; }
  bool is_string() const noexcept { return kind() == ValueKind::kString; }
  bool is_list() const noexcept { return kind() == ValueKind::kList; }
  bool is_map() const noexcept { return kind() == ValueKind::kMap; }
  bool is_node() const noexcept { return kind() == ValueKind::kNode; }
  bool is_relationship() const noexcept { return kind() == ValueKind::kRelationship; }
  bool is_path() const noexcept { return kind() == ValueKind::kPath; }
  bool is_float_vector() const noexcept { return kind() == ValueKind::kFloatVector; }
  // True for the six temporal kinds (kDate to kDuration).
  bool is_temporal() const noexcept {
    return kind() >= ValueKind::kDate && kind() <= ValueKind::kDuration;
  }

  // Accessors. Precondition: the matching is_*() holds (std::bad_variant_access otherwise).
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const List& as_list() const { return std::get<List>(v_); }
  const Map& as_map() const { return std::get<Map>(v_); }
  const Node& as_node() const { return std::get<Node>(v_); }
  const Relationship& as_relationship() const { return std::get<Relationship>(v_); }
  const Path& as_path() const { return std::get<Path>(v_); }
  const FloatVector& as_float_vector() const { return std::get<FloatVector>(v_); }
  const Date& as_date() const { return std::get<Date>(v_); }
  const LocalTime& as_local_time() const { return std::get<LocalTime>(v_); }
  const Time& as_time() const { return std::get<Time>(v_); }
  const LocalDateTime& as_local_date_time() const { return std::get<LocalDateTime>(v_); }
  const DateTime& as_date_time() const { return std::get<DateTime>(v_); }
  const Duration& as_duration() const { return std::get<Duration>(v_); }

  // The underlying variant, for std::visit; its index matches ValueKind.
  const Variant& variant() const noexcept { return v_; }

  // Renders the value the way the openCypher TCK writes expected results: null, true, 1, 1.5,
  // 'text', [1, 2], {a: 1}, (:L {k: 1}), [:T {k: 1}], <(:A)-[:T]->(:B)>. Node and relationship
  // ids are not printed. Maps and node properties appear in key order. Temporal values print
  // unquoted, as Cypher's toString() writes them: 2015-07-21, 12:31:14.645+01:00,
  // 2015-07-21T21:40:32.142+02:00[Europe/Stockholm], P1Y2M3DT4H.
  std::string to_string() const;

  // Structural equality: same kind and contents (1 != 1.0; NaN != NaN). Cypher's own equality
  // (1 = 1.0, null = x is null) is what queries use; this one is for programs and tests.
  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  Variant v_;
};

// Checks that a temporal VALUE has its fields in the ranges documented above: dates in years
// -999,999,999 to 999,999,999, times of day below 24 hours, offsets within 18 hours, nanoseconds
// of a second below 1e9, and a zone name the tz database knows. Throws quiver::Error
// (ArgumentError/InvalidArgumentValue), the error passing VALUE to a query would give; a value of
// any other kind passes unchecked. Any thread may call.
void check_temporal(const Value& value);

}  // namespace quiver
