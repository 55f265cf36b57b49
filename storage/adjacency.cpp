#include "storage/adjacency.h"

#include <vector>

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

namespace {

constexpr std::size_t kKeySize = 13;     // node (8), direction (1), type (4)
constexpr std::size_t kRecordSize = 16;  // neighbour (8), relationship (8)

std::string adjacency_record(NodeId neighbour, RelationshipId rel) {
  std::string record;
  append_u64_be(record, neighbour);
  append_u64_be(record, rel);
  return record;
}

// Relationships under adjacency KEY whose other end is NEIGHBOUR. Under one key the records
// sort by neighbour, then relationship, so the run starts at the first record not below
// (NEIGHBOUR, 0). The cursor is left on KEY, so MDB_NEXT_NODUP moves on to the next key.
Result<std::uint64_t> count_run(LmdbCursor& cursor, std::string_view key, NodeId neighbour) {
  std::string lowest = adjacency_record(neighbour, 0);
  MDB_val k = to_val(key);
  MDB_val v = to_val(lowest);
  QUIVER_STORAGE_ASSIGN(bool found, cursor.get(k, v, MDB_GET_BOTH_RANGE));
  std::uint64_t n = 0;
  while (found && v.mv_size == kRecordSize &&
         read_u64_be(static_cast<const char*>(v.mv_data)) == neighbour) {
    ++n;
    QUIVER_STORAGE_ASSIGN(found, cursor.get(k, v, MDB_NEXT_DUP));
  }
  if (!found) {
    // A search that ran off the key's records may leave the cursor unpositioned.
    k = to_val(key);
    QUIVER_STORAGE_ASSIGN(found, cursor.get(k, v, MDB_SET));
  }
  return n;
}

}  // namespace

std::string adjacency_key(NodeId node, Direction direction, RelTypeId type) {
  std::string key;
  append_u64_be(key, node);
  key += static_cast<char>(direction);
  append_u32_be(key, type);
  return key;
}

Status Adjacency::add(Transaction& txn, const RelationshipRecord& rel) {
  MDB_dbi dbi = txn.databases().adjacency;
  QUIVER_STORAGE_TRY(lmdb_put(txn, dbi, adjacency_key(rel.start, Direction::Outgoing, rel.type),
                              adjacency_record(rel.end, rel.id)));
  return lmdb_put(txn, dbi, adjacency_key(rel.end, Direction::Incoming, rel.type),
                  adjacency_record(rel.start, rel.id));
}

Status Adjacency::erase(Transaction& txn, const RelationshipRecord& rel) {
  MDB_dbi dbi = txn.databases().adjacency;
  std::string out = adjacency_record(rel.end, rel.id);
  std::string in = adjacency_record(rel.start, rel.id);
  std::string_view out_view = out;
  std::string_view in_view = in;
  QUIVER_STORAGE_TRY(
      lmdb_del(txn, dbi, adjacency_key(rel.start, Direction::Outgoing, rel.type), &out_view));
  QUIVER_STORAGE_TRY(
      lmdb_del(txn, dbi, adjacency_key(rel.end, Direction::Incoming, rel.type), &in_view));
  return {};
}

Result<ExpandCursor> Adjacency::expand(NodeId node, Direction direction,
                                       std::optional<RelTypeId> type) const {
  if (!txn_.active()) {
    return make_error(StorageErrc::InvalidArgument, "the transaction has ended");
  }
  return ExpandCursor(txn_, node, direction, type);
}

Result<std::uint64_t> Adjacency::degree(NodeId node, Direction direction,
                                        std::optional<RelTypeId> type) const {
  MDB_dbi dbi = txn_.databases().adjacency;
  std::uint64_t total = 0;
  for (auto dir : {Direction::Outgoing, Direction::Incoming}) {
    if (direction != Direction::Both && direction != dir) {
      continue;
    }
    if (type) {
      QUIVER_STORAGE_ASSIGN(std::uint64_t n,
                            lmdb_dup_count(txn_, dbi, adjacency_key(node, dir, *type)));
      total += n;
      continue;
    }

    // One duplicate count per type key under (node, direction): no neighbour is visited.
    QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, dbi));
    std::string prefix = adjacency_key(node, dir, 0);
    MDB_val k = to_val(prefix);
    MDB_val v{};
    QUIVER_STORAGE_ASSIGN(bool found, cursor->get(k, v, MDB_SET_RANGE));
    while (found && k.mv_size == kKeySize && to_view(k).substr(0, 9) == prefix.substr(0, 9)) {
      size_t count = 0;
      int rc = mdb_cursor_count(cursor->handle(), &count);
      if (rc != 0) {
        return lmdb_error(rc, "count adjacency");
      }
      total += count;
      QUIVER_STORAGE_ASSIGN(found, cursor->get(k, v, MDB_NEXT_NODUP));
    }
  }
  return total;
}

Result<std::uint64_t> Adjacency::count_between(NodeId node, Direction direction,
                                               std::optional<RelTypeId> type,
                                               NodeId neighbour) const {
  if (direction == Direction::Both) {
    return make_error(StorageErrc::InvalidArgument, "count_between needs one direction");
  }
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().adjacency));
  if (type) {
    return count_run(*cursor, adjacency_key(node, direction, *type), neighbour);
  }

  // Every type key under the 9-byte (node, direction) prefix.
  std::string prefix = adjacency_key(node, direction, 0);
  std::vector<std::string> keys;
  MDB_val k = to_val(prefix);
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool found, cursor->get(k, v, MDB_SET_RANGE));
  while (found && k.mv_size == kKeySize && to_view(k).substr(0, 9) == prefix.substr(0, 9)) {
    keys.emplace_back(to_view(k));
    QUIVER_STORAGE_ASSIGN(found, cursor->get(k, v, MDB_NEXT_NODUP));
  }
  std::uint64_t total = 0;
  for (const std::string& key : keys) {
    QUIVER_STORAGE_ASSIGN(std::uint64_t n, count_run(*cursor, key, neighbour));
    total += n;
  }
  return total;
}

Result<AdjacencyKeyScan> Adjacency::scan_keys() const {
  QUIVER_STORAGE_ASSIGN(auto cursor, LmdbCursor::open(txn_, txn_.databases().adjacency));
  return AdjacencyKeyScan(std::move(cursor));
}

AdjacencyKeyScan::AdjacencyKeyScan(std::unique_ptr<LmdbCursor> cursor)
    : cursor_(std::move(cursor)) {}
AdjacencyKeyScan::AdjacencyKeyScan(AdjacencyKeyScan&&) noexcept = default;
AdjacencyKeyScan& AdjacencyKeyScan::operator=(AdjacencyKeyScan&&) noexcept = default;
AdjacencyKeyScan::~AdjacencyKeyScan() = default;

Result<bool> AdjacencyKeyScan::next(Key& out) {
  MDB_val k{};
  MDB_val v{};
  QUIVER_STORAGE_ASSIGN(bool found, cursor_->get(k, v, started_ ? MDB_NEXT_NODUP : MDB_FIRST));
  started_ = true;
  if (!found) {
    return false;
  }
  if (k.mv_size != kKeySize) {
    return make_error(StorageErrc::Corrupt, "adjacency key of " + std::to_string(k.mv_size) +
                                                " bytes, expected " + std::to_string(kKeySize));
  }
  key_.assign(static_cast<const char*>(k.mv_data), k.mv_size);
  size_t count = 0;
  int rc = mdb_cursor_count(cursor_->handle(), &count);
  if (rc != 0) {
    return lmdb_error(rc, "count adjacency");
  }
  out.node = read_u64_be(key_.data());
  out.direction = static_cast<Direction>(key_[8]);
  out.type = read_u32_be(key_.data() + 9);
  out.count = count;
  return true;
}

Result<std::uint64_t> AdjacencyKeyScan::count_to(NodeId neighbour) {
  if (!started_ || key_.empty()) {
    return make_error(StorageErrc::InvalidArgument, "count_to needs a current key");
  }

  return count_run(*cursor_, key_, neighbour);
}

ExpandCursor::ExpandCursor(const Transaction& txn, NodeId node, Direction direction,
                           std::optional<RelTypeId> type)
    : node_(node),
      type_(type),
      direction_(direction == Direction::Incoming ? 1 : 0),
      last_direction_(direction == Direction::Outgoing ? 0 : 1) {
  auto cursor = LmdbCursor::open(txn, txn.databases().adjacency);
  if (cursor.ok()) {
    cursor_ = std::move(cursor).value();
  } else {
    open_error_ = std::move(cursor).error();
    done_ = true;
  }
}

ExpandCursor::ExpandCursor(ExpandCursor&&) noexcept = default;
ExpandCursor& ExpandCursor::operator=(ExpandCursor&&) noexcept = default;
ExpandCursor::~ExpandCursor() = default;

// Positions the cursor on the next adjacency key that matches and loads its first page.
// Returns false when no key is left.
Result<bool> ExpandCursor::seek_next_key() {
  while (direction_ <= last_direction_) {
    MDB_val k{};
    MDB_val v{};
    bool found = false;

    // MDB_SET leaves K pointing at the caller's bytes, so START must outlive every use of K.
    std::string start;
    if (!in_key_) {
      start = adjacency_key(node_, static_cast<Direction>(direction_), type_.value_or(0));
      k = to_val(start);
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, type_ ? MDB_SET : MDB_SET_RANGE));
    } else if (!type_) {
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_NEXT_NODUP));
    }
    std::string_view key = found ? to_view(k) : std::string_view{};
    bool matches = found && key.size() == kKeySize && read_u64_be(key.data()) == node_ &&
                   static_cast<std::uint8_t>(key[8]) == direction_;
    if (matches) {
      in_key_ = true;
      key_type_ = read_u32_be(key.data() + 9);
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_GET_MULTIPLE));
      page_.assign(found ? static_cast<const char*>(v.mv_data) : "", found ? v.mv_size : 0);
      page_offset_ = 0;
      return true;
    }
    in_key_ = false;
    ++direction_;
  }
  return false;
}

Result<std::size_t> ExpandCursor::next_batch(std::span<Neighbour> out) {
  if (open_error_) {
    return *open_error_;
  }
  std::size_t n = 0;
  while (n < out.size() && !done_) {
    if (page_offset_ + kRecordSize <= page_.size()) {
      const char* record = page_.data() + page_offset_;
      out[n++] = Neighbour{read_u64_be(record + 8), read_u64_be(record), key_type_,
                           static_cast<Direction>(direction_)};
      page_offset_ += kRecordSize;
      continue;
    }
    if (in_key_) {
      MDB_val k{};
      MDB_val v{};
      QUIVER_STORAGE_ASSIGN(bool more, cursor_->get(k, v, MDB_NEXT_MULTIPLE));
      if (more) {
        page_.assign(static_cast<const char*>(v.mv_data), v.mv_size);
        page_offset_ = 0;
        continue;
      }
      if (type_) {
        in_key_ = false;  // one key per direction when the type is fixed
        ++direction_;
      }
    }
    QUIVER_STORAGE_ASSIGN(bool found, seek_next_key());
    done_ = !found;
  }
  return n;
}

}  // namespace quiver::storage
