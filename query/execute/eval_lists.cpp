// CASE, list comprehensions, quantifiers, reduce, map projections and pattern subqueries.

#include "query/execute/evaluator.h"
#include "query/execute/pattern_match.h"

namespace quiver::query {

namespace {

const ValueList* list_or_null(const Value& v, const char* what) {
  if (v.is_null())
    return nullptr;
  if (!v.is_list()) {
    throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                  std::string(what) + " expects a LIST, got " + kind_name(v.kind()));
  }
  return &v.as_list();
}

}  // namespace

Value Evaluator::eval_case(const ast::CaseExpr& c, RowRef row) {
  if (c.subject) {
    Value subject = eval(*c.subject, row);
    for (const auto& alt : c.alternatives) {
      if (cypher_equals(subject, eval(*alt.when, row)) == Tri::kTrue)
        return eval(*alt.then, row);
    }
  } else {
    for (const auto& alt : c.alternatives) {
      Value w = eval(*alt.when, row);
      if (w.is_bool() && w.as_bool())
        return eval(*alt.then, row);
    }
  }
  return c.otherwise ? eval(*c.otherwise, row) : Value();
}

Value Evaluator::eval_list_comprehension(const ast::ListComprehension& c, RowRef row) {
  Value source = eval(*c.source, row);
  const ValueList* list = list_or_null(source, "a list comprehension");
  if (!list)
    return Value();
  ValueList out;
  locals_.push_back(Local{&c.variable, Value()});
  size_t slot = locals_.size() - 1;
  for (const Value& e : *list) {
    locals_[slot].value = e;
    if (c.filter && eval_predicate(*c.filter, row) != Tri::kTrue)
      continue;
    out.push_back(c.projection ? eval(*c.projection, row) : e);
  }
  locals_.pop_back();
  return Value(std::move(out));
}

Value Evaluator::eval_quantifier(const ast::Quantifier& q, RowRef row) {
  Value source = eval(*q.source, row);
  const ValueList* list = list_or_null(source, "a quantifier");
  if (!list)
    return Value();
  size_t trues = 0;
  size_t nulls = 0;
  size_t falses = 0;
  locals_.push_back(Local{&q.variable, Value()});
  size_t slot = locals_.size() - 1;
  for (const Value& e : *list) {
    locals_[slot].value = e;
    Tri t = q.predicate ? eval_predicate(*q.predicate, row) : truth(e);
    (t == Tri::kTrue ? trues : (t == Tri::kNull ? nulls : falses))++;
  }
  locals_.pop_back();
  switch (q.kind) {
    case ast::QuantifierKind::kAll:
      if (falses > 0)
        return Value(false);
      return nulls > 0 ? Value() : Value(true);
    case ast::QuantifierKind::kAny:
      if (trues > 0)
        return Value(true);
      return nulls > 0 ? Value() : Value(false);
    case ast::QuantifierKind::kNone:
      if (trues > 0)
        return Value(false);
      return nulls > 0 ? Value() : Value(true);
    case ast::QuantifierKind::kSingle:
      if (trues > 1)
        return Value(false);
      if (nulls > 0)
        return Value();
      return Value(trues == 1);
  }
  return Value();
}

Value Evaluator::eval_reduce(const ast::Reduce& r, RowRef row) {
  Value acc = eval(*r.init, row);
  Value source = eval(*r.source, row);
  const ValueList* list = list_or_null(source, "reduce");
  if (!list)
    return Value();
  locals_.push_back(Local{&r.accumulator, acc});
  locals_.push_back(Local{&r.variable, Value()});
  size_t slot = locals_.size() - 1;
  for (const Value& e : *list) {
    locals_[slot].value = e;
    Value next = eval(*r.step, row);
    locals_[slot - 1].value = std::move(next);
  }
  acc = std::move(locals_[slot - 1].value);
  locals_.pop_back();
  locals_.pop_back();
  return acc;
}

Value Evaluator::eval_map_projection(const ast::MapProjection& m, RowRef row) {
  Value subject = eval_variable(m.variable, row);
  if (subject.is_null())
    return Value();
  ValueMap out;
  for (const auto& item : m.items) {
    switch (item.kind) {
      case ast::MapProjectionKind::kProperty:
        out[item.key] = property_of(ctx_, subject, item.key);
        break;
      case ast::MapProjectionKind::kAllProperties:
        if (subject.is_node()) {
          for (auto& [k, v] : ctx_.node_properties(subject.as_node().id))
            out[k] = std::move(v);
        } else if (subject.is_rel()) {
          for (auto& [k, v] : ctx_.rel_properties(subject.as_rel().id))
            out[k] = std::move(v);
        } else if (subject.is_map()) {
          for (const auto& [k, v] : subject.as_map())
            out[k] = v;
        } else {
          throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                        "map projection of a non-map value");
        }
        break;
      case ast::MapProjectionKind::kLiteral:
        out[item.key] = eval(*item.value, row);
        break;
      case ast::MapProjectionKind::kVariable:
        out[item.key] = eval_variable(item.key, row);
        break;
    }
  }
  return Value(std::move(out));
}

Schema Evaluator::subquery_schema() const {
  Schema s = schema_;
  for (const Local& l : locals_)
    s.add(*l.name);
  return s;
}

std::vector<Value> Evaluator::subquery_input(RowRef row) const {
  // Only this evaluator's input columns: a projection evaluates into columns appended to the
  // same batch, which are still being filled.
  std::vector<Value> values;
  values.reserve(schema_.size() + locals_.size());
  for (size_t c = 0; c < schema_.size(); ++c)
    values.push_back(row.at(c));
  for (const Local& l : locals_)
    values.push_back(l.value);
  return values;
}

PatternMatcher& Evaluator::matcher_for(const ast::Expression& e,
                                       const std::vector<ast::PatternPart>& parts,
                                       const ast::Expression* where) {
  auto it = matchers_.find(&e);
  if (it != matchers_.end())
    return *it->second;
  auto m = std::make_unique<PatternMatcher>(ctx_, parts, where, subquery_schema());
  return *matchers_.emplace(&e, std::move(m)).first->second;
}

namespace {

std::vector<ast::PatternPart> single_part(const ast::PatternElement& element,
                                          const std::string& path_variable) {
  ast::PatternPart part;
  part.pos = element.pos;
  part.path_variable = path_variable;
  part.element = element;
  std::vector<ast::PatternPart> parts;
  parts.push_back(std::move(part));
  return parts;
}

}  // namespace

Value Evaluator::eval_exists(const ast::Expression& e, RowRef row) {
  PatternMatcher* matcher = nullptr;
  if (const auto* p = std::get_if<ast::PatternPredicate>(&e.node)) {
    auto found = matchers_.find(&e);
    matcher = found != matchers_.end() ? found->second.get()
                                       : &matcher_for(e, single_part(*p->pattern, ""), nullptr);
  } else {
    const auto& x = std::get<ast::ExistsSubquery>(e.node);
    if (x.query) {
      if (!ctx_.subquery_probe()) {
        throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kCompileTime,
                         "UnsupportedSubquery", "EXISTS with a full query is not available here",
                         e.pos.line, e.pos.column);
      }
      return Value(ctx_.subquery_probe()(*x.query, subquery_schema(), subquery_input(row)));
    }
    matcher = &matcher_for(e, x.pattern, x.filter ? x.filter.get() : nullptr);
  }
  matcher->start(subquery_input(row));
  return Value(matcher->next());
}

Value Evaluator::eval_pattern_comprehension(const ast::Expression& e,
                                            const ast::PatternComprehension& p, RowRef row) {
  auto found = matchers_.find(&e);
  PatternMatcher& matcher = found != matchers_.end()
                                ? *found->second
                                : matcher_for(e, single_part(*p.pattern, p.path_variable),
                                              p.filter ? p.filter.get() : nullptr);
  matcher.start(subquery_input(row));
  ValueList out;
  while (matcher.next()) {
    out.push_back(p.projection ? matcher.evaluator().eval(*p.projection, matcher.current())
                               : Value());
  }
  return Value(std::move(out));
}

}  // namespace quiver::query
