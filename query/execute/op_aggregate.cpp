// Hash aggregation.

#include <unordered_map>

#include "query/execute/read_operators.h"
#include "query/functions/functions.h"
#include "query/parse/ast_walk.h"

namespace quiver::query {

struct AggregateOp::Group {
  std::vector<Value> key;
  std::vector<Value> representative;  // the group's first input row
  std::vector<std::unique_ptr<Aggregator>> aggregators;
};

void find_aggregates(const ast::Expression& expr, std::vector<AggregateCall>& out) {
  if (std::holds_alternative<ast::CountStar>(expr.node)) {
    out.push_back(AggregateCall{&expr, "count(*)", false, nullptr, nullptr});
    return;
  }
  if (const auto* f = std::get_if<ast::FunctionCall>(&expr.node)) {
    if (is_aggregate_function(f->name)) {
      AggregateCall call{&expr, to_lower(f->name), f->distinct, nullptr, nullptr};
      if (!f->args.empty())
        call.argument = f->args[0].get();
      if (f->args.size() > 1)
        call.extra = f->args[1].get();
      out.push_back(call);
      return;
    }
  }
  ast::for_each_operand(expr,
                        [&](const ast::Expression& operand) { find_aggregates(operand, out); });
}

AggregateOp::AggregateOp(ExecContext& ctx, OperatorPtr child,
                         std::vector<const ast::Expression*> keys,
                         std::vector<const ast::Expression*> items,
                         std::vector<bool> item_is_aggregate, std::vector<AggregateCall> calls,
                         std::vector<std::string> names)
    : Operator(ctx, Schema(std::move(names))),
      ctx_(ctx),
      keys_(std::move(keys)),
      items_(std::move(items)),
      item_is_aggregate_(std::move(item_is_aggregate)),
      calls_(std::move(calls)),
      eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

AggregateOp::~AggregateOp() = default;

void AggregateOp::consume() {
  std::unordered_map<std::vector<Value>, size_t, RowHash, RowEquivalent> index;
  auto new_group = [&](std::vector<Value> key, std::vector<Value> rep) {
    auto g = std::make_unique<Group>();
    g->key = std::move(key);
    g->representative = std::move(rep);
    for (const AggregateCall& c : calls_)
      g->aggregators.push_back(make_aggregator(c.function, c.distinct));
    size_t bytes = 128 + 64 * calls_.size();
    for (const Value& v : g->key)
      bytes += approximate_size(v);
    ctx_.charge(bytes);
    groups_.push_back(std::move(g));
    return groups_.size() - 1;
  };

  Batch in;
  std::vector<std::vector<Value>> key_cols(keys_.size());
  std::vector<std::vector<Value>> arg_cols(calls_.size());
  std::vector<std::vector<Value>> extra_cols(calls_.size());
  while (child_->pull(in)) {
    for (size_t k = 0; k < keys_.size(); ++k)
      eval_.eval_batch(*keys_[k], in, key_cols[k]);
    for (size_t a = 0; a < calls_.size(); ++a) {
      if (calls_[a].argument)
        eval_.eval_batch(*calls_[a].argument, in, arg_cols[a]);
      if (calls_[a].extra)
        eval_.eval_batch(*calls_[a].extra, in, extra_cols[a]);
    }
    for (size_t r = 0; r < in.size; ++r) {
      std::vector<Value> key;
      key.reserve(keys_.size());
      for (size_t k = 0; k < keys_.size(); ++k)
        key.push_back(key_cols[k][r]);
      auto it = index.find(key);
      size_t g = it != index.end() ? it->second
                                   : index.emplace(key, new_group(key, in.row(r))).first->second;
      for (size_t a = 0; a < calls_.size(); ++a) {
        Value arg = calls_[a].argument ? arg_cols[a][r] : Value();
        Value extra = calls_[a].extra ? extra_cols[a][r] : Value();
        groups_[g]->aggregators[a]->add(ctx_, arg, extra);
      }
    }
  }
  if (keys_.empty() && groups_.empty()) {
    new_group({}, std::vector<Value>(child_->schema().size()));
  }
}

bool AggregateOp::next(Batch& out) {
  if (!consumed_) {
    consume();
    consumed_ = true;
  }
  AggregateValues values;
  Batch rep;
  while (emitted_ < groups_.size() && !out.full()) {
    Group& g = *groups_[emitted_++];
    for (size_t a = 0; a < calls_.size(); ++a)
      values[calls_[a].call] = g.aggregators[a]->result();
    rep.reset(g.representative.size());
    rep.append(g.representative);
    eval_.set_aggregates(&values);
    size_t key = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
      out.columns[i].push_back(item_is_aggregate_[i] ? eval_.eval(*items_[i], RowRef{&rep, 0})
                                                     : g.key[key++]);
    }
    eval_.set_aggregates(nullptr);
    ++out.size;
  }
  return out.size > 0;
}

}  // namespace quiver::query
