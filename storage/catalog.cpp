#include "storage/catalog.h"

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

namespace {

std::string_view counter_key(NameKind kind) {
  switch (kind) {
    case NameKind::Label:
      return kMetaLastLabelId;
    case NameKind::RelType:
      return kMetaLastRelTypeId;
    case NameKind::PropertyKey:
      return kMetaLastPropertyKeyId;
  }
  return kMetaLastLabelId;
}

const char* kind_name(NameKind kind) {
  switch (kind) {
    case NameKind::Label:
      return "label";
    case NameKind::RelType:
      return "relationship type";
    case NameKind::PropertyKey:
      return "property key";
  }
  return "name";
}

std::string name_key(NameKind kind, std::string_view name) {
  std::string key(1, static_cast<char>(kind));
  key += name;
  return key;
}

std::string id_key(NameKind kind, std::uint32_t id) {
  std::string key(1, static_cast<char>(kind));
  append_u32_be(key, id);
  return key;
}

}  // namespace

Result<std::uint32_t> Catalog::lookup(NameKind kind, std::string_view name) const {
  if (name.empty() || name.size() > kMaxNameBytes) {
    return make_error(StorageErrc::NotFound,
                      std::string("no ") + kind_name(kind) + " named '" + std::string(name) + "'");
  }
  auto found =
      lmdb_get(txn_, txn_.databases().catalog_names, name_key(kind, name),
               std::string("no ") + kind_name(kind) + " named '" + std::string(name) + "'");
  if (!found.ok()) {
    return std::move(found).error();
  }
  if (found->size() != 4) {
    return make_error(StorageErrc::Corrupt, "catalog entry for '" + std::string(name) + "'");
  }
  return read_u32_be(found->data());
}

Result<std::uint32_t> Catalog::intern(NameKind kind, std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) {
    return make_error(StorageErrc::InvalidArgument,
                      std::string(kind_name(kind)) + " names must be 1 to " +
                          std::to_string(kMaxNameBytes) + " bytes long");
  }
  auto existing = lookup(kind, name);
  if (existing.ok() || existing.error().code != StorageErrc::NotFound) {
    return existing;
  }
  QUIVER_STORAGE_TRY(txn_.require_write());
  QUIVER_STORAGE_ASSIGN(std::uint64_t last, read_counter(txn_, counter_key(kind)));
  if (last >= 0xffffffffu) {
    return make_error(StorageErrc::InvalidArgument,
                      std::string("too many ") + kind_name(kind) + " names");
  }
  auto id = static_cast<std::uint32_t>(last + 1);
  std::string id_bytes;
  append_u32_be(id_bytes, id);
  QUIVER_STORAGE_TRY(
      lmdb_put(txn_, txn_.databases().catalog_names, name_key(kind, name), id_bytes));
  QUIVER_STORAGE_TRY(lmdb_put(txn_, txn_.databases().catalog_ids, id_key(kind, id), name));
  QUIVER_STORAGE_TRY(write_counter(txn_, counter_key(kind), id));
  return id;
}

Result<std::string> Catalog::name(NameKind kind, std::uint32_t id) const {
  auto found = lmdb_get(txn_, txn_.databases().catalog_ids, id_key(kind, id),
                        std::string("no ") + kind_name(kind) + " with id " + std::to_string(id));
  if (!found.ok()) {
    return std::move(found).error();
  }
  return std::string(*found);
}

Result<std::vector<std::pair<std::uint32_t, std::string>>> Catalog::list(NameKind kind) const {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().catalog_ids));
  std::string prefix(1, static_cast<char>(kind));
  MDB_val k = to_val(prefix);
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool more, cursor->get(k, v, MDB_SET_RANGE));
  while (more) {
    std::string_view key = to_view(k);
    if (key.size() != 5 || key[0] != prefix[0]) {
      break;
    }
    out.emplace_back(read_u32_be(key.data() + 1), std::string(to_view(v)));
    QUIVER_STORAGE_ASSIGN(more, cursor->get(k, v, MDB_NEXT));
  }
  return out;
}

}  // namespace quiver::storage
