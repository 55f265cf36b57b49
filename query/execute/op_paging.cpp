// SKIP/LIMIT, DISTINCT and UNION.

#include "query/execute/read_operators.h"

namespace quiver::query {

int64_t paging_count(ExecContext& ctx, const ast::Expression& expr, const char* what) {
  Evaluator eval(ctx, Schema());
  Batch empty;
  empty.size = 1;
  Value v = eval.eval(expr, RowRef{&empty, 0});
  if (v.is_double() && v.as_double() == static_cast<double>(static_cast<int64_t>(v.as_double()))) {
    v = Value(static_cast<int64_t>(v.as_double()));
  }
  if (!v.is_int()) {
    throw_runtime(ErrorCategory::kSyntaxError, "InvalidArgumentType",
                  std::string(what) + " must be a non-negative INTEGER");
  }
  if (v.as_int() < 0) {
    throw_runtime(ErrorCategory::kSyntaxError, "NegativeIntegerArgument",
                  std::string(what) + " must be a non-negative INTEGER");
  }
  return v.as_int();
}

SkipLimitOp::SkipLimitOp(ExecContext& ctx, OperatorPtr child, const ast::Expression* skip,
                         const ast::Expression* limit)
    : Operator(ctx, child->schema()) {
  if (skip)
    skip_ = paging_count(ctx, *skip, "SKIP");
  if (limit)
    limit_ = paging_count(ctx, *limit, "LIMIT");
  drain_ = ctx.writable();
  child_ = add_child(std::move(child));
}

std::string SkipLimitOp::describe() const {
  std::string out;
  if (skip_ > 0)
    out += "Skip(" + std::to_string(skip_) + ")";
  if (limit_ >= 0)
    out += std::string(out.empty() ? "" : " ") + "Limit(" + std::to_string(limit_) + ")";
  return out.empty() ? "Skip(0)" : out;
}

bool SkipLimitOp::next(Batch& out) {
  Batch in;
  while (limit_ < 0 || emitted_ < limit_) {
    if (!child_->pull(in))
      return false;
    for (size_t r = 0; r < in.size; ++r) {
      if (seen_++ < skip_)
        continue;
      if (limit_ >= 0 && emitted_ >= limit_)
        break;
      for (size_t c = 0; c < in.columns.size(); ++c)
        out.columns[c].push_back(std::move(in.columns[c][r]));
      ++out.size;
      ++emitted_;
    }
    if (out.size > 0)
      return true;
  }

  // Updates before the limit happen whether or not their rows are returned.
  if (drain_) {
    while (child_->pull(in)) {
    }
    drain_ = false;
  }
  return false;
}

DistinctOp::DistinctOp(ExecContext& ctx, OperatorPtr child, size_t key_width)
    : Operator(ctx, child->schema()), ctx_(ctx), key_width_(key_width) {
  child_ = add_child(std::move(child));
}

bool DistinctOp::next(Batch& out) {
  Batch in;
  while (child_->pull(in)) {
    for (size_t r = 0; r < in.size; ++r) {
      std::vector<Value> key;
      key.reserve(key_width_);
      size_t bytes = 64;
      for (size_t c = 0; c < key_width_; ++c) {
        key.push_back(in.columns[c][r]);
        bytes += approximate_size(key.back());
      }
      if (!seen_.insert(std::move(key)).second)
        continue;
      ctx_.charge(bytes);
      for (size_t c = 0; c < in.columns.size(); ++c)
        out.columns[c].push_back(in.columns[c][r]);
      ++out.size;
    }
    if (out.size > 0)
      return true;
  }
  return false;
}

UnionOp::UnionOp(ExecContext& ctx, std::vector<OperatorPtr> parts, bool distinct)
    : Operator(ctx, parts.front()->schema()), ctx_(ctx), distinct_(distinct) {
  for (auto& p : parts)
    parts_.push_back(add_child(std::move(p)));
}

bool UnionOp::next(Batch& out) {
  Batch in;
  while (current_ < parts_.size()) {
    if (!parts_[current_]->pull(in)) {
      ++current_;
      continue;
    }
    for (size_t r = 0; r < in.size; ++r) {
      std::vector<Value> row = in.row(r);
      if (distinct_) {
        size_t bytes = 64;
        for (const Value& v : row)
          bytes += approximate_size(v);
        if (!seen_.insert(row).second)
          continue;
        ctx_.charge(bytes);
      }
      out.append(row);
    }
    if (out.size > 0)
      return true;
  }
  return false;
}

}  // namespace quiver::query
