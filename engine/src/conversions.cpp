#include <type_traits>

#include "database_impl.h"

namespace quiver {

const char* to_string(ErrorCategory category) noexcept {
  switch (category) {
    case ErrorCategory::NotFound:
      return "not_found";
    case ErrorCategory::InvalidArgument:
      return "invalid_argument";
    case ErrorCategory::ConstraintViolation:
      return "constraint_violation";
    case ErrorCategory::ReadOnly:
      return "read_only";
    case ErrorCategory::Permission:
      return "permission";
    case ErrorCategory::Locked:
      return "locked";
    case ErrorCategory::VersionMismatch:
      return "version_mismatch";
    case ErrorCategory::Corrupt:
      return "corrupt";
    case ErrorCategory::Full:
      return "full";
    case ErrorCategory::Io:
      return "io";
  }
  return "unknown";
}

Error to_error(const storage::StorageError& error) {
  using storage::StorageErrc;
  ErrorCategory category = ErrorCategory::Io;
  switch (error.code) {
    case StorageErrc::NotFound:
      category = ErrorCategory::NotFound;
      break;
    case StorageErrc::MapFull:
    case StorageErrc::DiskFull:
      category = ErrorCategory::Full;
      break;
    case StorageErrc::VersionMismatch:
      category = ErrorCategory::VersionMismatch;
      break;
    case StorageErrc::Corrupt:
      category = ErrorCategory::Corrupt;
      break;
    case StorageErrc::Locked:
      category = ErrorCategory::Locked;
      break;
    case StorageErrc::Permission:
      category = ErrorCategory::Permission;
      break;
    case StorageErrc::ConstraintViolation:
      category = ErrorCategory::ConstraintViolation;
      break;
    case StorageErrc::InvalidArgument:
      category = ErrorCategory::InvalidArgument;
      break;
    case StorageErrc::ReadOnly:
      category = ErrorCategory::ReadOnly;
      break;
    case StorageErrc::Io:
      category = ErrorCategory::Io;
      break;
  }
  return Error(category, error.message);
}

storage::PropertyValue to_storage(const Value& value) {
  return std::visit(
      [](const auto& v) -> storage::PropertyValue {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return storage::PropertyValue();
        } else if constexpr (std::is_same_v<T, ValueList>) {
          storage::PropertyList list;
          list.reserve(v.size());
          for (const Value& element : v) {
            list.push_back(to_storage(element));
          }
          return list;
        } else if constexpr (std::is_same_v<T, ValueMap>) {
          storage::PropertyMap map;
          for (const auto& [name, element] : v) {
            map.emplace(name, to_storage(element));
          }
          return map;
        } else {
          return storage::PropertyValue(v);
        }
      },
      value.variant());
}

Value from_storage(const storage::PropertyValue& value) {
  return std::visit(
      [](const auto& v) -> Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return Value();
        } else if constexpr (std::is_same_v<T, storage::PropertyList>) {
          ValueList list;
          list.reserve(v.size());
          for (const auto& element : v) {
            list.push_back(from_storage(element));
          }
          return list;
        } else if constexpr (std::is_same_v<T, storage::PropertyMap>) {
          ValueMap map;
          for (const auto& [name, element] : v) {
            map.emplace(name, from_storage(element));
          }
          return map;
        } else {
          return Value(v);
        }
      },
      value.variant());
}

}  // namespace quiver
