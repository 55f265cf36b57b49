#pragma once

// Renders temporal values exactly as Cypher's toString() prints them. Pure, any thread.

#include <string>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// "1984-10-11"; years beyond 9999 get a '+', negative years a '-', at least four digits.
std::string to_string(const Date& value);

// "12:31", "12:31:14", "12:31:14.645", "12:31:14.645876", "12:31:14.645876123": seconds only
// when not zero, the fraction in groups of three digits.
std::string to_string(const LocalTime& value);

// The local time followed by the offset: "12:31:14+01:00", "12:00Z".
std::string to_string(const Time& value);

// "1984-10-11T12:31".
std::string to_string(const LocalDateTime& value);

// "1984-10-11T12:31+01:00", and for named zones "...+01:00[Europe/Stockholm]".
std::string to_string(const DateTime& value);

// "P12Y5M14DT16H13M10.5S", "PT0S" for zero; each part keeps its own sign ("PT-1.999S").
std::string to_string(const Duration& value);

// Whichever of the above fits the value.
std::string to_string(const TemporalValue& value);

}  // namespace quiver::temporal
