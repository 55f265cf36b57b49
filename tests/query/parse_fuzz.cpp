// libFuzzer target for the front end: any byte string goes through parse() and analyze(); the
// only acceptable failure is a QueryError. Built with -DQUIVER_FUZZ=ON and clang (see
// docs/cypher-frontend.md for how to run it).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "query/analyze/analyzer.h"
#include "query/errors.h"
#include "query/parse/ast_printer.h"
#include "query/parse/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    quiver::query::ast::Statement statement = quiver::query::parse(text);

    // Whatever parses must print to text that parses again.
    std::string printed = quiver::query::print_statement(statement);
    quiver::query::parse(printed);

    quiver::query::analyze(std::move(statement));
  } catch (const quiver::query::QueryError&) {
    // Rejected input: the expected outcome for most of the fuzzer's inputs.
  }
  return 0;
}
