#pragma once

// Equality and ordering of temporal values as Cypher defines them. Pure, any thread.

#include <compare>
#include <optional>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// Cypher `=`: values of different types are never equal. Times and DateTimes are equal when they
// denote the same instant (time of day at UTC) and the same offset, and DateTimes additionally
// the same zone; durations when months, days, seconds and nanoseconds all match (so PT70S =
// PT1M10S but P1D <> PT24H).
bool equals(const TemporalValue& a, const TemporalValue& b);

// Cypher `<`, `<=`, `>`, `>=`: nullopt (Cypher null) for values of different types and for
// durations, which have no order. Times compare by their time of day at UTC, DateTimes by
// instant.
std::optional<std::strong_ordering> compare(const TemporalValue& a, const TemporalValue& b);

// A total order for ORDER BY and index keys: by kind (Date, LocalTime, Time, LocalDateTime,
// DateTime, Duration), then as compare() orders, with ties broken by offset and zone name;
// durations by months, days, seconds, nanoseconds. Consistent with equals().
std::strong_ordering order(const TemporalValue& a, const TemporalValue& b);

}  // namespace quiver::temporal
