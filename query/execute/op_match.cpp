#include "query/execute/read_operators.h"

namespace quiver::query {

MatchOp::MatchOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::PatternPart>& parts,
                 const ast::Expression* where, bool optional)
    : Operator(ctx, Schema()), optional_(optional) {
  child_ = add_child(std::move(child));
  matcher_ = std::make_unique<PatternMatcher>(ctx, parts, where, child_->schema());
  schema_ = matcher_->output_schema();
}

bool MatchOp::next(Batch& out) {
  size_t width = schema_.size();
  std::vector<Value> row(width);
  while (!out.full()) {
    if (!row_active_) {
      if (input_row_ >= input_.size) {
        if (child_done_ || !child_->pull(input_)) {
          child_done_ = true;
          break;
        }
        input_row_ = 0;
      }
      matcher_->start(input_.row(input_row_));
      row_active_ = true;
      row_matched_ = false;
    }
    if (matcher_->next()) {
      row_matched_ = true;
      RowRef m = matcher_->current();
      for (size_t c = 0; c < width; ++c)
        out.columns[c].push_back(m.at(c));
      ++out.size;
      continue;
    }
    if (optional_ && !row_matched_) {
      for (size_t c = 0; c < width; ++c) {
        out.columns[c].push_back(c < input_.columns.size() ? input_.columns[c][input_row_]
                                                           : Value());
      }
      ++out.size;
    }
    row_active_ = false;
    ++input_row_;
  }
  return out.size > 0;
}

FilterOp::FilterOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& predicate)
    : Operator(ctx, child->schema()), predicate_(predicate), eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

bool FilterOp::next(Batch& out) {
  Batch in;
  while (child_->pull(in)) {
    eval_.eval_batch(predicate_, in, mask_);
    for (size_t r = 0; r < in.size; ++r) {
      if (truth(mask_[r]) != Tri::kTrue)
        continue;
      for (size_t c = 0; c < in.columns.size(); ++c)
        out.columns[c].push_back(std::move(in.columns[c][r]));
      ++out.size;
    }
    if (out.size > 0)
      return true;
  }
  return false;
}

UnwindOp::UnwindOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& list,
                   std::string variable)
    : Operator(ctx, child->schema()), list_(list), eval_(ctx, child->schema()) {
  schema_.add(std::move(variable));
  child_ = add_child(std::move(child));
}

bool UnwindOp::next(Batch& out) {
  size_t in_width = schema_.size() - 1;
  while (!out.full()) {
    if (row_ >= input_.size) {
      if (!child_->pull(input_))
        break;
      eval_.eval_batch(list_, input_, lists_);
      row_ = 0;
      element_ = 0;
    }
    const Value& list = lists_[row_];
    size_t count = list.is_list() ? list.as_list().size() : (list.is_null() ? 0 : 1);
    if (element_ >= count) {
      ++row_;
      element_ = 0;
      continue;
    }
    for (size_t c = 0; c < in_width; ++c)
      out.columns[c].push_back(input_.columns[c][row_]);
    out.columns[in_width].push_back(list.is_list() ? list.as_list()[element_] : list);
    ++out.size;
    ++element_;
  }
  return out.size > 0;
}

ProjectOp::ProjectOp(ExecContext& ctx, OperatorPtr child, std::vector<const ast::Expression*> exprs,
                     std::vector<std::string> names)
    : Operator(ctx, child->schema()), exprs_(std::move(exprs)), eval_(ctx, child->schema()) {
  for (std::string& n : names)
    schema_.add(std::move(n));
  child_ = add_child(std::move(child));
}

std::string ProjectOp::describe() const {
  std::string out = "Projection(";
  size_t first = schema_.size() - exprs_.size();
  for (size_t i = first; i < schema_.size(); ++i) {
    out += (i == first ? "" : ", ") + schema_.names()[i];
  }
  return out + ")";
}

bool ProjectOp::next(Batch& out) {
  if (!child_->pull(out))
    return false;
  size_t first = out.columns.size();
  out.columns.resize(first + exprs_.size());
  for (size_t i = 0; i < exprs_.size(); ++i)
    eval_.eval_batch(*exprs_[i], out, out.columns[first + i]);
  return true;
}

SelectOp::SelectOp(OperatorPtr child, std::vector<int> columns, std::vector<std::string> names)
    : Operator(Schema(std::move(names))), columns_(std::move(columns)) {
  child_ = add_child(std::move(child));
}

bool SelectOp::next(Batch& out) {
  Batch in;
  if (!child_->pull(in))
    return false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    out.columns[i] = std::move(in.columns[static_cast<size_t>(columns_[i])]);
  }
  out.size = in.size;
  return true;
}

}  // namespace quiver::query
