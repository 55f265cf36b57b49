#pragma once

// quiver::CsvReader: the CSV reader behind LOAD CSV, for programs that load files into Quiver
// (the `quiver import` command uses it). Streams a file record by record through libcsv in
// bounded memory: quotes ("" inside a quoted field), embedded newlines, CRLF line ends and UTF-8
// text; a byte-order mark at the start is skipped.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quiver {

// One field: nullopt for an empty unquoted field (a missing value), else its text ("" for a
// quoted empty field).
using CsvField = std::optional<std::string>;

// One record and the 1-based line of the file it starts on.
struct CsvRecord {
  std::vector<CsvField> fields;
  uint64_t line = 0;
};

// Offset of the first byte of TEXT that is not part of well-formed UTF-8 (a stray continuation
// byte, a truncated sequence, an overlong form, a surrogate, a value past U+10FFFF), or nullopt
// when TEXT is entirely UTF-8. The reader passes bytes through as they are: loaders check each
// field with this before storing it, as LOAD CSV does. Thread-safe.
std::optional<size_t> first_invalid_utf8(std::string_view text);

// Reads one file. Not thread-safe; owns its file handle until destroyed.
class CsvReader {
 public:
  // Opens PATH with field DELIMITER. Throws std::runtime_error naming the file when it cannot be
  // opened.
  CsvReader(const std::filesystem::path& path, char delimiter);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record into RECORD, or false at the end of the file. Throws std::runtime_error with
  // the file and line on malformed input (an unterminated quote, a quote inside an unquoted
  // field) or a read error.
  bool next(CsvRecord& record);

  // Bytes read so far and the file's size, for progress reports.
  uint64_t bytes_read() const noexcept;
  uint64_t file_size() const noexcept;

  // The file being read.
  const std::filesystem::path& path() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver
