// Bulk import of node and relationship CSV files (typed headers, see import_header.h) into a
// database, through quiver::BulkWriter.
//
// Two passes. The first reads every file and checks every row (field count, types, unique ids,
// relationship ends that exist) while building the id maps; nothing is written. When a row is
// bad, the import stops there with its file, line and reason, unless bad rows are to be skipped,
// in which case they are counted and reported. The second pass reads the files again and
// writes in batches. Memory: the id maps (one entry per node) and one batch; file size does not
// matter.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "quiver/database.h"

namespace quiver::shell {

// One input file. Node files may give labels for every row; relationship files a default type.
struct ImportFile {
  std::filesystem::path path;
  bool relationships = false;
  std::vector<std::string> labels;  // node files: added to each row's :LABEL labels
  std::string type;                 // relationship files: used when the row has no :TYPE
};

struct ImportOptions {
  char delimiter = ',';
  char array_delimiter = ';';
  bool skip_bad_rows = false;
  size_t batch_size = 50'000;        // rows per write transaction
  std::ostream* progress = nullptr;  // progress lines (rows and rows per second), or none
  size_t bad_rows_kept = 100;        // bad rows listed in the report (all are counted)
};

// A row that was refused: where and why.
struct BadRow {
  std::string file;
  uint64_t line = 0;
  std::string reason;
};

struct ImportReport {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  uint64_t bad_row_count = 0;
  std::vector<BadRow> bad_rows;  // the first bad_rows_kept of them
  double seconds = 0;
};

// The import stopped at a bad row (or a file that cannot be read); nothing was written.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Imports FILES into DB: all node files first, then the relationship files. Throws ImportError
// before writing anything when a file is unreadable or malformed, a header is wrong, or (without
// skip_bad_rows) a row is bad; throws quiver::Error when the database refuses a write (disk
// full), in which case the batches committed before stay.
ImportReport import_files(Database& db, const std::vector<ImportFile>& files,
                          const ImportOptions& options);

}  // namespace quiver::shell
