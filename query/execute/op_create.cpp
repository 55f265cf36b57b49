// CREATE and the pattern creation MERGE shares.

#include "query/execute/write_operators.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::query {

namespace {

// Properties from a pattern's property map; null entries are skipped, as CREATE requires.
storage::Properties property_map(ExecContext& ctx, const Value& map, int64_t* count) {
  storage::Properties props;
  if (map.is_null())
    return props;
  if (!map.is_map()) {
    throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType", "properties must be a MAP");
  }
  for (const auto& [key, value] : map.as_map()) {
    if (value.is_null())
      continue;
    props[ctx.intern_key(key)] = to_property(value);
    ++*count;
  }
  return props;
}

}  // namespace

PatternCreator::PatternCreator(ExecContext& ctx, const std::vector<ast::PatternPart>& parts,
                               const Schema& input)
    : ctx_(ctx), parts_(parts), output_(input) {
  int anonymous = 0;
  auto slot = [&](const std::string& name) {
    if (name.empty())
      return static_cast<int>(output_.add("  new" + std::to_string(anonymous++)));
    int s = output_.find(name);
    return s >= 0 ? s : static_cast<int>(output_.add(name));
  };
  for (const ast::PatternPart& part : parts_) {
    std::vector<int> nodes;
    std::vector<int> rels;
    for (const auto& n : part.element.nodes)
      nodes.push_back(slot(n.variable));
    for (const auto& r : part.element.relationships)
      rels.push_back(slot(r.variable));
    node_slots_.push_back(std::move(nodes));
    rel_slots_.push_back(std::move(rels));
    path_slots_.push_back(part.path_variable.empty() ? -1 : slot(part.path_variable));
  }
  eval_ = std::make_unique<Evaluator>(ctx_, output_);
}

std::vector<Value> PatternCreator::create(const std::vector<Value>& row) {
  Batch regs;
  regs.reset(output_.size());
  std::vector<Value> padded = row;
  padded.resize(output_.size());
  regs.append(padded);
  auto& cols = regs.columns;
  RowRef ref{&regs, 0};
  storage::NodeStore nodes(ctx_.txn());
  storage::RelationshipStore rels(ctx_.txn());
  UpdateCounters& counters = ctx_.counters();

  for (size_t p = 0; p < parts_.size(); ++p) {
    const ast::PatternElement& element = parts_[p].element;
    for (size_t i = 0; i < element.nodes.size(); ++i) {
      Value& slot = cols[static_cast<size_t>(node_slots_[p][i])][0];
      if (slot.is_node())
        continue;
      const ast::NodePattern& np = element.nodes[i];
      if (!slot.is_null() ||
          (!np.variable.empty() && static_cast<size_t>(node_slots_[p][i]) < row.size())) {
        if (!slot.is_null()) {
          throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                        "`" + np.variable + "` is not a node");
        }
        throw_runtime(ErrorCategory::kSemanticError, "VariableAlreadyBound",
                      "cannot create a relationship to a null node `" + np.variable + "`");
      }
      std::vector<storage::LabelId> labels;
      for (const std::string& l : np.labels)
        labels.push_back(ctx_.intern_label(l));
      Value map = np.properties ? eval_->eval(*np.properties, ref) : Value();
      storage::Properties props = property_map(ctx_, map, &counters.properties_set);
      uint64_t id = unwrap(nodes.create(labels, props));
      counters.nodes_created++;
      counters.labels_added += static_cast<int64_t>(np.labels.size());
      slot = Value(NodeRef{id});
    }
    for (size_t i = 0; i < element.relationships.size(); ++i) {
      const ast::RelationshipPattern& rp = element.relationships[i];
      uint64_t left = cols[static_cast<size_t>(node_slots_[p][i])][0].as_node().id;
      uint64_t right = cols[static_cast<size_t>(node_slots_[p][i + 1])][0].as_node().id;
      bool backwards = rp.direction == ast::Direction::kRightToLeft;
      uint64_t start = backwards ? right : left;
      uint64_t end = backwards ? left : right;
      if (rp.types.size() != 1) {
        throw_runtime(ErrorCategory::kSemanticError, "NoSingleRelationshipType",
                      "a created relationship needs exactly one type");
      }
      uint32_t type = ctx_.intern_type(rp.types[0]);
      Value map = rp.properties ? eval_->eval(*rp.properties, ref) : Value();
      storage::Properties props = property_map(ctx_, map, &counters.properties_set);
      uint64_t id = unwrap(rels.create(type, start, end, props));
      counters.relationships_created++;
      cols[static_cast<size_t>(rel_slots_[p][i])][0] = Value(RelRef{id, type, start, end});
    }
    if (path_slots_[p] >= 0) {
      PathValue path;
      path.nodes.push_back(cols[static_cast<size_t>(node_slots_[p][0])][0].as_node().id);
      for (size_t i = 0; i < element.relationships.size(); ++i) {
        path.rels.push_back(cols[static_cast<size_t>(rel_slots_[p][i])][0].as_rel());
        path.nodes.push_back(cols[static_cast<size_t>(node_slots_[p][i + 1])][0].as_node().id);
      }
      cols[static_cast<size_t>(path_slots_[p])][0] = Value(std::move(path));
    }
  }
  return regs.row(0);
}

CreateOp::CreateOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::PatternPart>& parts)
    : Operator(ctx, Schema()), ctx_(ctx), creator_(ctx, parts, child->schema()) {
  schema_ = creator_.output_schema();
  child_ = add_child(std::move(child));
}

bool CreateOp::next(Batch& out) {
  if (!done_) {
    for (const auto& row : drain(*child_, ctx_)) {
      ctx_.checkpoint_often();
      rows_.push_back(creator_.create(row));
    }
    done_ = true;
  }
  while (emitted_ < rows_.size() && !out.full())
    out.append(rows_[emitted_++]);
  return out.size > 0;
}

}  // namespace quiver::query
