#pragma once

// Proleptic Gregorian calendar arithmetic on day numbers counted from 1970-01-01, over the whole
// range Cypher supports (years -999,999,999 to 999,999,999), plus ISO week dates and overflow
// checked integer helpers. Pure functions, any thread.

#include <cstdint>
#include <optional>

namespace quiver::temporal {

inline constexpr int64_t kMinYear = -999'999'999;
inline constexpr int64_t kMaxYear = 999'999'999;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;
inline constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// A calendar date split into its parts; month 1-12, day 1-31.
struct YearMonthDay {
  int64_t year;
  int64_t month;
  int64_t day;
};

// Floor division and the matching non-negative remainder; precondition d > 0.
constexpr int64_t floor_div(int64_t n, int64_t d) {
  return n >= 0 ? n / d : -((-n + d - 1) / d);
}
constexpr int64_t floor_mod(int64_t n, int64_t d) {
  return n - floor_div(n, d) * d;
}

// Overflow-checked arithmetic: nullopt when the exact result does not fit in int64.
std::optional<int64_t> checked_add(int64_t a, int64_t b);
std::optional<int64_t> checked_sub(int64_t a, int64_t b);
std::optional<int64_t> checked_mul(int64_t a, int64_t b);

// True for Gregorian leap years.
bool is_leap_year(int64_t year);

// Days in `month` (1-12) of `year`.
int64_t days_in_month(int64_t year, int64_t month);

// Days in `year` (365 or 366).
int64_t days_in_year(int64_t year);

// Day number of a valid date; precondition: the parts form a real date.
int64_t epoch_day_from_civil(int64_t year, int64_t month, int64_t day);

// The date of a day number.
YearMonthDay civil_from_epoch_day(int64_t epoch_day);

// The first and last day numbers of the supported range.
int64_t min_epoch_day();
int64_t max_epoch_day();

// ISO day of week of a day number: Monday 1 ... Sunday 7.
int64_t iso_weekday(int64_t epoch_day);

// Day number of the Monday that starts ISO week 1 of `week_year`.
int64_t week_one_monday(int64_t week_year);

// Number of ISO weeks (52 or 53) in `week_year`.
int64_t weeks_in_week_year(int64_t week_year);

// ISO week-numbering year and week (1-53) of a day number.
struct IsoWeek {
  int64_t week_year;
  int64_t week;
};
IsoWeek iso_week_of(int64_t epoch_day);

// Day of year, 1-based.
int64_t ordinal_day_of(int64_t epoch_day);

// Quarter (1-4) of a month and the day number of the first day of a quarter.
inline int64_t quarter_of_month(int64_t month) {
  return (month - 1) / 3 + 1;
}
int64_t quarter_start(int64_t year, int64_t quarter);
int64_t days_in_quarter(int64_t year, int64_t quarter);

}  // namespace quiver::temporal
