#include "query/execute/evaluator.h"

#include <cmath>

#include "query/execute/pattern_match.h"
#include "query/functions/functions.h"
#include "storage/temporal/access.h"

namespace quiver::query {

namespace {

[[noreturn]] void type_error(const std::string& message) {
  throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType", message);
}

}  // namespace

Tri truth(const Value& v) {
  if (v.is_null())
    return Tri::kNull;
  if (!v.is_bool())
    type_error(std::string("expected a BOOLEAN, got ") + kind_name(v.kind()));
  return v.as_bool() ? Tri::kTrue : Tri::kFalse;
}

Evaluator::Evaluator(ExecContext& ctx, Schema schema) : ctx_(ctx), schema_(std::move(schema)) {}

Evaluator::~Evaluator() = default;

void Evaluator::eval_batch(const ast::Expression& expr, const Batch& batch,
                           std::vector<Value>& out) {
  out.resize(batch.size);

  // Variables and constants are the common case of projections: copy columns without the
  // per-row dispatch.
  if (const auto* var = std::get_if<ast::Variable>(&expr.node); var && locals_.empty()) {
    int slot = schema_.find(var->name);
    if (slot >= 0) {
      for (size_t r = 0; r < batch.size; ++r)
        out[r] = batch.columns[slot][r];
      return;
    }
  }
  for (size_t r = 0; r < batch.size; ++r)
    out[r] = eval(expr, RowRef{&batch, r});
}

Tri Evaluator::eval_predicate(const ast::Expression& expr, RowRef row) {
  return truth(eval(expr, row));
}

Value Evaluator::eval(const ast::Expression& expr, RowRef row) {
  return std::visit(
      [&](const auto& n) -> Value {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::NullLiteral>) {
          return Value();
        } else if constexpr (std::is_same_v<T, ast::BoolLiteral>) {
          return Value(n.value);
        } else if constexpr (std::is_same_v<T, ast::IntegerLiteral>) {
          return Value(n.value);
        } else if constexpr (std::is_same_v<T, ast::FloatLiteral>) {
          return Value(n.value);
        } else if constexpr (std::is_same_v<T, ast::StringLiteral>) {
          return Value(n.value);
        } else if constexpr (std::is_same_v<T, ast::ListLiteral>) {
          ValueList out;
          out.reserve(n.items.size());
          for (const auto& item : n.items)
            out.push_back(eval(*item, row));
          return Value(std::move(out));
        } else if constexpr (std::is_same_v<T, ast::MapLiteral>) {
          ValueMap out;
          for (const auto& [k, v] : n.entries)
            out[k] = eval(*v, row);
          return Value(std::move(out));
        } else if constexpr (std::is_same_v<T, ast::Parameter>) {
          auto it = ctx_.params().find(n.name);
          if (it == ctx_.params().end()) {
            throw QueryError(ErrorCategory::kParameterMissing, ErrorPhase::kRuntime,
                             "MissingParameter", "expected parameter $" + n.name, expr.pos.line,
                             expr.pos.column);
          }
          return it->second;
        } else if constexpr (std::is_same_v<T, ast::Variable>) {
          return eval_variable(n.name, row);
        } else if constexpr (std::is_same_v<T, ast::PropertyAccess>) {
          return eval_property(n, row);
        } else if constexpr (std::is_same_v<T, ast::Subscript>) {
          return eval_subscript(n, row);
        } else if constexpr (std::is_same_v<T, ast::Slice>) {
          return eval_slice(n, row);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return eval_unary(n, row);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return eval_binary(n, row);
        } else if constexpr (std::is_same_v<T, ast::IsNull>) {
          bool null = eval(*n.operand, row).is_null();
          return Value(n.negated ? !null : null);
        } else if constexpr (std::is_same_v<T, ast::LabelCheck>) {
          return eval_label_check(n, row);
        } else if constexpr (std::is_same_v<T, ast::FunctionCall>) {
          return eval_function(expr, n, row);
        } else if constexpr (std::is_same_v<T, ast::CountStar>) {
          if (aggregates_) {
            auto it = aggregates_->find(&expr);
            if (it != aggregates_->end())
              return it->second;
          }
          throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kCompileTime,
                           "InvalidAggregation", "count(*) is not allowed here", expr.pos.line,
                           expr.pos.column);
        } else if constexpr (std::is_same_v<T, ast::CaseExpr>) {
          return eval_case(n, row);
        } else if constexpr (std::is_same_v<T, ast::ListComprehension>) {
          return eval_list_comprehension(n, row);
        } else if constexpr (std::is_same_v<T, ast::Quantifier>) {
          return eval_quantifier(n, row);
        } else if constexpr (std::is_same_v<T, ast::Reduce>) {
          return eval_reduce(n, row);
        } else if constexpr (std::is_same_v<T, ast::PatternComprehension>) {
          return eval_pattern_comprehension(expr, n, row);
        } else if constexpr (std::is_same_v<T, ast::PatternPredicate> ||
                             std::is_same_v<T, ast::ExistsSubquery>) {
          return eval_exists(expr, row);
        } else {
          static_assert(std::is_same_v<T, ast::MapProjection>);
          return eval_map_projection(n, row);
        }
      },
      expr.node);
}

Value Evaluator::eval_variable(const std::string& name, RowRef row) {
  for (size_t i = locals_.size(); i-- > 0;) {
    if (*locals_[i].name == name)
      return locals_[i].value;
  }
  int slot = schema_.find(name);
  if (slot < 0) {
    throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kCompileTime, "UndefinedVariable",
                     "variable `" + name + "` is not defined");
  }
  return row.at(static_cast<size_t>(slot));
}

Value property_of(ExecContext& ctx, const Value& subject, const std::string& key) {
  switch (subject.kind()) {
    case Kind::kNull:
      return Value();
    case Kind::kNode:
      return ctx.node_property(subject.as_node().id, key);
    case Kind::kRelationship:
      return ctx.rel_property(subject.as_rel().id, key);
    case Kind::kMap: {
      auto it = subject.as_map().find(key);
      return it == subject.as_map().end() ? Value() : it->second;
    }
    case Kind::kTemporal: {
      temporal::TemporalResult<temporal::ComponentValue> component =
          temporal::component(subject.as_temporal(), key);
      if (!component.ok())
        temporal_error(component.error());
      if (const auto* number = std::get_if<int64_t>(&*component))
        return Value(*number);
      return Value(std::get<std::string>(*component));
    }
    default:
      type_error(std::string("cannot read property `") + key + "` of a " +
                 kind_name(subject.kind()));
  }
}

Value Evaluator::eval_property(const ast::PropertyAccess& p, RowRef row) {
  return property_of(ctx_, eval(*p.subject, row), p.key);
}

Value Evaluator::eval_subscript(const ast::Subscript& s, RowRef row) {
  Value subject = eval(*s.subject, row);
  Value index = eval(*s.index, row);
  if (subject.is_null() || index.is_null())
    return Value();
  if (subject.is_list()) {
    if (!index.is_int())
      type_error("a list index must be an INTEGER");
    const ValueList& list = subject.as_list();
    int64_t i = index.as_int();
    int64_t n = static_cast<int64_t>(list.size());
    if (i < 0)
      i += n;
    if (i < 0 || i >= n)
      return Value();
    return list[static_cast<size_t>(i)];
  }
  if (subject.is_map() || subject.is_node() || subject.is_rel()) {
    if (!index.is_string()) {
      throw_runtime(ErrorCategory::kTypeError, "MapElementAccessByNonString",
                    "a map key must be a STRING");
    }
    return property_of(ctx_, subject, index.as_string());
  }
  type_error(std::string("cannot index a ") + kind_name(subject.kind()));
}

Value Evaluator::eval_slice(const ast::Slice& s, RowRef row) {
  Value subject = eval(*s.subject, row);
  Value from = s.from ? eval(*s.from, row) : Value(int64_t{0});
  if (subject.is_null() || from.is_null())
    return Value();
  if (!subject.is_list())
    type_error("only lists can be sliced");
  const ValueList& list = subject.as_list();
  int64_t n = static_cast<int64_t>(list.size());
  Value to = s.to ? eval(*s.to, row) : Value(n);
  if (to.is_null())
    return Value();
  if (!from.is_int() || !to.is_int())
    type_error("slice bounds must be INTEGERs");
  auto clamp = [n](int64_t i) {
    if (i < 0)
      i += n;
    return i < 0 ? 0 : (i > n ? n : i);
  };
  int64_t a = clamp(from.as_int());
  int64_t b = clamp(to.as_int());
  ValueList out;
  for (int64_t i = a; i < b; ++i)
    out.push_back(list[static_cast<size_t>(i)]);
  return Value(std::move(out));
}

Value Evaluator::eval_label_check(const ast::LabelCheck& l, RowRef row) {
  Value subject = eval(*l.subject, row);
  if (subject.is_null())
    return Value();
  if (subject.is_node()) {
    for (const std::string& label : l.labels) {
      if (!ctx_.node_has_label(subject.as_node().id, label))
        return Value(false);
    }
    return Value(true);
  }
  if (subject.is_rel()) {
    const std::string& type = ctx_.type_name(subject.as_rel().type);
    for (const std::string& label : l.labels) {
      if (label != type)
        return Value(false);
    }
    return Value(true);
  }
  type_error(std::string("label check on a ") + kind_name(subject.kind()));
}

Value Evaluator::eval_function(const ast::Expression& expr, const ast::FunctionCall& f,
                               RowRef row) {
  if (aggregates_) {
    auto it = aggregates_->find(&expr);
    if (it != aggregates_->end())
      return it->second;
  }
  auto cached = functions_.find(&f);
  const FunctionInfo* info = nullptr;
  if (cached != functions_.end()) {
    info = cached->second;
  } else {
    info = find_builtin_function(f.name);
    if (!info) {
      const char* detail = is_aggregate_function(f.name) ? "InvalidAggregation" : "UnknownFunction";
      throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kCompileTime, detail,
                       "function " + f.name + "() is not available here", expr.pos.line,
                       expr.pos.column);
    }
    functions_.emplace(&f, info);
  }
  // exists(pattern) is the pattern predicate itself; exists(value) tests for null.
  if (f.args.size() == 1 && std::holds_alternative<ast::PatternPredicate>(f.args[0]->node) &&
      to_lower(f.name) == "exists")
    return eval(*f.args[0], row);
  std::vector<Value> args;
  args.reserve(f.args.size());
  for (const auto& a : f.args)
    args.push_back(eval(*a, row));
  if (static_cast<int>(args.size()) < info->min_args ||
      static_cast<int>(args.size()) > info->max_args) {
    throw QueryError(ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime,
                     "InvalidNumberOfArguments", "wrong number of arguments for " + f.name + "()",
                     expr.pos.line, expr.pos.column);
  }
  return info->fn(ctx_, args);
}

}  // namespace quiver::query
