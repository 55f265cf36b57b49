#pragma once

// LOAD CSV: rows from a CSV file, read as the query runs.

#include <memory>
#include <string>
#include <vector>

#include "query/execute/csv_reader.h"
#include "query/execute/evaluator.h"
#include "query/execute/operator.h"
#include "query/parse/ast.h"

namespace quiver::query {

// LOAD CSV [WITH HEADERS] FROM source AS row: for each input row, evaluates SOURCE (a path or a
// file: URL naming a local file) and appends one row per record of that file, the record bound
// to the clause's variable as a list of strings, or WITH HEADERS as a map from the first
// record's fields to this record's (a record shorter than the header leaves the rest null). An
// empty unquoted field is null. Memory stays bounded: records are read as the batches fill.
// Throws QueryError (ArgumentError/ExternalResourceFailed naming the file and, for malformed
// input, the line; ArgumentError/FileAccessDenied when the context's file-access policy refuses
// the file; TypeError when SOURCE is not a string).
class LoadCsvOp : public Operator {
 public:
  LoadCsvOp(ExecContext& ctx, OperatorPtr child, const ast::LoadCsv& clause);
  ~LoadCsvOp() override;
  std::string describe() const override { return "LoadCsv(" + schema_.names().back() + ")"; }

 protected:
  bool next(Batch& out) override;

 private:
  // Opens the file named by the source expression for input row ROW; false when the source is
  // null (the row yields nothing).
  bool open(size_t row);
  Value record_value(CsvRecord& record) const;

  ExecContext& ctx_;
  const ast::LoadCsv& clause_;
  Operator* child_;
  Evaluator eval_;
  Batch input_;
  size_t input_row_ = 0;
  bool row_open_ = false;
  std::unique_ptr<CsvReader> reader_;
  std::vector<std::string> header_;
};

// The local file that SOURCE names: "file:///abs/path" and "file:/abs/path" URLs (with %XX
// escapes decoded) or a plain path. Throws QueryError (ArgumentError/ExternalResourceFailed) for
// any other URL scheme.
std::string csv_source_path(const std::string& source);

}  // namespace quiver::query
