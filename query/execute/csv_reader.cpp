#include "query/execute/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace quiver::query {

struct CsvReader::Parser {
  csv_parser state;
};

CsvReader::CsvReader(const std::filesystem::path& path, char delimiter) : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw std::runtime_error(path.string() + ": cannot open: " + std::strerror(errno));
  }
  std::error_code ec;
  file_size_ = std::filesystem::file_size(path, ec);
  parser_ = new Parser;
  if (csv_init(&parser_->state, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) {
    std::fclose(file_);
    delete parser_;
    throw std::runtime_error(path.string() + ": cannot start the CSV parser");
  }
  csv_set_delim(&parser_->state, static_cast<unsigned char>(delimiter));
}

CsvReader::~CsvReader() {
  if (parser_ != nullptr) {
    csv_free(&parser_->state);
    delete parser_;
  }
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

void CsvReader::on_field(void* text, size_t length, void* self) {
  auto* reader = static_cast<CsvReader*>(self);
  if (!reader->record_started_) {
    reader->record_started_ = true;
    reader->current_.line = reader->record_line_;
  }
  if (text == nullptr) {
    reader->current_.fields.emplace_back(std::nullopt);
    return;
  }
  const char* begin = static_cast<const char*>(text);
  reader->current_.fields.emplace_back(std::string(begin, length));
  reader->record_line_ += static_cast<uint64_t>(std::count(begin, begin + length, '\n'));
}

void CsvReader::on_record_end(int terminator, void* self) {
  auto* reader = static_cast<CsvReader*>(self);
  if (terminator == -1 && !reader->record_started_) {
    return;
  }
  if (!reader->record_started_) {
    reader->current_.line = reader->record_line_;
  }
  reader->ready_.push_back(std::move(reader->current_));
  reader->current_ = CsvRecord{};
  reader->record_started_ = false;
  ++reader->record_line_;
}

void CsvReader::fill() {
  char buffer[1 << 16];
  while (ready_.empty() && !at_end_) {
    size_t n = std::fread(buffer, 1, sizeof buffer, file_);
    const char* data = buffer;
    if (first_chunk_) {
      first_chunk_ = false;
      if (n >= 3 && std::memcmp(buffer, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        n -= 3;
      }
    }
    bytes_read_ += n;

    if (n == 0) {
      at_end_ = true;
      if (std::ferror(file_)) {
        throw std::runtime_error(path_.string() + ": read error: " + std::strerror(errno));
      }
      if (csv_fini(&parser_->state, on_field, on_record_end, this) != 0) {
        throw std::runtime_error(path_.string() + ":" + std::to_string(record_line_) +
                                 ": malformed CSV: " + csv_strerror(csv_error(&parser_->state)) +
                                 " (an unterminated quoted field?)");
      }
      return;
    }

    size_t parsed = csv_parse(&parser_->state, data, n, on_field, on_record_end, this);
    if (parsed != n) {
      throw std::runtime_error(path_.string() + ":" + std::to_string(record_line_) +
                               ": malformed CSV: " + csv_strerror(csv_error(&parser_->state)) +
                               " (a quote inside an unquoted field?)");
    }
  }
}

bool CsvReader::next(CsvRecord& record) {
  if (ready_.empty()) {
    fill();
  }
  if (ready_.empty()) {
    return false;
  }
  record = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace quiver::query
