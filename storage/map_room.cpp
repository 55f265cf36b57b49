#include "storage/map_room.h"

#include <lmdb.h>

#include "storage/transaction.h"

namespace quiver::storage {

Result<std::uint64_t> map_bytes_used(Environment& env) {
  QUIVER_STORAGE_ASSIGN(ReadTransaction txn, env.begin_read());
  MDB_env* raw = mdb_txn_env(txn.handle());
  MDB_envinfo info{};
  MDB_stat stat{};
  int rc = mdb_env_info(raw, &info);
  if (rc == 0) {
    rc = mdb_env_stat(raw, &stat);
  }
  txn.abort();
  if (rc != 0) {
    return make_error(StorageErrc::Io, "cannot read the size of the map in use");
  }
  return (static_cast<std::uint64_t>(info.me_last_pgno) + 1) * stat.ms_psize;
}

Status ensure_map_room(Environment& env, double free_fraction) {
  for (;;) {
    QUIVER_STORAGE_ASSIGN(std::uint64_t used, map_bytes_used(env));
    std::uint64_t size = env.map_size();
    if (static_cast<double>(size - std::min(used, size)) >=
            free_fraction * static_cast<double>(size) ||
        size >= env.options().max_map_size) {
      return {};
    }
    Status grown = env.grow_map();
    if (!grown.ok()) {
      // MapFull here means another thread holds a transaction (or the maximum was reached):
      // the map stays as it is and the caller's transaction runs in what room there is.
      return grown.error().code == StorageErrc::MapFull ? Status{} : grown;
    }
  }
}

}  // namespace quiver::storage
