// Clause by clause planning of a query.

#include "query/plan/planner.h"

#include <algorithm>

#include "query/execute/load_csv.h"
#include "query/execute/read_operators.h"
#include "query/execute/write_operators.h"
#include "query/plan/projection_planner.h"

namespace quiver::query {

namespace {

class ClausePlanner {
 public:
  ClausePlanner(ExecContext& ctx, const ProcedureRegistry& procedures,
                std::deque<ast::Expression>& synthetic)
      : ctx_(ctx), procedures_(procedures), synthetic_(synthetic) {}

  // Plans QUERY starting from INPUT (an argument operator: one empty row for a query, the outer
  // row for a correlated subquery).
  OperatorPtr plan_single(const ast::SingleQuery& query, std::vector<std::string>& columns,
                          OperatorPtr input = std::make_unique<ArgumentOp>(Schema())) {
    if (input->schema().size() == 0 && counts_a_chain(query)) {
      const auto& match = std::get<ast::Match>(query.clauses[0].node);
      const auto& ret = std::get<ast::Return>(query.clauses[1].node);
      columns = {ret.projection.items.front().column_name()};
      return std::make_unique<CountPatternOp>(ctx_, std::move(input), match.pattern.front().element,
                                              columns.front());
    }
    OperatorPtr op = std::move(input);
    for (const ast::Clause& clause : query.clauses)
      op = plan_clause(std::move(op), clause, columns);
    return op;
  }

 private:
  // `MATCH chain RETURN count(*)`, counted from adjacency instead of match by match.
  static bool counts_a_chain(const ast::SingleQuery& query) {
    if (query.clauses.size() != 2)
      return false;
    const auto* match = std::get_if<ast::Match>(&query.clauses[0].node);
    const auto* ret = std::get_if<ast::Return>(&query.clauses[1].node);
    return match && ret && count_pattern_applies(*match, ret->projection);
  }

  OperatorPtr plan_clause(OperatorPtr in, const ast::Clause& clause,
                          std::vector<std::string>& columns) {
    return std::visit(
        [&](const auto& c) -> OperatorPtr {
          using T = std::decay_t<decltype(c)>;
          if constexpr (std::is_same_v<T, ast::Match>) {
            return std::make_unique<MatchOp>(ctx_, std::move(in), c.pattern,
                                             c.where ? c.where.get() : nullptr, c.optional);
          } else if constexpr (std::is_same_v<T, ast::Unwind>) {
            return std::make_unique<UnwindOp>(ctx_, std::move(in), *c.list, c.variable);
          } else if constexpr (std::is_same_v<T, ast::LoadCsv>) {
            return std::make_unique<LoadCsvOp>(ctx_, std::move(in), c);
          } else if constexpr (std::is_same_v<T, ast::With>) {
            std::vector<std::string> ignored;
            return plan_projection(ctx_, synthetic_, std::move(in), c.projection,
                                   c.where ? c.where.get() : nullptr, false, ignored);
          } else if constexpr (std::is_same_v<T, ast::Return>) {
            return plan_projection(ctx_, synthetic_, std::move(in), c.projection, nullptr, true,
                                   columns);
          } else if constexpr (std::is_same_v<T, ast::Create>) {
            return std::make_unique<CreateOp>(ctx_, std::move(in), c.pattern);
          } else if constexpr (std::is_same_v<T, ast::Merge>) {
            return std::make_unique<MergeOp>(ctx_, std::move(in), c);
          } else if constexpr (std::is_same_v<T, ast::Set>) {
            return std::make_unique<SetOp>(ctx_, std::move(in), c.items);
          } else if constexpr (std::is_same_v<T, ast::Remove>) {
            return std::make_unique<RemoveOp>(ctx_, std::move(in), c.items);
          } else if constexpr (std::is_same_v<T, ast::Delete>) {
            return std::make_unique<DeleteOp>(ctx_, std::move(in), c.targets, c.detach);
          } else if constexpr (std::is_same_v<T, ast::Foreach>) {
            return plan_foreach(std::move(in), c);
          } else {
            static_assert(std::is_same_v<T, ast::Call>);
            return plan_call(std::move(in), clause, c, columns);
          }
        },
        clause.node);
  }

  OperatorPtr plan_foreach(OperatorPtr in, const ast::Foreach& f) {
    Schema inner = in->schema();
    inner.add(f.variable);
    auto argument = std::make_unique<ArgumentOp>(inner);
    ArgumentOp* arg = argument.get();
    OperatorPtr body = std::move(argument);
    std::vector<std::string> ignored;
    for (const ast::Clause& clause : f.updates)
      body = plan_clause(std::move(body), clause, ignored);
    return std::make_unique<ForeachOp>(ctx_, std::move(in), *f.list, arg, std::move(body));
  }

  OperatorPtr plan_call(OperatorPtr in, const ast::Clause& clause, const ast::Call& call,
                        std::vector<std::string>& columns) {
    const Procedure* proc = procedures_.find(call.procedure);
    if (!proc) {
      throw QueryError(ErrorCategory::kProcedureError, ErrorPhase::kCompileTime,
                       "ProcedureNotFound", "there is no procedure " + call.procedure,
                       clause.pos.line, clause.pos.column);
    }
    if (proc->changes_state && ctx_.restricted()) {
      throw QueryError(ErrorCategory::kSecurityError, ErrorPhase::kCompileTime, "Forbidden",
                       call.procedure +
                           " changes what the database keeps beside the graph (models, "
                           "projections or files), which this caller may not do",
                       clause.pos.line, clause.pos.column);
    }
    const ProcedureSignature& sig = proc->signature;
    std::vector<const ast::Expression*> args;
    if (call.args) {
      for (const auto& a : *call.args)
        args.push_back(a.get());
    } else {
      for (const ProcedureField& input : sig.inputs) {
        synthetic_.push_back(ast::Expression{clause.pos, ast::Parameter{input.name}});
        args.push_back(&synthetic_.back());
      }
    }
    if (args.size() > sig.inputs.size() || args.size() < required_inputs(sig)) {
      throw QueryError(
          ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime, "InvalidNumberOfArguments",
          call.procedure + " takes " + std::to_string(sig.inputs.size()) + " arguments",
          clause.pos.line, clause.pos.column);
    }
    std::vector<size_t> yielded;
    std::vector<std::string> names;
    if (call.has_yield && !call.yield_star) {
      for (const ast::YieldItem& item : call.yield_items) {
        auto it = std::find_if(sig.outputs.begin(), sig.outputs.end(),
                               [&](const ProcedureField& f) { return f.name == item.field; });
        if (it == sig.outputs.end()) {
          throw QueryError(ErrorCategory::kSyntaxError, ErrorPhase::kCompileTime,
                           "UndefinedVariable",
                           "procedure output `" + item.field + "` does not exist", item.pos.line,
                           item.pos.column);
        }
        yielded.push_back(static_cast<size_t>(it - sig.outputs.begin()));
        names.push_back(item.output_name());
      }
    } else {
      for (size_t i = 0; i < sig.outputs.size(); ++i) {
        yielded.push_back(i);
        names.push_back(sig.outputs[i].name);
      }
    }
    if (call.standalone)
      columns = names;
    OperatorPtr op = std::make_unique<CallOp>(ctx_, std::move(in), *proc, std::move(args),
                                              std::move(yielded), std::move(names));
    if (call.where)
      op = std::make_unique<FilterOp>(ctx_, std::move(op), *call.where);
    if (call.standalone) {
      std::vector<int> slots;
      for (const std::string& c : columns)
        slots.push_back(op->schema().find(c));
      op = std::make_unique<SelectOp>(std::move(op), std::move(slots), columns);
    }
    return op;
  }

  ExecContext& ctx_;
  const ProcedureRegistry& procedures_;
  std::deque<ast::Expression>& synthetic_;
};

}  // namespace

namespace {

// Plans and runs EXISTS { QUERY } for one outer ROW: true as soon as one part yields a row. The
// subquery is planned afresh for every row, which keeps operators free of reset logic; planning
// costs little next to matching.
bool probe_subquery(ExecContext& ctx, const ProcedureRegistry& procedures, const ast::Query& query,
                    const Schema& schema, const std::vector<Value>& row) {
  std::deque<ast::Expression> synthetic;
  ClausePlanner planner(ctx, procedures, synthetic);
  for (const ast::SingleQuery& part : query.parts) {
    auto argument = std::make_unique<ArgumentOp>(schema);
    argument->reset({row});
    std::vector<std::string> columns;
    OperatorPtr root = planner.plan_single(part, columns, std::move(argument));
    Batch batch;
    if (root->pull(batch) && batch.size > 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

PhysicalPlan build_plan(const ast::Query& query, ExecContext& ctx,
                        const ProcedureRegistry& procedures) {
  ctx.set_subquery_probe([&ctx, &procedures](const ast::Query& subquery, const Schema& schema,
                                             const std::vector<Value>& row) {
    return probe_subquery(ctx, procedures, subquery, schema, row);
  });
  PhysicalPlan plan;
  plan.synthetic = std::make_unique<std::deque<ast::Expression>>();
  ClausePlanner planner(ctx, procedures, *plan.synthetic);
  std::vector<OperatorPtr> parts;
  for (size_t i = 0; i < query.parts.size(); ++i) {
    std::vector<std::string> columns;
    parts.push_back(planner.plan_single(query.parts[i], columns));
    if (i == 0)
      plan.columns = columns;
  }
  if (parts.size() == 1) {
    plan.root = std::move(parts.front());
    return plan;
  }

  // UNION is distinct unless every join is UNION ALL.
  bool all = std::all_of(query.union_all.begin(), query.union_all.end(), [](bool b) { return b; });
  plan.root = std::make_unique<UnionOp>(ctx, std::move(parts), !all);
  return plan;
}

}  // namespace quiver::query
