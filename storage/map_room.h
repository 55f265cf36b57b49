#pragma once

// Room in the LMDB map for write transactions that cannot grow it themselves. LMDB changes the
// map size only while no transaction of the process is open, and a transaction that fills the
// map must be aborted; so a long explicit write transaction can only be given room before it
// begins.

#include <cstdint>

#include "storage/environment.h"
#include "storage/result.h"

namespace quiver::storage {

// Bytes of ENV's map in use: the pages up to the last one ever written (freed pages inside
// that range are reused before the map grows). Opens and ends a read transaction. Errors: Io.
Result<std::uint64_t> map_bytes_used(Environment& env);

// Grows ENV's map (Environment::grow_map, doubling) until at least FREE_FRACTION (0 to 1) of it
// is unused, or it reaches max_map_size. Precondition: the calling thread has no transaction of
// ENV open. While another thread holds one, the map cannot grow and nothing changes. Errors: Io.
Status ensure_map_room(Environment& env, double free_fraction);

}  // namespace quiver::storage
