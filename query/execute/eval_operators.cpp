// Unary and binary operators: logic, comparison, arithmetic, string and list operators.

#include <cmath>
#include <limits>
#include <regex>

#include "query/execute/evaluator.h"
#include "query/functions/functions.h"
#include "storage/temporal/arithmetic.h"

namespace quiver::query {

namespace {

[[noreturn]] void type_error(const std::string& message) {
  throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType", message);
}

[[noreturn]] void overflow() {
  throw_runtime(ErrorCategory::kArithmeticError, "IntegerOverflow",
                "the result does not fit a 64-bit INTEGER");
}

std::string operand_kinds(const char* op, const Value& a, const Value& b) {
  return std::string("cannot apply ") + op + " to " + type_name(a) + " and " + type_name(b);
}

Value compare_op(ast::BinaryOp op, const Value& a, const Value& b) {
  int c = cypher_compare(a, b);
  if (c == kIncomparable) {
    // NaN compares false with every number instead of yielding null.
    bool nan = (a.is_double() && std::isnan(a.as_double()) && b.is_number()) ||
               (b.is_double() && std::isnan(b.as_double()) && a.is_number());
    return nan ? Value(false) : Value();
  }
  switch (op) {
    case ast::BinaryOp::kLess:
      return Value(c < 0);
    case ast::BinaryOp::kGreater:
      return Value(c > 0);
    case ast::BinaryOp::kLessEqual:
      return Value(c <= 0);
    default:
      return Value(c >= 0);
  }
}

Value in_list(const Value& needle, const Value& list) {
  if (list.is_null())
    return Value();
  if (!list.is_list())
    type_error(std::string("IN expects a LIST, got ") + kind_name(list.kind()));
  bool unknown = false;
  for (const Value& e : list.as_list()) {
    Tri t = cypher_equals(needle, e);
    if (t == Tri::kTrue)
      return Value(true);
    if (t == Tri::kNull)
      unknown = true;
  }
  return unknown ? Value() : Value(false);
}

Value string_op(ast::BinaryOp op, const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string())
    return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (op) {
    case ast::BinaryOp::kStartsWith:
      return Value(s.compare(0, t.size(), t) == 0);
    case ast::BinaryOp::kEndsWith:
      return Value(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
    default:
      return Value(s.find(t) != std::string::npos);
  }
}

Value regex_match(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string())
    return Value();
  try {
    std::regex re(b.as_string(), std::regex::ECMAScript);
    return Value(std::regex_match(a.as_string(), re));
  } catch (const std::regex_error& e) {
    throw_runtime(ErrorCategory::kArgumentError, "InvalidArgumentValue",
                  "invalid regular expression: " + b.as_string());
  }
}

Value logic(ast::BinaryOp op, Tri a, Tri b) {
  auto val = [](Tri t) { return t == Tri::kNull ? Value() : Value(t == Tri::kTrue); };
  switch (op) {
    case ast::BinaryOp::kAnd:
      if (a == Tri::kFalse || b == Tri::kFalse)
        return Value(false);
      return (a == Tri::kNull || b == Tri::kNull) ? Value() : Value(true);
    case ast::BinaryOp::kOr:
      if (a == Tri::kTrue || b == Tri::kTrue)
        return Value(true);
      return (a == Tri::kNull || b == Tri::kNull) ? Value() : Value(false);
    default:
      if (a == Tri::kNull || b == Tri::kNull)
        return Value();
      return val((a == Tri::kTrue) != (b == Tri::kTrue) ? Tri::kTrue : Tri::kFalse);
  }
}

const char* operator_name(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::kAdd:
      return "+";
    case ast::BinaryOp::kSubtract:
      return "-";
    case ast::BinaryOp::kMultiply:
      return "*";
    case ast::BinaryOp::kDivide:
      return "/";
    case ast::BinaryOp::kModulo:
      return "%";
    default:
      return "^";
  }
}

temporal::Number as_temporal_number(const Value& v) {
  if (v.is_int())
    return v.as_int();
  return v.as_double();
}

// Arithmetic with a temporal operand (neither side null): instant +/- duration, duration +/-
// duration, duration * number, number * duration, duration / number.
Value temporal_arithmetic(ast::BinaryOp op, const Value& a, const Value& b) {
  using temporal::TemporalResult;
  std::optional<TemporalResult<TemporalValue>> result;
  if (a.is_temporal() && b.is_temporal()) {
    if (op == ast::BinaryOp::kAdd)
      result = temporal::plus(a.as_temporal(), b.as_temporal());
    else if (op == ast::BinaryOp::kSubtract)
      result = temporal::minus(a.as_temporal(), b.as_temporal());
  } else if (a.is_temporal() && b.is_number()) {
    if (op == ast::BinaryOp::kMultiply)
      result = temporal::times(a.as_temporal(), as_temporal_number(b));
    else if (op == ast::BinaryOp::kDivide)
      result = temporal::divided_by(a.as_temporal(), as_temporal_number(b));
  } else if (a.is_number() && b.is_temporal() && op == ast::BinaryOp::kMultiply) {
    result = temporal::times(b.as_temporal(), as_temporal_number(a));
  }
  if (!result)
    type_error(operand_kinds(operator_name(op), a, b));

  // The library reports operand types it does not combine (date + date) as InvalidArgument,
  // which is the operator's type error; other failures are argument errors.
  if (!result->ok()) {
    if (result->error().code == temporal::TemporalErrorCode::kInvalidArgument &&
        op != ast::BinaryOp::kDivide)
      type_error(operand_kinds(operator_name(op), a, b));
    temporal_error(result->error());
  }
  return Value(std::move(*result).value());
}

}  // namespace

Value add_values(const Value& a, const Value& b) {
  if (a.is_list() || b.is_list()) {
    ValueList out;
    if (a.is_list()) {
      out = a.as_list();
    } else {
      out.push_back(a);
    }
    if (b.is_list()) {
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
    } else {
      out.push_back(b);
    }
    return Value(std::move(out));
  }
  if (a.is_null() || b.is_null())
    return Value();
  if (a.is_string() && b.is_string())
    return Value(a.as_string() + b.as_string());
  // A string and a number concatenate in either order, the number written as toString()
  // writes it (1.5, not 1.500000).
  auto text = [](const Value& n) {
    return n.is_int() ? std::to_string(n.as_int()) : format_double(n.as_double());
  };
  if (a.is_string() && b.is_number())
    return Value(a.as_string() + text(b));
  if (a.is_number() && b.is_string())
    return Value(text(a) + b.as_string());
  return arithmetic(ast::BinaryOp::kAdd, a, b);
}

Value arithmetic(ast::BinaryOp op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null())
    return Value();
  if (a.is_temporal() || b.is_temporal())
    return temporal_arithmetic(op, a, b);
  if (!a.is_number() || !b.is_number())
    type_error(operand_kinds(operator_name(op), a, b));
  if (op == ast::BinaryOp::kPower)
    return Value(std::pow(a.as_number(), b.as_number()));
  if (a.is_int() && b.is_int()) {
    int64_t x = a.as_int();
    int64_t y = b.as_int();
    int64_t r = 0;
    switch (op) {
      case ast::BinaryOp::kAdd:
        if (__builtin_add_overflow(x, y, &r))
          overflow();
        return Value(r);
      case ast::BinaryOp::kSubtract:
        if (__builtin_sub_overflow(x, y, &r))
          overflow();
        return Value(r);
      case ast::BinaryOp::kMultiply:
        if (__builtin_mul_overflow(x, y, &r))
          overflow();
        return Value(r);
      case ast::BinaryOp::kDivide:
      case ast::BinaryOp::kModulo:
        if (y == 0) {
          throw_runtime(ErrorCategory::kArithmeticError, "DivisionByZero", "/ by zero");
        }
        if (x == std::numeric_limits<int64_t>::min() && y == -1) {
          if (op == ast::BinaryOp::kModulo)
            return Value(int64_t{0});
          overflow();
        }
        return Value(op == ast::BinaryOp::kDivide ? x / y : x % y);
      default:
        break;
    }
  }
  double x = a.as_number();
  double y = b.as_number();
  switch (op) {
    case ast::BinaryOp::kAdd:
      return Value(x + y);
    case ast::BinaryOp::kSubtract:
      return Value(x - y);
    case ast::BinaryOp::kMultiply:
      return Value(x * y);
    case ast::BinaryOp::kDivide:
      return Value(x / y);
    default:
      return Value(std::fmod(x, y));
  }
}

Value Evaluator::eval_unary(const ast::Unary& u, RowRef row) {
  Value v = eval(*u.operand, row);
  if (v.is_null())
    return Value();
  switch (u.op) {
    case ast::UnaryOp::kNot:
      if (!v.is_bool())
        type_error(std::string("NOT expects a BOOLEAN, got ") + kind_name(v.kind()));
      return Value(!v.as_bool());
    case ast::UnaryOp::kMinus:
      if (v.is_int()) {
        if (v.as_int() == std::numeric_limits<int64_t>::min())
          overflow();
        return Value(-v.as_int());
      }
      if (v.is_double())
        return Value(-v.as_double());
      if (v.is_temporal() && std::holds_alternative<temporal::Duration>(v.as_temporal())) {
        auto negated = temporal::negate(std::get<temporal::Duration>(v.as_temporal()));
        if (!negated.ok())
          temporal_error(negated.error());
        return Value(TemporalValue(*negated));
      }
      type_error(std::string("cannot negate a ") + kind_name(v.kind()));
    case ast::UnaryOp::kPlus:
      if (!v.is_number())
        type_error(std::string("unary + on a ") + kind_name(v.kind()));
      return v;
  }
  return v;
}

Value Evaluator::eval_binary(const ast::Binary& b, RowRef row) {
  using Op = ast::BinaryOp;
  switch (b.op) {
    case Op::kAnd:
    case Op::kOr:
    case Op::kXor: {
      Tri left = truth(eval(*b.lhs, row));
      // Short-circuit only where the answer is already fixed; the right side is still checked
      // for type errors in the other cases.
      if (b.op == Op::kAnd && left == Tri::kFalse)
        return Value(false);
      if (b.op == Op::kOr && left == Tri::kTrue)
        return Value(true);
      return logic(b.op, left, truth(eval(*b.rhs, row)));
    }
    default:
      break;
  }
  Value lhs = eval(*b.lhs, row);
  Value rhs = eval(*b.rhs, row);
  switch (b.op) {
    case Op::kEqual:
    case Op::kNotEqual: {
      Tri t = cypher_equals(lhs, rhs);
      if (t == Tri::kNull)
        return Value();
      return Value((t == Tri::kTrue) == (b.op == Op::kEqual));
    }
    case Op::kLess:
    case Op::kGreater:
    case Op::kLessEqual:
    case Op::kGreaterEqual:
      return compare_op(b.op, lhs, rhs);
    case Op::kAdd:
      return add_values(lhs, rhs);
    case Op::kSubtract:
    case Op::kMultiply:
    case Op::kDivide:
    case Op::kModulo:
    case Op::kPower:
      return arithmetic(b.op, lhs, rhs);
    case Op::kIn:
      return in_list(lhs, rhs);
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kContains:
      return string_op(b.op, lhs, rhs);
    case Op::kRegexMatch:
      return regex_match(lhs, rhs);
    default:
      return Value();
  }
}

}  // namespace quiver::query
