#pragma once

// Helpers shared by the temporal tests: run an operation and render its outcome as the string
// Cypher would print, or as "error:<Code>" when it failed.

#include <string>
#include <string_view>

#include "storage/temporal/construct.h"
#include "storage/temporal/format.h"

namespace quiver::temporal::testing {

template <class T>
std::string show(const TemporalResult<T>& result) {
  if (!result)
    return std::string("error:") + error_code_name(result.error().code);
  return to_string(*result);
}

// Parses `text` as `kind`; the test fails through the returned value when it does not parse.
inline TemporalValue parsed(TemporalKind kind, std::string_view text) {
  auto result = parse_temporal(kind, text);
  return result ? *result : TemporalValue{Duration{-1, -1, -1, 1}};
}

inline TemporalValue date(std::string_view text) {
  return parsed(TemporalKind::kDate, text);
}
inline TemporalValue local_time(std::string_view text) {
  return parsed(TemporalKind::kLocalTime, text);
}
inline TemporalValue time(std::string_view text) {
  return parsed(TemporalKind::kTime, text);
}
inline TemporalValue local_date_time(std::string_view text) {
  return parsed(TemporalKind::kLocalDateTime, text);
}
inline TemporalValue date_time(std::string_view text) {
  return parsed(TemporalKind::kDateTime, text);
}
inline TemporalValue duration(std::string_view text) {
  return parsed(TemporalKind::kDuration, text);
}

// Builds `kind` from `map` with a UTC default zone and a 1970 statement clock.
inline std::string make(TemporalKind kind, const ComponentMap& map) {
  return show(make_temporal(kind, map, TemporalContext{}));
}

}  // namespace quiver::temporal::testing
