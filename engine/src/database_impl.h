// Internal to engine/: what a Database holds, and conversions between storage and API types.
#pragma once

#include <memory>

#include "quiver/database.h"
#include "quiver/value.h"
#include "storage/environment.h"
#include "storage/result.h"
#include "storage/value.h"

namespace quiver {

struct Database::Impl {
  std::filesystem::path path;
  std::unique_ptr<storage::Environment> env;
};

// The API error for a storage error.
Error to_error(const storage::StorageError& error);

// Throws the API error for a failed storage result.
template <typename R>
void throw_if_error(const R& result) {
  if (!result.ok()) {
    throw to_error(result.error());
  }
}

// Value <-> PropertyValue.
storage::PropertyValue to_storage(const Value& value);
Value from_storage(const storage::PropertyValue& value);

}  // namespace quiver
