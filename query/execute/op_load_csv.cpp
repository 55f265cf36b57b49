#include <stdexcept>

#include "query/errors.h"
#include "query/execute/load_csv.h"
#include "query/parse/literals.h"
#include "query/utf8.h"

namespace quiver::query {

namespace {

[[noreturn]] void resource_error(const std::string& message) {
  throw QueryError(ErrorCategory::kArgumentError, ErrorPhase::kRuntime, "ExternalResourceFailed",
                   message);
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    int high = i + 2 < text.size() ? parse_detail::hex_digit_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? parse_detail::hex_digit_value(text[i + 2]) : -1;
    if (text[i] == '%' && high >= 0 && low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string csv_source_path(const std::string& source) {
  size_t colon = source.find(':');
  size_t slash = source.find('/');
  bool has_scheme =
      colon != std::string::npos && colon > 1 && (slash == std::string::npos || colon < slash);
  if (!has_scheme) {
    return source;
  }
  std::string scheme = source.substr(0, colon);
  if (scheme != "file") {
    resource_error("LOAD CSV reads local files only, not " + scheme + ": URLs ('" + source + "')");
  }
  std::string rest = source.substr(colon + 1);
  if (rest.rfind("//", 0) == 0) {
    // file://host/path: only an empty host (or localhost) names this machine.
    size_t path_start = rest.find('/', 2);
    std::string host =
        rest.substr(2, path_start == std::string::npos ? std::string::npos : path_start - 2);
    if (!host.empty() && host != "localhost") {
      resource_error("LOAD CSV reads local files only, not files on host '" + host + "'");
    }
    rest = path_start == std::string::npos ? "/" : rest.substr(path_start);
  }
  return percent_decoded(rest);
}

LoadCsvOp::LoadCsvOp(ExecContext& ctx, OperatorPtr child, const ast::LoadCsv& clause)
    : Operator(ctx, child->schema()), ctx_(ctx), clause_(clause), eval_(ctx, child->schema()) {
  schema_.add(clause.variable);
  child_ = add_child(std::move(child));
}

LoadCsvOp::~LoadCsvOp() = default;

namespace {

// Refuses a record with a field that is not UTF-8: every Cypher string is UTF-8, and one that is
// not would reach drivers that cannot decode it.
void require_utf8(const CsvRecord& record, const std::filesystem::path& path) {
  for (size_t i = 0; i < record.fields.size(); ++i) {
    std::optional<size_t> bad =
        record.fields[i] ? first_invalid_utf8(*record.fields[i]) : std::nullopt;
    if (bad) {
      throw QueryError(ErrorCategory::kArgumentError, ErrorPhase::kRuntime, "InvalidUnicode",
                       "LOAD CSV: " + path.string() + ":" + std::to_string(record.line) +
                           ": field " + std::to_string(i + 1) + " is not valid UTF-8 (byte " +
                           std::to_string(*bad + 1) + ")");
    }
  }
}

}  // namespace

bool LoadCsvOp::open(size_t row) {
  Value source = eval_.eval(*clause_.source, RowRef{&input_, row});
  if (source.is_null()) {
    return false;
  }
  if (!source.is_string()) {
    throw QueryError(ErrorCategory::kTypeError, ErrorPhase::kRuntime, "InvalidArgumentType",
                     "LOAD CSV FROM expects a string naming a file");
  }
  std::filesystem::path path =
      permitted_file(ctx_.file_access(), csv_source_path(source.as_string()));
  try {
    reader_ = std::make_unique<CsvReader>(path, clause_.field_terminator[0]);
    header_.clear();
    if (clause_.with_headers) {
      CsvRecord header;
      if (reader_->next(header)) {
        require_utf8(header, path);
        for (CsvField& field : header.fields) {
          header_.push_back(field.value_or(""));
        }
      }
    }
  } catch (const QueryError&) {
    reader_.reset();
    throw;
  } catch (const std::runtime_error& e) {
    reader_.reset();
    resource_error(std::string("LOAD CSV: ") + e.what());
  }
  return true;
}

Value LoadCsvOp::record_value(CsvRecord& record) const {
  auto field_value = [](CsvField& field) { return field ? Value(std::move(*field)) : Value(); };
  if (!clause_.with_headers) {
    ValueList list;
    list.reserve(record.fields.size());
    for (CsvField& field : record.fields) {
      list.push_back(field_value(field));
    }
    return list;
  }
  ValueMap map;
  for (size_t i = 0; i < header_.size(); ++i) {
    map[header_[i]] = i < record.fields.size() ? field_value(record.fields[i]) : Value();
  }
  return map;
}

bool LoadCsvOp::next(Batch& out) {
  size_t in_width = schema_.size() - 1;
  CsvRecord record;
  while (!out.full()) {
    if (!row_open_) {
      if (input_row_ >= input_.size) {
        if (!child_->pull(input_)) {
          break;
        }
        input_row_ = 0;
      }
      row_open_ = open(input_row_);
      if (!row_open_) {
        ++input_row_;
        continue;
      }
    }

    bool more = false;
    try {
      more = reader_->next(record);
    } catch (const std::runtime_error& e) {
      resource_error(std::string("LOAD CSV: ") + e.what());
    }
    if (!more) {
      reader_.reset();
      row_open_ = false;
      ++input_row_;
      continue;
    }
    require_utf8(record, reader_->path());
    for (size_t c = 0; c < in_width; ++c) {
      out.columns[c].push_back(input_.columns[c][input_row_]);
    }
    out.columns[in_width].push_back(record_value(record));
    ++out.size;
  }
  return out.size > 0;
}

}  // namespace quiver::query
