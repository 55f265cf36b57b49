#include "storage/settings.h"

#include "storage/databases.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

namespace {

constexpr std::string_view kPrefix = "setting:";
constexpr std::size_t kMaxNameBytes = 400;

Result<std::string> key_of(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) {
    return make_error(StorageErrc::InvalidArgument,
                      "a setting name must be 1 to 400 bytes, got " + std::to_string(name.size()));
  }
  std::string key(kPrefix);
  key += name;
  return key;
}

}  // namespace

Result<std::string> Settings::get(std::string_view name) const {
  QUIVER_STORAGE_ASSIGN(std::string key, key_of(name));
  QUIVER_STORAGE_ASSIGN(std::string_view value,
                        lmdb_get(txn_, txn_.databases().meta, key, "setting"));
  return std::string(value);
}

Status Settings::put(std::string_view name, std::string_view value) {
  QUIVER_STORAGE_ASSIGN(std::string key, key_of(name));
  return lmdb_put(txn_, txn_.databases().meta, key, value);
}

Result<bool> Settings::erase(std::string_view name) {
  QUIVER_STORAGE_ASSIGN(std::string key, key_of(name));
  return lmdb_del(txn_, txn_.databases().meta, key);
}

Result<std::vector<std::pair<std::string, std::string>>> Settings::with_prefix(
    std::string_view prefix) const {
  std::string start(kPrefix);
  start += prefix;
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().meta));
  std::vector<std::pair<std::string, std::string>> out;
  MDB_val key = to_val(start);
  MDB_val value{};
  QUIVER_STORAGE_ASSIGN(bool found, cursor->get(key, value, MDB_SET_RANGE));
  while (found) {
    std::string_view name = to_view(key);
    if (name.substr(0, start.size()) != start) {
      break;
    }
    out.emplace_back(std::string(name.substr(kPrefix.size())), std::string(to_view(value)));
    QUIVER_STORAGE_ASSIGN(found, cursor->get(key, value, MDB_NEXT));
  }
  return out;
}

}  // namespace quiver::storage
