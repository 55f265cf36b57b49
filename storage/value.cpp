#include "storage/value.h"

#include <cstdio>

#include "storage/result.h"
#include "storage/temporal/format.h"

namespace quiver::storage {

const char* to_string(StorageErrc code) noexcept {
  switch (code) {
    case StorageErrc::NotFound:
      return "not_found";
    case StorageErrc::MapFull:
      return "map_full";
    case StorageErrc::DiskFull:
      return "disk_full";
    case StorageErrc::VersionMismatch:
      return "version_mismatch";
    case StorageErrc::Corrupt:
      return "corrupt";
    case StorageErrc::Locked:
      return "locked";
    case StorageErrc::Permission:
      return "permission";
    case StorageErrc::ConstraintViolation:
      return "constraint_violation";
    case StorageErrc::InvalidArgument:
      return "invalid_argument";
    case StorageErrc::ReadOnly:
      return "read_only";
    case StorageErrc::Io:
      return "io";
  }
  return "unknown";
}

ValueKind PropertyValue::kind() const noexcept {
  if (is_temporal()) {
    static constexpr ValueKind kTemporalKinds[] = {ValueKind::Date,     ValueKind::LocalTime,
                                                   ValueKind::Time,     ValueKind::LocalDateTime,
                                                   ValueKind::DateTime, ValueKind::Duration};
    return kTemporalKinds[as_temporal().index()];
  }
  static constexpr ValueKind kKinds[] = {ValueKind::Null,   ValueKind::Bool,       ValueKind::Int,
                                         ValueKind::Double, ValueKind::String,     ValueKind::List,
                                         ValueKind::Map,    ValueKind::FloatVector};
  return kKinds[v_.index()];
}

namespace {

void append_debug(const PropertyValue& value, std::string& out) {
  switch (value.kind()) {
    case ValueKind::Null:
      out += "null";
      break;
    case ValueKind::Bool:
      out += value.as_bool() ? "true" : "false";
      break;
    case ValueKind::Int:
      out += std::to_string(value.as_int());
      break;
    case ValueKind::Double: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", value.as_double());
      out += buf;
      break;
    }
    case ValueKind::String:
      out += '"' + value.as_string() + '"';
      break;
    case ValueKind::List: {
      out += '[';
      const char* sep = "";
      for (const PropertyValue& v : value.as_list()) {
        out += sep;
        append_debug(v, out);
        sep = ", ";
      }
      out += ']';
      break;
    }
    case ValueKind::Map: {
      out += '{';
      const char* sep = "";
      for (const auto& [k, v] : value.as_map()) {
        out += sep + k + ": ";
        append_debug(v, out);
        sep = ", ";
      }
      out += '}';
      break;
    }
    case ValueKind::DateTime:
    case ValueKind::LocalDateTime:
    case ValueKind::Date:
    case ValueKind::Time:
    case ValueKind::LocalTime:
    case ValueKind::Duration:
      out += temporal::to_string(value.as_temporal());
      break;
    case ValueKind::FloatVector: {
      out += "vector[";
      const char* sep = "";
      for (float f : value.as_float_vector()) {
        out += sep + std::to_string(f);
        sep = ", ";
      }
      out += ']';
      break;
    }
  }
}

}  // namespace

std::string to_debug_string(const PropertyValue& value) {
  std::string out;
  append_debug(value, out);
  return out;
}

}  // namespace quiver::storage
