#include "storage/temporal/parse.h"

#include <string>

#include "storage/temporal/duration.h"

namespace quiver::temporal {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A read position in the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  size_t pos() const { return pos_; }
  std::string_view rest() const { return text_.substr(pos_); }
  void advance(size_t n = 1) { pos_ += n; }

  bool accept(char c) {
    if (peek() != c) {
      return false;
    }
    ++pos_;
    return true;
  }

  // Number of consecutive digits from the current position.
  size_t digit_run() const {
    size_t n = 0;
    while (pos_ + n < text_.size() && is_digit(text_[pos_ + n])) {
      ++n;
    }
    return n;
  }

  // Reads exactly `count` digits.
  bool digits(size_t count, int64_t* out) {
    if (digit_run() < count) {
      return false;
    }
    int64_t value = 0;
    for (size_t i = 0; i < count; ++i) {
      value = value * 10 + (text_[pos_ + i] - '0');
    }
    pos_ += count;
    *out = value;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

TemporalError bad(std::string_view what, std::string_view text) {
  std::string message = "'";
  message.append(text).append("' is not a valid ").append(what);
  return invalid_format(std::move(message));
}

// The year: four digits, or a sign and 1-9 digits (only followed by '-' or the end, since a
// signed basic form cannot be split unambiguously).
bool read_year(Cursor& c, int64_t* year) {
  if (c.peek() == '+' || c.peek() == '-') {
    const bool negative = c.peek() == '-';
    c.advance();
    const size_t run = c.digit_run();
    if (run < 1 || run > 9 || !c.digits(run, year)) {
      return false;
    }
    if (!c.done() && c.peek() != '-' && c.peek() != 'T') {
      return false;
    }
    if (negative) {
      *year = -*year;
    }
    return true;
  }
  return c.digits(4, year);
}

// The part after the year, in the extended (dashed) or basic form.
TemporalResult<Date> read_date_rest(Cursor& c, int64_t year, std::string_view text) {
  if (c.done() || c.peek() == 'T') {
    return Date::of(year, 1, 1);
  }
  const bool extended = c.accept('-');
  int64_t a = 0;
  int64_t b = 0;
  if (c.accept('W')) {
    if (!c.digits(2, &a)) {
      return bad("date", text);
    }
    b = 1;
    if (!c.done() && c.peek() != 'T') {
      if (extended && !c.accept('-')) {
        return bad("date", text);
      }
      if (!c.digits(1, &b)) {
        return bad("date", text);
      }
    }
    return Date::of_week(year, a, b);
  }
  if (c.accept('Q')) {
    if (!c.digits(1, &a)) {
      return bad("date", text);
    }
    b = 1;
    if (!c.done() && c.peek() != 'T') {
      if (extended && !c.accept('-')) {
        return bad("date", text);
      }
      if (!c.digits(2, &b)) {
        return bad("date", text);
      }
    }
    return Date::of_quarter(year, a, b);
  }
  const size_t run = c.digit_run();
  if (run == 3) {
    c.digits(3, &a);
    return Date::of_ordinal(year, a);
  }
  if (extended && run == 2) {
    c.digits(2, &a);
    b = 1;
    if (c.accept('-') && !c.digits(2, &b)) {
      return bad("date", text);
    }
    return Date::of(year, a, b);
  }
  if (!extended && (run == 2 || run == 4)) {
    c.digits(2, &a);
    b = 1;
    if (run == 4) {
      c.digits(2, &b);
    }
    return Date::of(year, a, b);
  }
  return bad("date", text);
}

TemporalResult<Date> read_date(Cursor& c, std::string_view text) {
  int64_t year = 0;
  if (!read_year(c, &year)) {
    return bad("date", text);
  }
  return read_date_rest(c, year, text);
}

// hh[:mm[:ss[.f]]] or hh[mm[ss[.f]]].
TemporalResult<LocalTime> read_time(Cursor& c, std::string_view text) {
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t nanos = 0;
  if (!c.digits(2, &hour)) {
    return bad("time", text);
  }
  const bool extended = c.peek() == ':';
  if (c.accept(':') || c.digit_run() >= 2) {
    if (!c.digits(2, &minute)) {
      return bad("time", text);
    }
    if ((extended && c.accept(':')) || (!extended && c.digit_run() >= 2)) {
      if (!c.digits(2, &second)) {
        return bad("time", text);
      }
      if (c.accept('.') || c.accept(',')) {
        const size_t run = c.digit_run();
        if (run < 1 || run > 9) {
          return bad("time", text);
        }
        c.digits(run, &nanos);
        for (size_t i = run; i < 9; ++i) {
          nanos *= 10;
        }
      }
    }
  }
  return LocalTime::of(hour, minute, second, nanos);
}

// An offset, if one starts here.
TemporalResult<std::optional<int32_t>> read_offset(Cursor& c, std::string_view text) {
  if (c.accept('Z') || c.accept('z')) {
    return std::optional<int32_t>{0};
  }
  if (c.peek() != '+' && c.peek() != '-') {
    return std::optional<int32_t>{};
  }
  const size_t start = c.pos();
  size_t length = 1;
  const std::string_view rest = c.rest();
  while (length < rest.size() && (is_digit(rest[length]) || rest[length] == ':')) {
    ++length;
  }
  c.advance(length);
  auto zone = TimeZone::parse(text.substr(start, length));
  if (!zone) {
    return zone.error();
  }
  return std::optional<int32_t>{zone->fixed_offset()};
}

// A duration part's number: optional sign, digits, optional fraction. nullopt when malformed or
// too large.
std::optional<Number> read_number(Cursor& c) {
  const size_t start = c.pos();
  const std::string_view rest = c.rest();
  const bool negative = c.accept('-');
  if (!negative) {
    c.accept('+');
  }
  const size_t run = c.digit_run();
  if (run == 0) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (size_t i = 0; i < run; ++i) {
    auto next = checked_mul(value, 10);
    next = next ? checked_add(*next, c.peek() - '0') : std::nullopt;
    if (!next) {
      return std::nullopt;
    }
    value = *next;
    c.advance();
  }
  if (c.peek() != '.' && c.peek() != ',') {
    return Number{negative ? -value : value};
  }
  c.advance();
  const size_t fraction = c.digit_run();
  if (fraction == 0) {
    return std::nullopt;
  }
  c.advance(fraction);
  std::string literal(rest.substr(0, c.pos() - start));
  for (char& ch : literal) {
    if (ch == ',') {
      ch = '.';
    }
  }
  return Number{std::stod(literal)};
}

// "P[nY][nM][nW][nD][T[nH][nM][nS]]".
TemporalResult<Duration> read_unit_duration(Cursor& c, bool negate_all, std::string_view text) {
  DurationComponents parts;
  static constexpr char kDateUnits[] = {'Y', 'M', 'W', 'D'};
  static constexpr char kTimeUnits[] = {'H', 'M', 'S'};
  std::optional<Number>* date_slots[] = {&parts.years, &parts.months, &parts.weeks, &parts.days};
  std::optional<Number>* time_slots[] = {&parts.hours, &parts.minutes, &parts.seconds};
  bool any = false;

  auto read_parts = [&](const char* units, std::optional<Number>** slots, size_t count) {
    size_t next_unit = 0;
    while (!c.done() && c.peek() != 'T') {
      auto number = read_number(c);
      if (!number) {
        return false;
      }
      size_t unit = next_unit;
      while (unit < count && units[unit] != c.peek()) {
        ++unit;
      }
      if (unit == count) {
        return false;
      }
      c.advance();
      *slots[unit] = *number;
      next_unit = unit + 1;
      any = true;
    }
    return true;
  };
  if (!read_parts(kDateUnits, date_slots, 4)) {
    return bad("duration", text);
  }
  if (c.accept('T')) {
    const bool before = any;
    any = false;
    if (!read_parts(kTimeUnits, time_slots, 3) || !any) {
      return bad("duration", text);
    }
    any = any || before;
  }
  if (!any || !c.done()) {
    return bad("duration", text);
  }

  auto duration = make_duration(parts);
  if (!duration || !negate_all) {
    return duration;
  }
  return negate(*duration);
}

// "PYYYY-MM-DDThh:mm:ss.f" or "PYYYYMMDDThhmmss.f".
TemporalResult<Duration> read_alternative_duration(Cursor& c, bool negate_all,
                                                   std::string_view text) {
  int64_t years = 0;
  int64_t months = 0;
  int64_t days = 0;
  if (!c.digits(4, &years)) {
    return bad("duration", text);
  }
  const bool extended = c.accept('-');
  if (!c.digits(2, &months) || (extended && !c.accept('-')) || !c.digits(2, &days)) {
    return bad("duration", text);
  }
  LocalTime time;
  if (c.accept('T')) {
    auto parsed = read_time(c, text);
    if (!parsed) {
      return parsed.error();
    }
    time = *parsed;
  }
  if (!c.done()) {
    return bad("duration", text);
  }
  if (months > 12 || days > 31) {
    return out_of_range("duration field out of range in '" + std::string(text) + "'");
  }
  const int64_t nanos = time.nanos_of_day;
  auto duration =
      Duration::of(years * 12 + months, days, nanos / kNanosPerSecond, nanos % kNanosPerSecond);
  if (!duration || !negate_all) {
    return duration;
  }
  return negate(*duration);
}

}  // namespace

TemporalResult<Duration> parse_duration(std::string_view text) {
  Cursor c(text);
  const bool negate_all = c.accept('-');
  if (!negate_all) {
    c.accept('+');
  }
  if (!c.accept('P')) {
    return bad("duration", text);
  }
  const std::string_view rest = c.rest();
  const bool alternative =
      rest.size() >= 8 && rest.find_first_of("YMWDHS") == std::string_view::npos;
  if (alternative) {
    return read_alternative_duration(c, negate_all, text);
  }
  return read_unit_duration(c, negate_all, text);
}

TemporalResult<Date> parse_date(std::string_view text) {
  Cursor c(text);
  auto date = read_date(c, text);
  if (date && !c.done()) {
    return bad("date", text);
  }
  return date;
}

TemporalResult<LocalTime> parse_local_time(std::string_view text) {
  Cursor c(text);
  auto time = read_time(c, text);
  if (time && !c.done()) {
    return bad("local time", text);
  }
  return time;
}

TemporalResult<Time> parse_time(std::string_view text) {
  Cursor c(text);
  auto time = read_time(c, text);
  if (!time) {
    return time.error();
  }
  auto offset = read_offset(c, text);
  if (!offset) {
    return offset.error();
  }
  if (!c.done()) {
    return bad("time", text);
  }
  return Time{*time, offset->value_or(0)};
}

TemporalResult<LocalDateTime> parse_local_date_time(std::string_view text) {
  Cursor c(text);
  auto date = read_date(c, text);
  if (!date) {
    return date.error();
  }
  LocalTime time;
  if (c.accept('T')) {
    auto parsed = read_time(c, text);
    if (!parsed) {
      return parsed.error();
    }
    time = *parsed;
  }
  if (!c.done()) {
    return bad("local date time", text);
  }
  return LocalDateTime{*date, time};
}

TemporalResult<DateTime> parse_date_time(std::string_view text) {
  Cursor c(text);
  auto date = read_date(c, text);
  if (!date) {
    return date.error();
  }
  LocalTime time;
  if (c.accept('T')) {
    auto parsed = read_time(c, text);
    if (!parsed) {
      return parsed.error();
    }
    time = *parsed;
  }
  auto offset = read_offset(c, text);
  if (!offset) {
    return offset.error();
  }
  const LocalDateTime local{*date, time};

  if (!c.accept('[')) {
    if (!c.done()) {
      return bad("date time", text);
    }
    auto zone = TimeZone::fixed(offset->value_or(0));
    if (!zone) {
      return zone.error();
    }
    return DateTime{local, zone->fixed_offset(), *zone};
  }
  const std::string_view rest = c.rest();
  if (rest.size() < 2 || rest.back() != ']') {
    return bad("date time", text);
  }
  auto zone = TimeZone::parse(rest.substr(0, rest.size() - 1));
  if (!zone) {
    return zone.error();
  }
  if (offset->has_value() && !zone->offset_valid_for_local(local.local_second(), **offset)) {
    return invalid_argument("offset " + format_offset(**offset) + " does not match zone " +
                            std::string(rest.substr(0, rest.size() - 1)) + " in '" +
                            std::string(text) + "'");
  }
  return DateTime::of_local(local, *zone, *offset);
}

}  // namespace quiver::temporal
