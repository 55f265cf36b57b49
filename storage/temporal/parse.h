#pragma once

// Parses the ISO 8601 string forms Cypher accepts for each temporal type. Pure, any thread.
// Every function reports InvalidFormat for text of the wrong shape and OutOfRange for a field
// outside its range (month 13, hour 24, offset beyond 18 hours); zone names may give UnknownZone.

#include <string_view>

#include "storage/temporal/values.h"

namespace quiver::temporal {

// Calendar ("2015-07-21", "20150721", "2015-07", "201507", "2015"), week ("2015-W30-2",
// "2015W302", "2015-W30"), ordinal ("2015-202", "2015202") and quarter ("2015-Q3-45", "2015-Q3")
// dates. Years have four digits, or a sign and up to nine digits in the extended (dashed) form.
TemporalResult<Date> parse_date(std::string_view text);

// "21:40:32.142", "214032.142", "21:40:32", "214032", "21:40", "2140", "21"; the fraction may
// use '.' or ',' and has 1 to 9 digits.
TemporalResult<LocalTime> parse_local_time(std::string_view text);

// A local time followed by an offset: "Z", "+01", "+0100", "+01:00", "+01:00:30". Without an
// offset the time is at UTC.
TemporalResult<Time> parse_time(std::string_view text);

// A date, optionally followed by 'T' and a local time.
TemporalResult<LocalDateTime> parse_local_date_time(std::string_view text);

// A date, optionally 'T' and a time, an optional offset and an optional zone name in brackets
// ("2015-07-21T21:40:32.142+02:00[Europe/Stockholm]"). With a zone name and no offset the offset
// comes from the zone; with both, the offset must be one the zone uses at that local time
// (InvalidArgument otherwise). Without either the value is at UTC.
TemporalResult<DateTime> parse_date_time(std::string_view text);

// "P1Y2M3W4DT5H6M7.8S" with any subset of parts, each optionally negative and the last ones
// fractional ("P0.75M", "PT-1.5S"), an optional leading '-' negating the whole; or the
// alternative form "P2012-02-02T14:37:21.545" / "P20120202T143721.545".
TemporalResult<Duration> parse_duration(std::string_view text);

}  // namespace quiver::temporal
