// Settings: named text values kept in the meta sub-database under a "setting:" prefix, for
// definitions the layers above store with the graph (saved recommender models, for example).
// They commit and roll back with the transaction that writes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/result.h"
#include "storage/transaction.h"

namespace quiver::storage {

// Access to the settings of one transaction. Cheap to construct; same thread as the
// transaction. Names are 1 to 400 bytes; values any bytes up to LMDB's value limit.
class Settings {
 public:
  explicit Settings(Transaction& txn) : txn_(txn) {}

  // The value of NAME. Errors: NotFound when unset, InvalidArgument for a bad name, Io.
  Result<std::string> get(std::string_view name) const;

  // Sets NAME to VALUE. Errors: InvalidArgument (bad name), ReadOnly outside a write
  // transaction, MapFull, Io.
  Status put(std::string_view name, std::string_view value);

  // Removes NAME; false when it was unset. Errors as put.
  Result<bool> erase(std::string_view name);

  // Every (name, value) whose name starts with PREFIX, ordered by name. Errors: Io.
  Result<std::vector<std::pair<std::string, std::string>>> with_prefix(
      std::string_view prefix) const;

 private:
  Transaction& txn_;
};

}  // namespace quiver::storage
