#include "query/execute/procedures.h"

#include "query/functions/functions.h"
#include "storage/catalog.h"
#include "storage/property_index.h"

namespace quiver::query {

void ProcedureRegistry::add(Procedure proc) {
  proc.signature.writes = proc.writes;
  std::string key = to_lower(proc.signature.name);
  procedures_[key] = std::make_shared<const Procedure>(std::move(proc));
}

const Procedure* ProcedureRegistry::find(std::string_view name) const {
  auto it = procedures_.find(to_lower(name));
  return it == procedures_.end() ? nullptr : it->second.get();
}

std::vector<const Procedure*> ProcedureRegistry::list() const {
  std::vector<const Procedure*> out;
  for (const auto& [name, proc] : procedures_)
    out.push_back(proc.get());
  return out;
}

namespace {

std::vector<std::vector<Value>> names_of(ExecContext& ctx, storage::NameKind kind) {
  std::vector<std::vector<Value>> rows;
  for (auto& [id, name] : unwrap(storage::Catalog(ctx.txn()).list(kind))) {
    rows.push_back({Value(std::move(name))});
  }
  return rows;
}

}  // namespace

void add_builtin_procedures(ProcedureRegistry& registry) {
  registry.add(Procedure{{"db.labels", {}, {{"label", "STRING?"}}},
                         "Lists every label name in the database.",
                         false,
                         [](ExecContext& ctx, const std::vector<Value>&) {
                           return names_of(ctx, storage::NameKind::Label);
                         }});
  registry.add(Procedure{{"db.relationshipTypes", {}, {{"relationshipType", "STRING?"}}},
                         "Lists every relationship type name in the database.",
                         false,
                         [](ExecContext& ctx, const std::vector<Value>&) {
                           return names_of(ctx, storage::NameKind::RelType);
                         }});
  registry.add(Procedure{{"db.propertyKeys", {}, {{"propertyKey", "STRING?"}}},
                         "Lists every property key name in the database.",
                         false,
                         [](ExecContext& ctx, const std::vector<Value>&) {
                           return names_of(ctx, storage::NameKind::PropertyKey);
                         }});
  registry.add(Procedure{
      {"db.indexes", {}, {{"label", "STRING?"}, {"property", "STRING?"}, {"unique", "BOOLEAN?"}}},
      "Lists the property indexes.",
      false,
      [](ExecContext& ctx, const std::vector<Value>&) {
        std::vector<std::vector<Value>> rows;
        for (const auto& def : unwrap(storage::PropertyIndex(ctx.txn()).list())) {
          rows.push_back(
              {Value(ctx.label_name(def.label)), Value(ctx.key_name(def.key)), Value(def.unique)});
        }
        return rows;
      }});
  const ProcedureRegistry* self = &registry;
  registry.add(Procedure{
      {"dbms.procedures",
       {},
       {{"name", "STRING?"}, {"signature", "STRING?"}, {"description", "STRING?"}}},
      "Lists the procedures that CALL can run.",
      false,
      [self](ExecContext&, const std::vector<Value>&) {
        std::vector<std::vector<Value>> rows;
        for (const Procedure* p : self->list()) {
          std::string sig = p->signature.name + "(";
          for (size_t i = 0; i < p->signature.inputs.size(); ++i) {
            sig += (i ? ", " : "") + p->signature.inputs[i].name +
                   " :: " + p->signature.inputs[i].type;
          }
          sig += ") :: (";
          for (size_t i = 0; i < p->signature.outputs.size(); ++i) {
            sig += (i ? ", " : "") + p->signature.outputs[i].name +
                   " :: " + p->signature.outputs[i].type;
          }
          rows.push_back({Value(p->signature.name), Value(sig + ")"), Value(p->description)});
        }
        return rows;
      }});
}

CallOp::CallOp(ExecContext& ctx, OperatorPtr child, const Procedure& proc,
               std::vector<const ast::Expression*> args, std::vector<size_t> yielded,
               std::vector<std::string> names)
    : Operator(ctx, child->schema()),
      ctx_(ctx),
      proc_(proc),
      args_(std::move(args)),
      yielded_(std::move(yielded)),
      eval_(ctx, child->schema()) {
  for (std::string& n : names)
    schema_.add(std::move(n));
  child_ = add_child(std::move(child));
}

bool CallOp::next(Batch& out) {
  size_t in_width = schema_.size() - yielded_.size();
  while (!out.full()) {
    if (result_row_ >= results_.size()) {
      if (input_row_ >= input_.size) {
        if (!child_->pull(input_))
          break;
        input_row_ = 0;
      } else {
        ++input_row_;
        if (input_row_ >= input_.size)
          continue;
      }
      std::vector<Value> args;
      for (const ast::Expression* a : args_)
        args.push_back(eval_.eval(*a, RowRef{&input_, input_row_}));
      // Optional inputs left out of the call arrive as null.
      args.resize(proc_.signature.inputs.size());
      ctx_.checkpoint();
      results_ = proc_.run(ctx_, args);
      if (proc_.signature.outputs.empty()) {
        // A procedure without outputs leaves the row count of the query unchanged.
        results_.assign(1, {});
      }
      result_row_ = 0;
      if (results_.empty())
        continue;
    }
    const std::vector<Value>& result = results_[result_row_++];
    for (size_t c = 0; c < in_width; ++c)
      out.columns[c].push_back(input_.columns[c][input_row_]);
    for (size_t y = 0; y < yielded_.size(); ++y)
      out.columns[in_width + y].push_back(result[yielded_[y]]);
    ++out.size;
  }
  return out.size > 0;
}

}  // namespace quiver::query
