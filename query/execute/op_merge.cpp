// MERGE and FOREACH.

#include "query/execute/write_operators.h"

namespace quiver::query {

MergeOp::MergeOp(ExecContext& ctx, OperatorPtr child, const ast::Merge& merge)
    : Operator(ctx, Schema()), ctx_(ctx), merge_(merge) {
  parts_.push_back(merge.pattern);
  matcher_ = std::make_unique<PatternMatcher>(ctx, parts_, nullptr, child->schema());
  creator_ = std::make_unique<PatternCreator>(ctx, parts_, child->schema());
  schema_ = matcher_->output_schema();
  eval_ = std::make_unique<Evaluator>(ctx, schema_);
  input_eval_ = std::make_unique<Evaluator>(ctx, child->schema());
  child_ = add_child(std::move(child));
}

void MergeOp::refuse_null_properties(const std::vector<Value>& row) {
  Batch one;
  one.reset(row.size());
  one.append(row);
  auto check = [&](const ast::ExprPtr& properties) {
    if (!properties) {
      return;
    }
    Value map = input_eval_->eval(*properties, RowRef{&one, 0});
    if (!map.is_map()) {
      return;
    }
    for (const auto& [key, value] : map.as_map()) {
      if (value.is_null()) {
        throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kRuntime, "MergeReadOwnWrites",
                         "MERGE cannot use a null property value (" + key +
                             "): a created entity could never be matched by it");
      }
    }
  };
  for (const ast::NodePattern& node : merge_.pattern.element.nodes) {
    check(node.properties);
  }
  for (const ast::RelationshipPattern& rel : merge_.pattern.element.relationships) {
    check(rel.properties);
  }
}

bool MergeOp::next(Batch& out) {
  if (!done_) {
    done_ = true;
    size_t width = schema_.size();
    const Schema& created = creator_->output_schema();
    for (const auto& row : drain(*child_, ctx_)) {
      ctx_.checkpoint_often();
      // Each row sees what MERGE created for the rows before it.
      std::vector<std::vector<Value>> matches;
      matcher_->start(row);
      while (matcher_->next()) {
        RowRef m = matcher_->current();
        std::vector<Value> values(width);
        for (size_t c = 0; c < width; ++c)
          values[c] = m.at(c);
        matches.push_back(std::move(values));
      }
      if (!matches.empty()) {
        for (auto& values : matches) {
          Batch one;
          one.reset(width);
          one.append(values);
          apply_set_items(ctx_, *eval_, merge_.on_match, RowRef{&one, 0});
          rows_.push_back(std::move(values));
        }
        continue;
      }

      refuse_null_properties(row);

      // The creator names anonymous elements differently: map its row onto the matcher's
      // columns by name, leaving hidden columns null.
      std::vector<Value> made = creator_->create(row);
      std::vector<Value> values(width);
      for (size_t c = 0; c < width; ++c) {
        const std::string& name = schema_.names()[c];
        int from = c < row.size() ? static_cast<int>(c)
                                  : (PatternMatcher::is_hidden(name) ? -1 : created.find(name));
        if (from >= 0)
          values[c] = made[static_cast<size_t>(from)];
      }
      Batch one;
      one.reset(width);
      one.append(values);
      apply_set_items(ctx_, *eval_, merge_.on_create, RowRef{&one, 0});
      rows_.push_back(std::move(values));
    }
  }
  while (emitted_ < rows_.size() && !out.full())
    out.append(rows_[emitted_++]);
  return out.size > 0;
}

ForeachOp::ForeachOp(ExecContext& ctx, OperatorPtr child, const ast::Expression& list,
                     ArgumentOp* argument, OperatorPtr body)
    : Operator(ctx, child->schema()),
      ctx_(ctx),
      list_(list),
      argument_(argument),
      eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
  body_ = add_child(std::move(body));
}

bool ForeachOp::next(Batch& out) {
  if (!done_) {
    // The body is one plan run once over every (row, element) pair, so the input is read
    // completely first.
    done_ = true;
    Batch in;
    std::vector<Value> lists;
    std::vector<std::vector<Value>> inner;
    while (child_->pull(in)) {
      eval_.eval_batch(list_, in, lists);
      for (size_t r = 0; r < in.size; ++r) {
        if (lists[r].is_null())
          continue;
        if (!lists[r].is_list()) {
          throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType", "FOREACH expects a LIST");
        }
        for (const Value& e : lists[r].as_list()) {
          std::vector<Value> row = in.row(r);
          row.push_back(e);
          inner.push_back(std::move(row));
        }
      }
      ctx_.charge(in.size * in.columns.size() * sizeof(Value));
      batches_.push_back(std::move(in));
    }
    if (!inner.empty()) {
      argument_->reset(std::move(inner));
      Batch sink;
      while (body_->pull(sink)) {
      }
    }
  }
  if (emitted_ >= batches_.size())
    return false;
  out = std::move(batches_[emitted_++]);
  return true;
}

}  // namespace quiver::query
