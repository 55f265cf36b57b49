#include "storage/temporal/format.h"

#include <cstdio>

namespace quiver::temporal {
namespace {

void append_padded(std::string& out, int64_t value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, static_cast<long long>(value));
  out += buffer;
}

// Strips trailing zeros of a 9-digit fraction (used by durations).
void append_fraction_trimmed(std::string& out, int64_t nanos) {
  std::string digits;
  append_padded(digits, nanos, 9);
  digits.erase(digits.find_last_not_of('0') + 1);
  out += '.';
  out += digits;
}

}  // namespace

std::string to_string(const Date& value) {
  const YearMonthDay ymd = value.civil();
  std::string out;
  if (ymd.year > 9999) {
    out += '+';
  }
  if (ymd.year < 0) {
    out += '-';
  }
  append_padded(out, ymd.year < 0 ? -ymd.year : ymd.year, 4);
  out += '-';
  append_padded(out, ymd.month, 2);
  out += '-';
  append_padded(out, ymd.day, 2);
  return out;
}

std::string to_string(const LocalTime& value) {
  std::string out;
  append_padded(out, value.hour(), 2);
  out += ':';
  append_padded(out, value.minute(), 2);
  const int64_t nanos = value.nanosecond();
  if (value.second() == 0 && nanos == 0) {
    return out;
  }
  out += ':';
  append_padded(out, value.second(), 2);
  if (nanos == 0) {
    return out;
  }
  out += '.';
  if (nanos % 1'000'000 == 0) {
    append_padded(out, nanos / 1'000'000, 3);
  } else if (nanos % 1000 == 0) {
    append_padded(out, nanos / 1000, 6);
  } else {
    append_padded(out, nanos, 9);
  }
  return out;
}

std::string to_string(const Time& value) {
  return to_string(value.time) + format_offset(value.offset_seconds);
}

std::string to_string(const LocalDateTime& value) {
  return to_string(value.date) + 'T' + to_string(value.time);
}

std::string to_string(const DateTime& value) {
  std::string out = to_string(value.local) + format_offset(value.offset_seconds);
  if (value.zone.is_named()) {
    out += '[' + value.zone.name() + ']';
  }
  return out;
}

// A negative duration with a positive nanosecond part is printed as a negative whole-second
// count and a negative fraction, so each printed part keeps one sign.
std::string to_string(const Duration& value) {
  if (value == Duration{}) {
    return "PT0S";
  }
  std::string out = "P";
  auto append_part = [&out](int64_t quantity, char unit) {
    if (quantity == 0) {
      return;
    }
    out += std::to_string(quantity);
    out += unit;
  };
  append_part(value.months / 12, 'Y');
  append_part(value.months % 12, 'M');
  append_part(value.days, 'D');
  if (value.seconds == 0 && value.nanos == 0) {
    return out;
  }

  int64_t seconds = value.seconds;
  int64_t nanos = value.nanos;
  if (seconds < 0 && nanos != 0) {
    ++seconds;
    nanos -= kNanosPerSecond;
  }
  out += 'T';
  append_part(seconds / 3600, 'H');
  append_part(seconds % 3600 / 60, 'M');
  const int64_t rest = seconds % 60;
  if (rest == 0 && nanos == 0) {
    return out;
  }
  if (rest == 0 && nanos < 0) {
    out += '-';
  }
  out += std::to_string(rest);
  if (nanos != 0) {
    append_fraction_trimmed(out, nanos < 0 ? -nanos : nanos);
  }
  out += 'S';
  return out;
}

std::string to_string(const TemporalValue& value) {
  return std::visit([](const auto& v) { return to_string(v); }, value);
}

}  // namespace quiver::temporal
