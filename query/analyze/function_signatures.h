#pragma once

// The built-in functions as the analyzer knows them: name, number of arguments, and whether they
// aggregate. The evaluator's function registry implements the same set.

#include <cstdint>
#include <string_view>

namespace quiver::query {

struct FunctionSignature {
  std::string_view name;  // lower case; dotted for namespaced functions
  uint8_t min_args = 0;
  uint8_t max_args = 0;  // kVariadic for no upper bound
  bool aggregate = false;
  bool deterministic = true;
};

inline constexpr uint8_t kVariadic = 255;

// The signature of a built-in function, looked up case-insensitively, or nullptr when there is no
// such function. Thread-safe; the returned pointer refers to static storage.
const FunctionSignature* find_function(std::string_view name);

}  // namespace quiver::query
