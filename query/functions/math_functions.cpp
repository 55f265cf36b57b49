// Numeric functions.

#include <cmath>
#include <limits>
#include <random>

#include "query/functions/function_table.h"

namespace quiver::query {

namespace {

bool number_arg(const char* fn, const Value& v, double* out) {
  if (v.is_null())
    return false;
  if (!v.is_number())
    argument_type_error(fn, v);
  *out = v.as_number();
  return true;
}

template <double (*F)(double)>
Value unary_math(ExecContext&, std::vector<Value>& a) {
  double x = 0;
  if (!number_arg("math function", a[0], &x))
    return Value();
  return Value(F(x));
}

double sign_of(double x) {
  return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
}
double degrees_of(double x) {
  return x * 180.0 / M_PI;
}
double radians_of(double x) {
  return x * M_PI / 180.0;
}
double round_half_up(double x) {
  return std::floor(x + 0.5);
}

Value abs_fn(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_int()) {
    if (v.as_int() == std::numeric_limits<int64_t>::min()) {
      throw_runtime(ErrorCategory::kArithmeticError, "IntegerOverflow", "abs() overflows");
    }
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  if (v.is_double())
    return Value(std::fabs(v.as_double()));
  argument_type_error("abs", v);
}

Value sign(ExecContext&, std::vector<Value>& a) {
  const Value& v = a[0];
  if (v.is_null())
    return Value();
  if (v.is_int())
    return Value(int64_t{v.as_int() > 0 ? 1 : (v.as_int() < 0 ? -1 : 0)});
  double x = 0;
  number_arg("sign", v, &x);
  return Value(static_cast<int64_t>(sign_of(x)));
}

Value round_fn(ExecContext&, std::vector<Value>& a) {
  double x = 0;
  if (!number_arg("round", a[0], &x))
    return Value();
  if (a.size() == 1)
    return Value(round_half_up(x));
  double digits = 0;
  if (!number_arg("round", a[1], &digits))
    return Value();
  double scale = std::pow(10.0, digits);
  return Value(round_half_up(x * scale) / scale);
}

Value atan2_fn(ExecContext&, std::vector<Value>& a) {
  double y = 0;
  double x = 0;
  if (!number_arg("atan2", a[0], &y) || !number_arg("atan2", a[1], &x))
    return Value();
  return Value(std::atan2(y, x));
}

Value pi(ExecContext&, std::vector<Value>&) {
  return Value(M_PI);
}
Value e(ExecContext&, std::vector<Value>&) {
  return Value(M_E);
}

Value rand_fn(ExecContext&, std::vector<Value>&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(engine));
}

double ceil_of(double x) {
  return std::ceil(x);
}
double floor_of(double x) {
  return std::floor(x);
}
double sqrt_of(double x) {
  return std::sqrt(x);
}
double exp_of(double x) {
  return std::exp(x);
}
double log_of(double x) {
  return std::log(x);
}
double log10_of(double x) {
  return std::log10(x);
}
double sin_of(double x) {
  return std::sin(x);
}
double cos_of(double x) {
  return std::cos(x);
}
double tan_of(double x) {
  return std::tan(x);
}
double asin_of(double x) {
  return std::asin(x);
}
double acos_of(double x) {
  return std::acos(x);
}
double atan_of(double x) {
  return std::atan(x);
}
double cot_of(double x) {
  return 1.0 / std::tan(x);
}

}  // namespace

void add_math_functions(FunctionTable& t) {
  t.add("abs", abs_fn, 1, 1);
  t.add("sign", sign, 1, 1);
  t.add("round", round_fn, 1, 2);
  t.add("ceil", unary_math<ceil_of>, 1, 1);
  t.add("floor", unary_math<floor_of>, 1, 1);
  t.add("sqrt", unary_math<sqrt_of>, 1, 1);
  t.add("exp", unary_math<exp_of>, 1, 1);
  t.add("log", unary_math<log_of>, 1, 1);
  t.add("log10", unary_math<log10_of>, 1, 1);
  t.add("sin", unary_math<sin_of>, 1, 1);
  t.add("cos", unary_math<cos_of>, 1, 1);
  t.add("tan", unary_math<tan_of>, 1, 1);
  t.add("cot", unary_math<cot_of>, 1, 1);
  t.add("asin", unary_math<asin_of>, 1, 1);
  t.add("acos", unary_math<acos_of>, 1, 1);
  t.add("atan", unary_math<atan_of>, 1, 1);
  t.add("atan2", atan2_fn, 2, 2);
  t.add("degrees", unary_math<degrees_of>, 1, 1);
  t.add("radians", unary_math<radians_of>, 1, 1);
  t.add("pi", pi, 0, 0);
  t.add("e", e, 0, 0);
  t.add("rand", rand_fn, 0, 0);
}

}  // namespace quiver::query
