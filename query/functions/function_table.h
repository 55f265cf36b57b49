#pragma once

// The table the function families fill (private to query/functions).

#include <string>
#include <unordered_map>

#include "query/functions/functions.h"

namespace quiver::query {

struct FunctionTable {
  std::unordered_map<std::string, FunctionInfo> entries;

  void add(const std::string& name, ScalarFunction fn, int min_args, int max_args) {
    entries[name] = FunctionInfo{fn, min_args, max_args};
  }
};

}  // namespace quiver::query
