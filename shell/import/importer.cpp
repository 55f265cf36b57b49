#include "shell/import/importer.h"

#include <chrono>
#include <set>
#include <unordered_map>
#include <utility>

#include "quiver/bulk_writer.h"
#include "quiver/csv_reader.h"
#include "shell/import/import_header.h"

namespace quiver::shell {

namespace {

using Clock = std::chrono::steady_clock;

// Node keys by id space, mapped to the node's position among all imported nodes.
using IdMaps = std::unordered_map<std::string, std::unordered_map<std::string, uint64_t>>;

// Writes a progress line at most twice a second.
class Progress {
 public:
  Progress(std::ostream* out, std::string what) : out_(out), what_(std::move(what)) {}

  void tick(uint64_t rows) {
    rows_ = rows;
    auto now = Clock::now();
    if (out_ != nullptr && now - last_ > std::chrono::milliseconds(500)) {
      last_ = now;
      print();
    }
  }

  void done() {
    if (out_ != nullptr) {
      print();
    }
  }

 private:
  void print() {
    double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    double rate = seconds > 0 ? static_cast<double>(rows_) / seconds : 0;
    *out_ << "  " << what_ << ": " << rows_ << " rows, " << static_cast<uint64_t>(rate)
          << " rows/s\n"
          << std::flush;
  }

  std::ostream* out_;
  std::string what_;
  uint64_t rows_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = Clock::now();
};

std::vector<std::string> header_fields(CsvReader& reader) {
  CsvRecord record;
  if (!reader.next(record)) {
    throw ImportError(reader.path().string() + ": the file is empty (a header row is needed)");
  }
  std::vector<std::string> out;
  for (const CsvField& f : record.fields) {
    out.push_back(f.value_or(""));
    if (std::optional<size_t> bad = first_invalid_utf8(out.back())) {
      throw ImportError(reader.path().string() + ":" + std::to_string(record.line) +
                        ": header column " + std::to_string(out.size()) +
                        " is not valid UTF-8 (byte " + std::to_string(*bad + 1) + ")");
    }
  }
  return out;
}

// Everything one row of a file turns into.
struct Row {
  std::vector<std::string> labels;
  std::string type;
  std::string id, start, end;
  Map properties;
};

// Converts RECORD per HEADER; throws std::runtime_error with the reason for a bad row.
Row convert_row(const Header& header, const ImportFile& file, const CsvRecord& record,
                char array_delimiter) {
  if (record.fields.size() != header.columns.size()) {
    throw std::runtime_error("expected " + std::to_string(header.columns.size()) +
                             " fields, found " + std::to_string(record.fields.size()));
  }
  // Every string Quiver stores is UTF-8, so that every driver can decode what it reads back.
  for (size_t i = 0; i < record.fields.size(); ++i) {
    std::optional<size_t> bad =
        record.fields[i] ? first_invalid_utf8(*record.fields[i]) : std::nullopt;
    if (bad) {
      throw std::runtime_error("field " + std::to_string(i + 1) + " is not valid UTF-8 (byte " +
                               std::to_string(*bad + 1) + ")");
    }
  }
  Row row;
  row.labels = file.labels;
  row.type = file.type;
  for (size_t i = 0; i < header.columns.size(); ++i) {
    const Column& column = header.columns[i];
    const CsvField& field = record.fields[i];
    switch (column.role) {
      case ColumnRole::kIgnore:
        break;
      case ColumnRole::kProperty:
        if (field) {
          try {
            row.properties[column.name] = convert_field(column, *field, array_delimiter);
          } catch (const std::runtime_error& e) {
            throw std::runtime_error("column '" + column.name + "': " + e.what());
          }
        }
        break;
      case ColumnRole::kId:
        if (!field || field->empty()) {
          throw std::runtime_error("the :ID field is empty");
        }
        row.id = *field;
        if (column.store_id) {
          try {
            row.properties[column.name] = convert_field(column, *field, array_delimiter);
          } catch (const std::runtime_error& e) {
            throw std::runtime_error("column '" + column.name + "': " + e.what());
          }
        }
        break;
      case ColumnRole::kLabel:
        if (field) {
          size_t start = 0;
          for (;;) {
            size_t end = field->find(array_delimiter, start);
            std::string label = field->substr(start, end - start);
            if (!label.empty()) {
              row.labels.push_back(label);
            }
            if (end == std::string::npos) {
              break;
            }
            start = end + 1;
          }
        }
        break;
      case ColumnRole::kStartId:
        row.start = field.value_or("");
        break;
      case ColumnRole::kEndId:
        row.end = field.value_or("");
        break;
      case ColumnRole::kType:
        if (field && !field->empty()) {
          row.type = *field;
        }
        break;
    }
  }
  if (file.relationships) {
    if (row.start.empty() || row.end.empty()) {
      throw std::runtime_error("a relationship needs both :START_ID and :END_ID");
    }
    if (row.type.empty()) {
      throw std::runtime_error("the :TYPE field is empty");
    }
  }
  return row;
}

const std::string& space_of(const Header& header, int column) {
  return header.columns[static_cast<size_t>(column)].id_space;
}

// Resolves KEY in SPACE, or throws the reason.
uint64_t resolve(const IdMaps& ids, const std::string& space, const std::string& key,
                 const char* end_name) {
  auto s = ids.find(space);
  auto k = s == ids.end() ? decltype(s->second.end()){} : s->second.find(key);
  if (s == ids.end() || k == s->second.end()) {
    throw std::runtime_error(std::string(end_name) + " '" + key + "' names no node" +
                             (space.empty() ? "" : " in id space " + space));
  }
  return k->second;
}

}  // namespace

ImportReport import_files(Database& db, const std::vector<ImportFile>& files,
                          const ImportOptions& options) {
  Clock::time_point start = Clock::now();
  ImportReport report;

  // Node files first, relationship files after, each group in the order given.
  std::vector<const ImportFile*> ordered;
  for (const ImportFile& f : files) {
    if (!f.relationships) {
      ordered.push_back(&f);
    }
  }
  for (const ImportFile& f : files) {
    if (f.relationships) {
      ordered.push_back(&f);
    }
  }

  // Pass 1: check every row, build the id maps; nothing is written.
  IdMaps ids;
  std::set<std::pair<size_t, uint64_t>> bad;  // (file, line) of rows to leave out
  uint64_t node_count = 0;
  std::vector<Header> headers;
  for (size_t f = 0; f < ordered.size(); ++f) {
    const ImportFile& file = *ordered[f];
    CsvReader reader(file.path, options.delimiter);
    try {
      headers.push_back(
          parse_header(header_fields(reader), file.relationships, !file.type.empty()));
    } catch (const ImportError&) {
      throw;
    } catch (const std::runtime_error& e) {
      throw ImportError(file.path.string() + ":1: " + e.what());
    }
    const Header& header = headers.back();
    Progress progress(options.progress, "checking " + file.path.filename().string());
    CsvRecord record;
    uint64_t rows = 0;
    while (true) {
      try {
        if (!reader.next(record)) {
          break;
        }
      } catch (const std::runtime_error& e) {
        throw ImportError(e.what());
      }
      ++rows;
      try {
        Row row = convert_row(header, file, record, options.array_delimiter);
        if (file.relationships) {
          resolve(ids, space_of(header, header.start_column), row.start, ":START_ID");
          resolve(ids, space_of(header, header.end_column), row.end, ":END_ID");
        } else if (header.id_column >= 0) {
          auto& space = ids[space_of(header, header.id_column)];
          if (!space.emplace(row.id, node_count).second) {
            throw std::runtime_error("the id '" + row.id + "' appears twice");
          }
        }
        if (!file.relationships) {
          ++node_count;
        }
      } catch (const std::runtime_error& e) {
        std::string where = file.path.string() + ":" + std::to_string(record.line);
        if (!options.skip_bad_rows) {
          throw ImportError(where + ": " + e.what() + " (nothing was imported)");
        }
        bad.emplace(f, record.line);
        ++report.bad_row_count;
        if (report.bad_rows.size() < options.bad_rows_kept) {
          report.bad_rows.push_back(BadRow{file.path.string(), record.line, e.what()});
        }
      }
      progress.tick(rows);
    }
    progress.done();
  }

  // Pass 2: write in batches.
  std::vector<uint64_t> node_ids;
  node_ids.reserve(node_count);
  for (size_t f = 0; f < ordered.size(); ++f) {
    const ImportFile& file = *ordered[f];
    const Header& header = headers[f];
    CsvReader reader(file.path, options.delimiter);
    CsvRecord record;
    reader.next(record);  // the header
    Progress progress(options.progress, "writing " + file.path.filename().string());
    BulkWriter writer(db);
    uint64_t rows = 0;

    auto flush = [&] {
      BulkResult written = writer.commit();
      node_ids.insert(node_ids.end(), written.node_ids.begin(), written.node_ids.end());
      report.nodes += written.node_ids.size();
      report.relationships += written.relationships;
    };

    while (reader.next(record)) {
      if (bad.count({f, record.line}) != 0) {
        continue;
      }
      Row row = convert_row(header, file, record, options.array_delimiter);
      if (file.relationships) {
        uint64_t s = resolve(ids, space_of(header, header.start_column), row.start, ":START_ID");
        uint64_t e = resolve(ids, space_of(header, header.end_column), row.end, ":END_ID");
        writer.add_relationship(ExistingNode{node_ids[s]}, ExistingNode{node_ids[e]}, row.type,
                                row.properties);
      } else {
        writer.add_node(row.labels, row.properties);
      }
      if (++rows % options.batch_size == 0) {
        flush();
      }
      progress.tick(rows);
    }
    flush();
    progress.done();
  }

  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace quiver::shell
