#include "query/analyze/function_signatures.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace quiver::query {

namespace {

constexpr FunctionSignature kFunctions[] = {
    // Aggregating functions.
    {"avg", 1, 1, true},
    {"collect", 1, 1, true},
    {"count", 1, 1, true},
    {"max", 1, 1, true},
    {"min", 1, 1, true},
    {"percentilecont", 2, 2, true},
    {"percentiledisc", 2, 2, true},
    {"stdev", 1, 1, true},
    {"stdevp", 1, 1, true},
    {"sum", 1, 1, true},

    // Scalar and graph functions.
    {"coalesce", 1, kVariadic},
    {"elementid", 1, 1},
    {"endnode", 1, 1},
    {"exists", 1, 1},
    {"head", 1, 1},
    {"id", 1, 1},
    {"keys", 1, 1},
    {"labels", 1, 1},
    {"last", 1, 1},
    {"length", 1, 1},
    {"nodes", 1, 1},
    {"properties", 1, 1},
    {"range", 2, 3},
    {"relationships", 1, 1},
    {"reverse", 1, 1},
    {"size", 1, 1},
    {"startnode", 1, 1},
    {"tail", 1, 1},
    {"timestamp", 0, 0, false, false},
    {"toboolean", 1, 1},
    {"tofloat", 1, 1},
    {"tointeger", 1, 1},
    {"tostring", 1, 1},
    {"type", 1, 1},

    // Mathematical functions.
    {"abs", 1, 1},
    {"acos", 1, 1},
    {"asin", 1, 1},
    {"atan", 1, 1},
    {"atan2", 2, 2},
    {"ceil", 1, 1},
    {"cos", 1, 1},
    {"cot", 1, 1},
    {"degrees", 1, 1},
    {"e", 0, 0},
    {"exp", 1, 1},
    {"floor", 1, 1},
    {"haversin", 1, 1},
    {"log", 1, 1},
    {"log10", 1, 1},
    {"pi", 0, 0},
    {"radians", 1, 1},
    {"rand", 0, 0, false, false},
    {"round", 1, 3},
    {"sign", 1, 1},
    {"sin", 1, 1},
    {"sqrt", 1, 1},
    {"tan", 1, 1},

    // String functions.
    {"left", 2, 2},
    {"lower", 1, 1},
    {"ltrim", 1, 1},
    {"replace", 3, 3},
    {"right", 2, 2},
    {"rtrim", 1, 1},
    {"split", 2, 2},
    {"substring", 2, 3},
    {"tolower", 1, 1},
    {"toupper", 1, 1},
    {"trim", 1, 1},
    {"upper", 1, 1},

    // Temporal functions.
    {"date", 0, 1},
    {"date.realtime", 0, 1, false, false},
    {"date.statement", 0, 1},
    {"date.transaction", 0, 1},
    {"date.truncate", 2, 3},
    {"datetime", 0, 1},
    {"datetime.fromepoch", 2, 2},
    {"datetime.fromepochmillis", 1, 1},
    {"datetime.realtime", 0, 1, false, false},
    {"datetime.statement", 0, 1},
    {"datetime.transaction", 0, 1},
    {"datetime.truncate", 2, 3},
    {"duration", 1, 1},
    {"duration.between", 2, 2},
    {"duration.indays", 2, 2},
    {"duration.inmonths", 2, 2},
    {"duration.inseconds", 2, 2},
    {"localdatetime", 0, 1},
    {"localdatetime.realtime", 0, 1, false, false},
    {"localdatetime.statement", 0, 1},
    {"localdatetime.transaction", 0, 1},
    {"localdatetime.truncate", 2, 3},
    {"localtime", 0, 1},
    {"localtime.realtime", 0, 1, false, false},
    {"localtime.statement", 0, 1},
    {"localtime.transaction", 0, 1},
    {"localtime.truncate", 2, 3},
    {"time", 0, 1},
    {"time.realtime", 0, 1, false, false},
    {"time.statement", 0, 1},
    {"time.transaction", 0, 1},
    {"time.truncate", 2, 3},
};

}  // namespace

const FunctionSignature* find_function(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& f : kFunctions) {
    if (f.name == lower) {
      return &f;
    }
  }
  return nullptr;
}

}  // namespace quiver::query
