#include <cstring>

#include "storage/databases.h"
#include "storage/key_codec.h"
#include "storage/lmdb_util.h"
#include "storage/node_store.h"
#include "storage/property_index.h"

namespace quiver::storage {

namespace {

// Key-encoding kind group of an encoded value: its first byte (numbers share one tag).
std::string kind_prefix(const std::string& encoded) {
  return encoded.substr(0, 1);
}

}  // namespace

Result<IndexScan> PropertyIndex::equal(LabelId label, PropertyKeyId key,
                                       const PropertyValue& value) const {
  if (value.is_null()) {
    return make_error(StorageErrc::InvalidArgument, "an index lookup cannot match null");
  }
  return range(label, key, IndexBound{value, true}, IndexBound{value, true});
}

Result<IndexScan> PropertyIndex::range(LabelId label, PropertyKeyId key,
                                       const std::optional<IndexBound>& lower,
                                       const std::optional<IndexBound>& upper) const {
  if (!lower && !upper) {
    return make_error(StorageErrc::InvalidArgument, "a range lookup needs at least one bound");
  }
  if ((lower && lower->value.is_null()) || (upper && upper->value.is_null())) {
    return make_error(StorageErrc::InvalidArgument, "a range bound cannot be null");
  }
  QUIVER_STORAGE_ASSIGN(auto def, find(label, key));
  if (!def) {
    return make_error(StorageErrc::NotFound, "no index on label " + std::to_string(label) +
                                                 ", property key " + std::to_string(key));
  }

  // A missing bound becomes the edge of the other bound's kind, so that n.x > 3 never
  // reaches strings or booleans.
  std::string lo = lower ? encode_key(lower->value) : kind_prefix(encode_key(upper->value));
  bool lo_inclusive = lower ? lower->inclusive : true;
  std::string hi;
  bool hi_inclusive = false;
  if (upper) {
    hi = encode_key(upper->value);
    hi_inclusive = upper->inclusive;
  } else {
    hi = kind_prefix(lo);
    hi[0] = static_cast<char>(hi[0] + 1);
  }
  return IndexScan(txn_, *def, std::move(lo), lo_inclusive, std::move(hi), hi_inclusive);
}

IndexScan::IndexScan(const Transaction& txn, IndexDefinition def, std::string lower,
                     bool lower_inclusive, std::string upper, bool upper_inclusive)
    : txn_(&txn),
      def_(def),
      lower_(std::move(lower)),
      upper_(std::move(upper)),
      lower_inclusive_(lower_inclusive),
      upper_inclusive_(upper_inclusive) {
  auto cursor = LmdbCursor::open(txn, txn.databases().index_entries);
  if (cursor.ok()) {
    cursor_ = std::move(cursor).value();
  } else {
    open_error_ = std::move(cursor).error();
    done_ = true;
  }
}

IndexScan::IndexScan(IndexScan&&) noexcept = default;
IndexScan& IndexScan::operator=(IndexScan&&) noexcept = default;
IndexScan::~IndexScan() = default;

// Places an entry against the bounds: -1 below the lower bound, 0 inside, 1 above the upper
// bound, 2 outside but possibly followed by entries inside (a cut value that is out of range).
Result<int> IndexScan::classify(std::string_view value_part, NodeId node) {
  std::string full;
  bool cut = value_part.size() >= PropertyIndex::kMaxValueBytes;
  if (cut) {
    // The stored part is only a prefix: decide on the node's whole value.
    NodeStore nodes(const_cast<Transaction&>(*txn_));
    QUIVER_STORAGE_ASSIGN(PropertyValue value, nodes.property(node, def_.key));
    full = encode_key(value);
    value_part = full;
  }
  int lo = value_part.compare(lower_);
  if (lo < 0 || (lo == 0 && !lower_inclusive_)) {
    return cut ? 2 : -1;
  }
  int hi = value_part.compare(upper_);
  if (hi > 0 || (hi == 0 && !upper_inclusive_)) {
    return cut ? 2 : 1;
  }
  return 0;
}

Result<std::size_t> IndexScan::next_batch(std::span<NodeId> out) {
  if (open_error_) {
    return *open_error_;
  }
  std::string prefix;
  append_u32_be(prefix, def_.label);
  append_u32_be(prefix, def_.key);
  std::size_t n = 0;
  while (n < out.size() && !done_) {
    MDB_val k{};
    MDB_val v{};
    bool found = false;
    if (!started_) {
      std::string start = prefix + lower_.substr(0, PropertyIndex::kMaxValueBytes);
      k = to_val(start);
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_SET_RANGE));
      started_ = true;
    } else {
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_NEXT));
    }
    std::string_view key = found ? to_view(k) : std::string_view{};
    if (!found || key.size() < 16 || key.substr(0, 8) != prefix) {
      done_ = true;
      break;
    }
    NodeId node = read_u64_be(key.data() + key.size() - 8);
    QUIVER_STORAGE_ASSIGN(int place, classify(key.substr(8, key.size() - 16), node));
    if (place == 1) {
      done_ = true;
    } else if (place == 0) {
      out[n++] = node;
    }
  }
  return n;
}

}  // namespace quiver::storage
