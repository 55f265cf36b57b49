// Internal to storage/: the named LMDB sub-databases of an environment.
#pragma once

#include <string_view>

namespace quiver::storage {

// Handles (MDB_dbi) of every sub-database; see docs/storage-format.md for their layout.
// Opened once by Environment::open and immutable afterwards, so any thread may read them.
struct Databases {
  unsigned meta = 0;           // "meta": format version, last ids handed out
  unsigned catalog_names = 0;  // "catalog_names": kind + name -> id
  unsigned catalog_ids = 0;    // "catalog_ids": kind + id -> name
  unsigned nodes = 0;          // "nodes": node id -> labels + properties
  unsigned relationships = 0;  // "relationships": rel id -> type, start, end, properties
  unsigned adjacency = 0;      // "adjacency" (dupsort, dupfixed): node+dir+type -> neighbour+rel
  unsigned labels = 0;         // "labels" (dupsort, dupfixed): label id -> node id
  unsigned rel_types = 0;      // "rel_types" (dupsort, dupfixed): type id -> rel id
  unsigned index_defs = 0;     // "index_defs": label + key -> flags
  unsigned index_entries = 0;  // "index_entries": label + key + value + node -> empty
};

// Keys in the meta sub-database.
inline constexpr std::string_view kMetaFormatVersion = "format_version";
inline constexpr std::string_view kMetaLastNodeId = "last_node_id";
inline constexpr std::string_view kMetaLastRelId = "last_relationship_id";
inline constexpr std::string_view kMetaLastLabelId = "last_label_id";
inline constexpr std::string_view kMetaLastRelTypeId = "last_rel_type_id";
inline constexpr std::string_view kMetaLastPropertyKeyId = "last_property_key_id";

}  // namespace quiver::storage
