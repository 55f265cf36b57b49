// The public CSV reader forwards to the query layer's, which LOAD CSV uses, so that both read
// files the same way.
#include "quiver/csv_reader.h"

#include "query/execute/csv_reader.h"
#include "query/utf8.h"

namespace quiver {

std::optional<size_t> first_invalid_utf8(std::string_view text) {
  return query::first_invalid_utf8(text);
}

struct CsvReader::Impl {
  Impl(const std::filesystem::path& path, char delimiter) : reader(path, delimiter) {}
  query::CsvReader reader;
  query::CsvRecord record;
};

CsvReader::CsvReader(const std::filesystem::path& path, char delimiter)
    : impl_(std::make_unique<Impl>(path, delimiter)) {}

CsvReader::~CsvReader() = default;

bool CsvReader::next(CsvRecord& record) {
  if (!impl_->reader.next(impl_->record)) {
    return false;
  }
  record.fields = std::move(impl_->record.fields);
  record.line = impl_->record.line;
  return true;
}

uint64_t CsvReader::bytes_read() const noexcept {
  return impl_->reader.bytes_read();
}

uint64_t CsvReader::file_size() const noexcept {
  return impl_->reader.file_size();
}

const std::filesystem::path& CsvReader::path() const noexcept {
  return impl_->reader.path();
}

}  // namespace quiver
