// The knowledge-commerce sample graph written by `quiver demo`.
#pragma once

#include <cstdint>

#include "quiver/bulk_writer.h"

namespace quiver::shell {

// Queues the sample graph into WRITER: topics and skills, courses, e-books and tools that
// teach skills, users, and what the users viewed, bought and rated. Deterministic: the same
// graph (same ids, same properties) on every platform. Returns the number of nodes queued.
std::uint64_t build_demo_graph(BulkWriter& writer);

}  // namespace quiver::shell
