#include "query/analyze/analyzer.h"

#include "query/parse/parser.h"

namespace quiver::query {

AnalyzedStatement analyze(ast::Statement statement, const AnalyzeOptions& /*options*/) {
  AnalyzedStatement out;
  out.statement = std::move(statement);
  return out;
}

AnalyzedStatement compile(std::string_view text, const AnalyzeOptions& options) {
  return analyze(parse(text), options);
}

}  // namespace quiver::query
