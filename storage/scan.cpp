#include "storage/scan.h"

#include "storage/key_codec.h"
#include "storage/lmdb_util.h"

namespace quiver::storage {

IdScan::IdScan(const Transaction& txn, unsigned dbi, Mode mode, std::string key)
    : mode_(mode), key_(std::move(key)) {
  auto cursor = LmdbCursor::open(txn, dbi);
  if (cursor.ok()) {
    cursor_ = std::move(cursor).value();
  } else {
    open_error_ = std::move(cursor).error();
    done_ = true;
  }
}

IdScan::IdScan(IdScan&&) noexcept = default;
IdScan& IdScan::operator=(IdScan&&) noexcept = default;
IdScan::~IdScan() = default;

Result<std::size_t> IdScan::next_batch(std::span<std::uint64_t> out) {
  if (open_error_) {
    return *open_error_;
  }
  std::size_t n = 0;
  while (n < out.size() && !done_) {
    // Hand out what is left of the current page of duplicates first.
    if (page_offset_ < page_.size()) {
      out[n++] = read_u64_be(page_.data() + page_offset_);
      page_offset_ += 8;
      continue;
    }
    MDB_val k{};
    MDB_val v{};
    bool found = false;
    if (mode_ == Mode::Keys) {
      QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, started_ ? MDB_NEXT : MDB_FIRST));
      if (found && k.mv_size != 8) {
        return make_error(StorageErrc::Corrupt, "an id key is not 8 bytes long");
      }
      if (found) {
        out[n++] = read_u64_be(static_cast<const char*>(k.mv_data));
      }
    } else {
      if (!started_) {
        k = to_val(key_);
        QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_SET));
        if (found) {
          QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_GET_MULTIPLE));
        }
      } else {
        QUIVER_STORAGE_ASSIGN(found, cursor_->get(k, v, MDB_NEXT_MULTIPLE));
      }
      if (found && v.mv_size % 8 != 0) {
        return make_error(StorageErrc::Corrupt, "an id list is not a multiple of 8 bytes");
      }
      if (found) {
        // Copied: the page may move if this transaction writes before the next batch.
        page_.assign(static_cast<const char*>(v.mv_data), v.mv_size);
        page_offset_ = 0;
      }
    }
    started_ = true;
    done_ = !found;
  }
  return n;
}

}  // namespace quiver::storage
