#include "query/plan/projection_planner.h"

#include <algorithm>
#include <optional>
#include <set>

#include "query/execute/pattern_match.h"
#include "query/execute/read_operators.h"
#include "query/parse/ast_walk.h"
#include "query/plan/planner.h"

namespace quiver::query {

namespace {

struct Item {
  const ast::Expression* expr;
  std::string name;
};

// The projection items with `*` expanded into the visible variables (sorted by name).
std::vector<Item> expand_items(std::deque<ast::Expression>& synthetic, const Schema& input,
                               const ast::Projection& projection) {
  std::vector<Item> items;
  if (projection.star) {
    std::set<std::string> names;
    for (const std::string& n : input.names()) {
      if (!PatternMatcher::is_hidden(n))
        names.insert(n);
    }
    for (const std::string& n : names) {
      synthetic.push_back(ast::Expression{{}, ast::Variable{n}});
      items.push_back(Item{&synthetic.back(), n});
    }
  }
  for (const ast::ProjectionItem& item : projection.items) {
    items.push_back(Item{item.expression.get(), item.column_name()});
  }
  return items;
}

// Rewrites E in place so that every part written like a projection item reads that item's
// column instead.
void substitute_items(ast::Expression& e, const std::vector<Item>& items) {
  std::string k = expression_key(e);
  for (const Item& item : items) {
    if (!k.empty() && expression_key(*item.expr) == k) {
      e.node = ast::Variable{item.name};
      return;
    }
  }
  ast::for_each_operand(e, [&](ast::Expression& operand) { substitute_items(operand, items); });
}

// ORDER BY expressions over the projected columns: an expression written like a projection
// item reads that item's column. With ONLY_COLUMNS (after grouping or DISTINCT, where the input
// variables are gone) the parts of an expression written like items are rewritten the same way
// (`ORDER BY a.name + 'x'` after `WITH a.name AS name`).
std::vector<const ast::Expression*> sort_keys(std::deque<ast::Expression>& synthetic,
                                              const std::vector<Item>& items,
                                              const ast::Projection& projection,
                                              bool only_columns) {
  std::vector<const ast::Expression*> keys;
  for (const ast::SortItem& s : projection.order_by) {
    const ast::Expression* key = s.expression.get();
    std::string k = expression_key(*key);
    bool projected = false;
    for (const Item& item : items) {
      if (!k.empty() && expression_key(*item.expr) == k) {
        synthetic.push_back(ast::Expression{key->pos, ast::Variable{item.name}});
        key = &synthetic.back();
        projected = true;
        break;
      }
    }
    if (!projected && only_columns) {
      synthetic.push_back(*key);
      substitute_items(synthetic.back(), items);
      key = &synthetic.back();
    }
    keys.push_back(key);
  }
  return keys;
}

std::optional<int64_t> top_k(ExecContext& ctx, const ast::Projection& p) {
  if (!p.limit)
    return std::nullopt;
  int64_t limit = paging_count(ctx, *p.limit, "LIMIT");
  int64_t skip = p.skip ? paging_count(ctx, *p.skip, "SKIP") : 0;
  return limit + skip;
}

}  // namespace

OperatorPtr plan_projection(ExecContext& ctx, std::deque<ast::Expression>& synthetic,
                            OperatorPtr in, const ast::Projection& projection,
                            const ast::Expression* where, bool is_return,
                            std::vector<std::string>& columns) {
  std::vector<Item> items = expand_items(synthetic, in->schema(), projection);
  std::vector<std::string> names;
  for (const Item& i : items)
    names.push_back(i.name);
  if (is_return)
    columns = names;

  std::vector<AggregateCall> calls;
  std::vector<bool> is_aggregate;
  for (const Item& i : items) {
    size_t before = calls.size();
    find_aggregates(*i.expr, calls);
    is_aggregate.push_back(calls.size() > before);
  }
  bool aggregating = !calls.empty();

  // An ORDER BY expression that aggregates but is not a projected item (`ORDER BY $x + avg(a)`)
  // is computed by the aggregation as a hidden column, dropped again after sorting.
  size_t visible = items.size();
  if (aggregating) {
    for (size_t s = 0; s < projection.order_by.size(); ++s) {
      const ast::Expression& key = *projection.order_by[s].expression;
      std::string k = expression_key(key);
      bool projected = std::any_of(items.begin(), items.end(), [&](const Item& i) {
        return !k.empty() && expression_key(*i.expr) == k;
      });
      size_t before = calls.size();
      if (!projected) {
        find_aggregates(key, calls);
      }
      if (calls.size() > before) {
        items.push_back(Item{&key, "  sort" + std::to_string(s)});
        names.push_back(items.back().name);
        is_aggregate.push_back(true);
      }
    }
  }

  std::vector<bool> descending;
  for (const ast::SortItem& s : projection.order_by)
    descending.push_back(s.descending);

  OperatorPtr op;
  if (aggregating || projection.distinct) {
    // Only the projected columns exist after grouping or DISTINCT.
    if (aggregating) {
      std::vector<const ast::Expression*> keys;
      std::vector<const ast::Expression*> exprs;
      for (size_t i = 0; i < items.size(); ++i) {
        exprs.push_back(items[i].expr);
        if (!is_aggregate[i])
          keys.push_back(items[i].expr);
      }
      op = std::make_unique<AggregateOp>(ctx, std::move(in), std::move(keys), std::move(exprs),
                                         is_aggregate, std::move(calls), names);
    } else {
      std::vector<const ast::Expression*> exprs;
      for (const Item& i : items)
        exprs.push_back(i.expr);
      size_t first = in->schema().size();
      op = std::make_unique<ProjectOp>(ctx, std::move(in), std::move(exprs), names);
      // WHERE reads only projected values (the analysis holds it to them), so without SKIP or
      // LIMIT in between it may filter before DISTINCT, where the input variables are still
      // there for projected expressions it repeats (`WITH DISTINCT a.x AS x WHERE a.x = 1`).
      if (where && !projection.skip && !projection.limit) {
        op = std::make_unique<FilterOp>(ctx, std::move(op), *where);
        where = nullptr;
      }
      std::vector<int> slots;
      for (size_t i = 0; i < names.size(); ++i)
        slots.push_back(static_cast<int>(first + i));
      op = std::make_unique<SelectOp>(std::move(op), std::move(slots), names);
    }
    if (projection.distinct)
      op = std::make_unique<DistinctOp>(ctx, std::move(op), visible);
    if (!projection.order_by.empty()) {
      op = std::make_unique<SortOp>(ctx, std::move(op),
                                    sort_keys(synthetic, items, projection, true), descending,
                                    top_k(ctx, projection));
    }
    if (projection.skip || projection.limit) {
      op = std::make_unique<SkipLimitOp>(ctx, std::move(op), projection.skip.get(),
                                         projection.limit.get());
    }
    if (visible < names.size()) {
      std::vector<int> slots;
      for (size_t i = 0; i < visible; ++i)
        slots.push_back(static_cast<int>(i));
      names.resize(visible);
      op = std::make_unique<SelectOp>(std::move(op), std::move(slots), names);
    }
  } else {
    // Projected columns are appended, so ORDER BY can read both them and the input variables.
    std::vector<const ast::Expression*> exprs;
    for (const Item& i : items)
      exprs.push_back(i.expr);
    size_t first = in->schema().size();
    op = std::make_unique<ProjectOp>(ctx, std::move(in), std::move(exprs), names);
    if (!projection.order_by.empty()) {
      op = std::make_unique<SortOp>(ctx, std::move(op),
                                    sort_keys(synthetic, items, projection, false), descending,
                                    top_k(ctx, projection));
    }
    if (projection.skip || projection.limit) {
      op = std::make_unique<SkipLimitOp>(ctx, std::move(op), projection.skip.get(),
                                         projection.limit.get());
    }
    // WHERE of a WITH sees the new columns and, under them, the variables bound before.
    if (where)
      op = std::make_unique<FilterOp>(ctx, std::move(op), *where);
    std::vector<int> slots;
    for (size_t i = 0; i < names.size(); ++i)
      slots.push_back(static_cast<int>(first + i));
    return std::make_unique<SelectOp>(std::move(op), std::move(slots), names);
  }
  if (where)
    op = std::make_unique<FilterOp>(ctx, std::move(op), *where);
  return op;
}

}  // namespace quiver::query
