#include "storage/temporal/calendar.h"

namespace quiver::temporal {

std::optional<int64_t> checked_add(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return std::nullopt;
  }
  return r;
}

std::optional<int64_t> checked_sub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) {
    return std::nullopt;
  }
  return r;
}

std::optional<int64_t> checked_mul(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) {
    return std::nullopt;
  }
  return r;
}

bool is_leap_year(int64_t year) {
  return floor_mod(year, 4) == 0 && (floor_mod(year, 100) != 0 || floor_mod(year, 400) == 0);
}

int64_t days_in_month(int64_t year, int64_t month) {
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) {
    return 29;
  }
  return kDays[month - 1];
}

int64_t days_in_year(int64_t year) {
  return is_leap_year(year) ? 366 : 365;
}

// The year is shifted to start in March so the leap day falls at its end, and split into
// 400-year eras of 146,097 days that repeat exactly.
int64_t epoch_day_from_civil(int64_t year, int64_t month, int64_t day) {
  const int64_t y = month <= 2 ? year - 1 : year;
  const int64_t era = floor_div(y, 400);
  const int64_t year_of_era = y - era * 400;
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

YearMonthDay civil_from_epoch_day(int64_t epoch_day) {
  const int64_t z = epoch_day + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

int64_t min_epoch_day() {
  return epoch_day_from_civil(kMinYear, 1, 1);
}
int64_t max_epoch_day() {
  return epoch_day_from_civil(kMaxYear, 12, 31);
}

// 1970-01-01 was a Thursday.
int64_t iso_weekday(int64_t epoch_day) {
  return floor_mod(epoch_day + 3, 7) + 1;
}

// Week 1 is the week that holds 4 January.
int64_t week_one_monday(int64_t week_year) {
  const int64_t jan4 = epoch_day_from_civil(week_year, 1, 4);
  return jan4 - (iso_weekday(jan4) - 1);
}

int64_t weeks_in_week_year(int64_t week_year) {
  return (week_one_monday(week_year + 1) - week_one_monday(week_year)) / 7;
}

IsoWeek iso_week_of(int64_t epoch_day) {
  int64_t week_year = civil_from_epoch_day(epoch_day).year;
  if (epoch_day >= week_one_monday(week_year + 1)) {
    ++week_year;
  } else if (epoch_day < week_one_monday(week_year)) {
    --week_year;
  }
  return {week_year, (epoch_day - week_one_monday(week_year)) / 7 + 1};
}

int64_t ordinal_day_of(int64_t epoch_day) {
  const int64_t year = civil_from_epoch_day(epoch_day).year;
  return epoch_day - epoch_day_from_civil(year, 1, 1) + 1;
}

int64_t quarter_start(int64_t year, int64_t quarter) {
  return epoch_day_from_civil(year, (quarter - 1) * 3 + 1, 1);
}

int64_t days_in_quarter(int64_t year, int64_t quarter) {
  const int64_t next =
      quarter == 4 ? epoch_day_from_civil(year + 1, 1, 1) : quarter_start(year, quarter + 1);
  return next - quarter_start(year, quarter);
}

}  // namespace quiver::temporal
