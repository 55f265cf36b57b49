#include "query/functions/functions.h"

#include <algorithm>
#include <cctype>

#include "query/functions/function_table.h"

namespace quiver::query {

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void argument_type_error(const char* function, const Value& got) {
  throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                std::string(function) + "() cannot take a " + kind_name(got.kind()));
}

void argument_value_error(const char* function, const Value& got) {
  throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentValue",
                std::string(function) + "() cannot take a " + kind_name(got.kind()));
}

namespace {

const FunctionTable& table() {
  static const FunctionTable built = [] {
    FunctionTable t;
    add_string_functions(t);
    add_list_functions(t);
    add_math_functions(t);
    add_entity_functions(t);
    add_conversion_functions(t);
    add_temporal_functions(t);
    return t;
  }();
  return built;
}

}  // namespace

const FunctionInfo* find_builtin_function(std::string_view name) {
  const auto& entries = table().entries;
  auto it = entries.find(to_lower(name));
  return it == entries.end() ? nullptr : &it->second;
}

bool is_aggregate_function(std::string_view name) {
  static const char* const kNames[] = {
      "count",          "sum",           "avg", "min", "max", "collect", "stdev", "stdevp",
      "percentilecont", "percentiledisc"};
  std::string lower = to_lower(name);
  return std::any_of(std::begin(kNames), std::end(kNames),
                     [&](const char* n) { return lower == n; });
}

}  // namespace quiver::query
