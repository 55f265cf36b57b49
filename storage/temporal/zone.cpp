#include "storage/temporal/zone.h"

#include <date/tz.h>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <set>

#include "storage/temporal/calendar.h"

namespace quiver::temporal {
namespace {

// The compiled tz files list transitions only up to 2037 and the library reading them does not
// extend the rules beyond, so a later instant is looked up in the latest year up to 2037 that has
// the same length and starts on the same weekday: calendar-based rules ("last Sunday in March")
// give the same local dates there. Before year 1 every zone has long been on its first (local
// mean time) offset, and the library computes with 16-bit years.
constexpr int64_t kLastListedYear = 2037;

int64_t lookup_second(int64_t second) {
  static const int64_t kLow = epoch_day_from_civil(1, 1, 1) * kSecondsPerDay;
  if (second < kLow) {
    return kLow;
  }
  const int64_t year = civil_from_epoch_day(floor_div(second, kSecondsPerDay)).year;
  if (year <= kLastListedYear) {
    return second;
  }
  const int64_t start = epoch_day_from_civil(year, 1, 1);
  for (int64_t candidate = kLastListedYear; candidate > kLastListedYear - 28; --candidate) {
    const int64_t candidate_start = epoch_day_from_civil(candidate, 1, 1);
    if (is_leap_year(candidate) == is_leap_year(year) &&
        iso_weekday(candidate_start) == iso_weekday(start)) {
      return second - (start - candidate_start) * kSecondsPerDay;
    }
  }
  return second;
}

// Zone names are interned so a TimeZone stays a small copyable value.
const std::string* intern(std::string_view name) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> names;
  std::lock_guard lock(mutex);
  auto it = names.find(name);
  if (it == names.end()) {
    it = names.emplace(name).first;
  }
  return &*it;
}

bool parse_digits(std::string_view text, size_t pos, size_t count, int32_t* out) {
  if (pos + count > text.size()) {
    return false;
  }
  int32_t value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

// Parses "+hh", "+hhmm", "+hh:mm", "+hhmmss", "+hh:mm:ss" (also with '-').
TemporalResult<TimeZone> parse_offset(std::string_view text) {
  const bool negative = text[0] == '-';
  int32_t hours = 0;
  int32_t minutes = 0;
  int32_t seconds = 0;
  bool ok = parse_digits(text, 1, 2, &hours);
  if (ok && text.size() > 3) {
    const bool extended = text[3] == ':';
    const size_t minute_pos = extended ? 4 : 3;
    ok = parse_digits(text, minute_pos, 2, &minutes);
    size_t end = minute_pos + 2;
    if (ok && text.size() > end) {
      if (extended) {
        ok = text[end] == ':';
        ++end;
      }
      ok = ok && parse_digits(text, end, 2, &seconds);
      end += 2;
    }
    ok = ok && end == text.size();
  } else if (ok) {
    ok = text.size() == 3;
  }
  if (!ok) {
    return invalid_format("invalid time zone offset '" + std::string(text) + "'");
  }
  if (minutes > 59 || seconds > 59) {
    return out_of_range("time zone offset '" + std::string(text) + "' has a field out of range");
  }
  const int32_t total = hours * 3600 + minutes * 60 + seconds;
  return TimeZone::fixed(negative ? -total : total);
}

}  // namespace

TemporalResult<TimeZone> TimeZone::fixed(int32_t offset_seconds) {
  if (offset_seconds < -kMaxOffsetSeconds || offset_seconds > kMaxOffsetSeconds) {
    return out_of_range("time zone offset " + format_offset(offset_seconds) +
                        " is outside -18:00..+18:00");
  }
  TimeZone zone;
  zone.offset_ = offset_seconds;
  return zone;
}

TemporalResult<TimeZone> TimeZone::named(std::string_view name) {
  const date::time_zone* found = nullptr;
  try {
    found = date::locate_zone(name);
  } catch (const std::exception&) {
    found = nullptr;
  }
  if (found == nullptr) {
    return unknown_zone("unknown time zone '" + std::string(name) + "'");
  }
  TimeZone zone;
  zone.name_ = intern(name);
  zone.zone_ = found;
  return zone;
}

TemporalResult<TimeZone> TimeZone::parse(std::string_view text) {
  if (text.empty()) {
    return invalid_format("empty time zone");
  }
  if (text == "Z" || text == "z") {
    return TimeZone{};
  }
  if (text[0] == '+' || text[0] == '-') {
    return parse_offset(text);
  }
  return named(text);
}

int32_t TimeZone::offset_at_instant(int64_t epoch_second) const {
  if (zone_ == nullptr) {
    return offset_;
  }
  const date::sys_seconds at{std::chrono::seconds{lookup_second(epoch_second)}};
  return static_cast<int32_t>(zone_->get_info(at).offset.count());
}

TimeZone::LocalResolution TimeZone::resolve_local(int64_t local_second,
                                                  std::optional<int32_t> preferred_offset) const {
  if (zone_ == nullptr) {
    return {local_second, offset_};
  }
  const int64_t shift = lookup_second(local_second) - local_second;
  const date::local_seconds at{std::chrono::seconds{local_second + shift}};
  const date::local_info info = zone_->get_info(at);
  const auto first = static_cast<int32_t>(info.first.offset.count());
  const auto second = static_cast<int32_t>(info.second.offset.count());
  switch (info.result) {
    case date::local_info::unique:
      return {local_second, first};
    case date::local_info::ambiguous:
      return {local_second, preferred_offset == second ? second : first};
    case date::local_info::nonexistent:
      break;
  }
  return {local_second + (second - first), second};
}

bool TimeZone::offset_valid_for_local(int64_t local_second, int32_t offset) const {
  if (zone_ == nullptr) {
    return offset == offset_;
  }
  const int64_t shift = lookup_second(local_second) - local_second;
  const date::local_seconds at{std::chrono::seconds{local_second + shift}};
  const date::local_info info = zone_->get_info(at);
  if (info.result == date::local_info::nonexistent) {
    return false;
  }
  return info.first.offset.count() == offset ||
         (info.result == date::local_info::ambiguous && info.second.offset.count() == offset);
}

std::string format_offset(int32_t offset_seconds) {
  if (offset_seconds == 0) {
    return "Z";
  }
  const int32_t total = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buffer[16];
  const int hours = total / 3600;
  const int minutes = total / 60 % 60;
  const int seconds = total % 60;
  const char sign = offset_seconds < 0 ? '-' : '+';
  if (seconds != 0) {
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d:%02d", sign, hours, minutes, seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, hours, minutes);
  }
  return buffer;
}

}  // namespace quiver::temporal
