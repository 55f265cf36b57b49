// CsvReader: streams the records of a CSV file through libcsv, with the line each record starts
// on, in bounded memory (one read buffer plus the records of that buffer).
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace quiver::query {

// One field: nullopt for an empty unquoted field (a missing value), else its text ("" for a
// quoted empty field).
using CsvField = std::optional<std::string>;

// One record and the 1-based line of the file it starts on.
struct CsvRecord {
  std::vector<CsvField> fields;
  uint64_t line = 0;
};

// Reads FILE record by record. Quotes ("" inside a quoted field), embedded newlines, CRLF line
// ends and UTF-8 text are handled by libcsv; a byte-order mark at the start is skipped. Not
// thread-safe.
class CsvReader {
 public:
  // Opens PATH with field DELIMITER. Throws std::runtime_error naming the file when it cannot be
  // opened.
  CsvReader(const std::filesystem::path& path, char delimiter);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record, or false at the end of the file. Throws std::runtime_error with the file
  // and line on malformed input (an unterminated quote, a quote inside an unquoted field).
  bool next(CsvRecord& record);

  // Bytes read so far and the file's size, for progress.
  uint64_t bytes_read() const noexcept { return bytes_read_; }
  uint64_t file_size() const noexcept { return file_size_; }

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  static void on_field(void* text, size_t length, void* self);
  static void on_record_end(int terminator, void* self);
  void fill();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  struct Parser;
  Parser* parser_ = nullptr;
  std::deque<CsvRecord> ready_;
  CsvRecord current_;
  uint64_t record_line_ = 1;  // line the record being assembled started on
  bool record_started_ = false;
  bool at_end_ = false;
  bool first_chunk_ = true;
  uint64_t bytes_read_ = 0;
  uint64_t file_size_ = 0;
};

}  // namespace quiver::query
