#include "query/execute/value.h"

#include <cmath>
#include <functional>
#include <optional>

#include "storage/temporal/compare.h"
#include "storage/temporal/format.h"

namespace quiver::query {

const char* kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::kNull:
      return "NULL";
    case Kind::kBool:
      return "BOOLEAN";
    case Kind::kInt:
      return "INTEGER";
    case Kind::kDouble:
      return "FLOAT";
    case Kind::kString:
      return "STRING";
    case Kind::kList:
      return "LIST";
    case Kind::kMap:
      return "MAP";
    case Kind::kNode:
      return "NODE";
    case Kind::kRelationship:
      return "RELATIONSHIP";
    case Kind::kPath:
      return "PATH";
    case Kind::kFloatVector:
      return "VECTOR";
    case Kind::kTemporal:
      return "TEMPORAL";
  }
  return "ANY";
}

const char* type_name(const Value& value) noexcept {
  if (!value.is_temporal())
    return kind_name(value.kind());
  switch (temporal::kind_of(value.as_temporal())) {
    case temporal::TemporalKind::kDate:
      return "DATE";
    case temporal::TemporalKind::kLocalTime:
      return "LOCAL TIME";
    case temporal::TemporalKind::kTime:
      return "ZONED TIME";
    case temporal::TemporalKind::kLocalDateTime:
      return "LOCAL DATETIME";
    case temporal::TemporalKind::kDateTime:
      return "ZONED DATETIME";
    case temporal::TemporalKind::kDuration:
      return "DURATION";
  }
  return "TEMPORAL";
}

namespace {

// Exact comparison of an integer with a float: long double holds every int64 exactly.
int compare_int_double(int64_t i, double d) {
  long double li = static_cast<long double>(i);
  long double ld = static_cast<long double>(d);
  return li < ld ? -1 : (li > ld ? 1 : 0);
}

// Sign of a numeric comparison, or kUnordered when a NaN takes part.
constexpr int kUnordered = 3;

int compare_numbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (a.is_double() && std::isnan(a.as_double()))
    return kUnordered;
  if (b.is_double() && std::isnan(b.as_double()))
    return kUnordered;
  if (a.is_int())
    return compare_int_double(a.as_int(), b.as_double());
  if (b.is_int())
    return -compare_int_double(b.as_int(), a.as_double());
  double x = a.as_double();
  double y = b.as_double();
  return x < y ? -1 : (x > y ? 1 : 0);
}

Tri combine_and(Tri acc, Tri next) {
  if (acc == Tri::kFalse || next == Tri::kFalse)
    return Tri::kFalse;
  if (acc == Tri::kNull || next == Tri::kNull)
    return Tri::kNull;
  return Tri::kTrue;
}

// Rank of a temporal type among the temporal values of the global sort order.
int temporal_rank(const TemporalValue& v) {
  switch (temporal::kind_of(v)) {
    case temporal::TemporalKind::kDateTime:
      return 0;
    case temporal::TemporalKind::kLocalDateTime:
      return 1;
    case temporal::TemporalKind::kDate:
      return 2;
    case temporal::TemporalKind::kTime:
      return 3;
    case temporal::TemporalKind::kLocalTime:
      return 4;
    case temporal::TemporalKind::kDuration:
      return 5;
  }
  return 6;
}

// Rank of a kind in the global sort order; the temporal types take ranks 6 to 11.
int order_rank(const Value& v) {
  switch (v.kind()) {
    case Kind::kMap:
      return 0;
    case Kind::kNode:
      return 1;
    case Kind::kRelationship:
      return 2;
    case Kind::kList:
      return 3;
    case Kind::kFloatVector:
      return 4;
    case Kind::kPath:
      return 5;
    case Kind::kTemporal:
      return 6 + temporal_rank(v.as_temporal());
    case Kind::kString:
      return 12;
    case Kind::kBool:
      return 13;
    case Kind::kInt:
    case Kind::kDouble:
      return 14;
    case Kind::kNull:
      return 15;
  }
  return 16;
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

Tri cypher_equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null())
    return Tri::kNull;
  if (a.is_number() && b.is_number()) {
    int c = compare_numbers(a, b);
    return c == 0 ? Tri::kTrue : Tri::kFalse;
  }
  if (a.kind() != b.kind())
    return Tri::kFalse;
  switch (a.kind()) {
    case Kind::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      if (x.size() != y.size())
        return Tri::kFalse;
      Tri acc = Tri::kTrue;
      for (size_t i = 0; i < x.size() && acc != Tri::kFalse; ++i) {
        acc = combine_and(acc, cypher_equals(x[i], y[i]));
      }
      return acc;
    }
    case Kind::kMap: {
      const ValueMap& x = a.as_map();
      const ValueMap& y = b.as_map();
      if (x.size() != y.size())
        return Tri::kFalse;
      Tri acc = Tri::kTrue;
      for (auto ix = x.begin(), iy = y.begin(); ix != x.end(); ++ix, ++iy) {
        if (ix->first != iy->first)
          return Tri::kFalse;
        acc = combine_and(acc, cypher_equals(ix->second, iy->second));
      }
      return acc;
    }
    case Kind::kTemporal:
      return temporal::equals(a.as_temporal(), b.as_temporal()) ? Tri::kTrue : Tri::kFalse;
    default:
      return a == b ? Tri::kTrue : Tri::kFalse;
  }
}

int cypher_compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null())
    return kIncomparable;
  if (a.is_number() && b.is_number()) {
    int c = compare_numbers(a, b);
    return c == kUnordered ? kIncomparable : c;
  }
  if (a.kind() != b.kind())
    return kIncomparable;
  switch (a.kind()) {
    case Kind::kString:
      return three_way(a.as_string(), b.as_string());
    case Kind::kBool:
      return three_way(a.as_bool(), b.as_bool());
    case Kind::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = cypher_compare(x[i], y[i]);
        if (c != 0)
          return c;
      }
      return three_way(x.size(), y.size());
    }
    case Kind::kTemporal: {
      std::optional<std::strong_ordering> c = temporal::compare(a.as_temporal(), b.as_temporal());
      if (!c)
        return kIncomparable;
      return *c < 0 ? -1 : (*c > 0 ? 1 : 0);
    }
    default:
      return kIncomparable;
  }
}

int order_compare(const Value& a, const Value& b) {
  int ra = order_rank(a);
  int rb = order_rank(b);
  if (ra != rb)
    return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case Kind::kNull:
      return 0;
    case Kind::kBool:
      return three_way(a.as_bool(), b.as_bool());
    case Kind::kString:
      return three_way(a.as_string(), b.as_string());
    case Kind::kInt:
    case Kind::kDouble: {
      int c = compare_numbers(a, b);
      if (c != kUnordered)
        return c;
      bool nan_a = a.is_double() && std::isnan(a.as_double());
      bool nan_b = b.is_double() && std::isnan(b.as_double());
      return nan_a == nan_b ? 0 : (nan_a ? 1 : -1);
    }
    case Kind::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = order_compare(x[i], y[i]);
        if (c != 0)
          return c;
      }
      return three_way(x.size(), y.size());
    }
    case Kind::kMap: {
      const ValueMap& x = a.as_map();
      const ValueMap& y = b.as_map();
      auto ix = x.begin();
      auto iy = y.begin();
      for (; ix != x.end() && iy != y.end(); ++ix, ++iy) {
        int c = three_way(ix->first, iy->first);
        if (c == 0)
          c = order_compare(ix->second, iy->second);
        if (c != 0)
          return c;
      }
      return three_way(x.size(), y.size());
    }
    case Kind::kNode:
      return three_way(a.as_node().id, b.as_node().id);
    case Kind::kRelationship:
      return three_way(a.as_rel().id, b.as_rel().id);
    case Kind::kPath: {
      const PathValue& x = a.as_path();
      const PathValue& y = b.as_path();
      int c = three_way(x.nodes, y.nodes);
      if (c != 0)
        return c;
      for (size_t i = 0; i < x.rels.size() && i < y.rels.size(); ++i) {
        c = three_way(x.rels[i].id, y.rels[i].id);
        if (c != 0)
          return c;
      }
      return three_way(x.rels.size(), y.rels.size());
    }
    case Kind::kFloatVector:
      return three_way(a.as_float_vector(), b.as_float_vector());
    case Kind::kTemporal: {
      std::strong_ordering c = temporal::order(a.as_temporal(), b.as_temporal());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

size_t value_hash(const Value& v) {
  auto mix = [](size_t seed, size_t h) { return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6)); };
  switch (v.kind()) {
    case Kind::kNull:
      return 0x51;
    case Kind::kBool:
      return v.as_bool() ? 0x71 : 0x70;
    case Kind::kInt:
      return std::hash<int64_t>{}(v.as_int());
    case Kind::kDouble: {
      double d = v.as_double();
      if (std::isnan(d))
        return 0x7ff8;
      // Floats equal to an integer must hash like that integer.
      if (d == std::floor(d) && d >= -9.2e18 && d <= 9.2e18) {
        return std::hash<int64_t>{}(static_cast<int64_t>(d));
      }
      return std::hash<double>{}(d);
    }
    case Kind::kString:
      return std::hash<std::string>{}(v.as_string());
    case Kind::kList: {
      size_t h = 0x11;
      for (const Value& e : v.as_list())
        h = mix(h, value_hash(e));
      return h;
    }
    case Kind::kMap: {
      size_t h = 0x22;
      for (const auto& [k, e] : v.as_map())
        h = mix(mix(h, std::hash<std::string>{}(k)), value_hash(e));
      return h;
    }
    case Kind::kNode:
      return mix(0x33, v.as_node().id);
    case Kind::kRelationship:
      return mix(0x44, v.as_rel().id);
    case Kind::kPath: {
      size_t h = 0x55;
      for (uint64_t n : v.as_path().nodes)
        h = mix(h, n);
      for (const RelRef& r : v.as_path().rels)
        h = mix(h, r.id);
      return h;
    }
    case Kind::kFloatVector: {
      size_t h = 0x66;
      for (float f : v.as_float_vector())
        h = mix(h, std::hash<float>{}(f));
      return h;
    }
    case Kind::kTemporal:
      // Values that order equal print alike: same type, instant, offset and zone.
      return mix(0x77, std::hash<std::string>{}(temporal::to_string(v.as_temporal())));
  }
  return 0;
}

size_t RowHash::operator()(const std::vector<Value>& row) const {
  size_t h = row.size();
  for (const Value& v : row)
    h = h * 31 + value_hash(v);
  return h;
}

bool RowEquivalent::operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (order_compare(a[i], b[i]) != 0)
      return false;
  }
  return true;
}

size_t approximate_size(const Value& v) {
  size_t size = sizeof(Value);
  switch (v.kind()) {
    case Kind::kString:
      return size + v.as_string().capacity();
    case Kind::kList:
      for (const Value& e : v.as_list())
        size += approximate_size(e);
      return size;
    case Kind::kMap:
      for (const auto& [k, e] : v.as_map())
        size += 48 + k.size() + approximate_size(e);
      return size;
    case Kind::kPath:
      return size + v.as_path().nodes.size() * 8 + v.as_path().rels.size() * 32;
    case Kind::kFloatVector:
      return size + v.as_float_vector().size() * 4;
    default:
      return size;
  }
}

}  // namespace quiver::query
