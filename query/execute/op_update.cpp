// SET, REMOVE and DELETE.

#include <algorithm>
#include <set>

#include "query/execute/write_operators.h"
#include "storage/adjacency.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::query {

namespace {

// Reads all of CHILD's batches (eager), charging their size.
std::vector<Batch> drain_batches(Operator& child, ExecContext& ctx) {
  std::vector<Batch> out;
  Batch b;
  while (child.pull(b)) {
    size_t bytes = 0;
    for (const auto& c : b.columns) {
      for (const Value& v : c)
        bytes += approximate_size(v);
    }
    ctx.charge(bytes);
    out.push_back(std::move(b));
  }
  return out;
}

bool emit_batches(std::vector<Batch>& batches, size_t& emitted, Batch& out) {
  if (emitted >= batches.size())
    return false;
  out = std::move(batches[emitted++]);
  return true;
}

void set_property(ExecContext& ctx, const Value& target, const std::string& key, const Value& v) {
  if (target.is_null())
    return;
  storage::PropertyValue pv = to_property(v);
  uint32_t id = ctx.intern_key(key);
  if (target.is_node()) {
    if (ctx.deleted_nodes().count(target.as_node().id))
      return;
    unwrap(storage::NodeStore(ctx.txn()).set_property(target.as_node().id, id, pv));
  } else if (target.is_rel()) {
    if (ctx.deleted_rels().count(target.as_rel().id))
      return;
    unwrap(storage::RelationshipStore(ctx.txn()).set_property(target.as_rel().id, id, pv));
  } else {
    throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                  std::string("cannot set a property on a ") + kind_name(target.kind()));
  }
  ctx.counters().properties_set++;
}

ValueMap map_of(ExecContext& ctx, const Value& v) {
  if (v.is_map())
    return v.as_map();
  if (v.is_node())
    return ctx.node_properties(v.as_node().id);
  if (v.is_rel())
    return ctx.rel_properties(v.as_rel().id);
  if (v.is_null())
    return {};
  throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                std::string("SET expects a MAP, got ") + kind_name(v.kind()));
}

}  // namespace

void apply_set_items(ExecContext& ctx, Evaluator& eval, const std::vector<ast::SetItem>& items,
                     RowRef row) {
  for (const ast::SetItem& item : items) {
    switch (item.kind) {
      case ast::SetItemKind::kProperty: {
        const auto& access = std::get<ast::PropertyAccess>(item.target->node);
        Value target = eval.eval(*access.subject, row);
        set_property(ctx, target, access.key, eval.eval(*item.value, row));
        break;
      }
      case ast::SetItemKind::kReplace:
      case ast::SetItemKind::kMerge: {
        Value target = eval.eval(*item.target, row);
        if (target.is_null())
          break;
        ValueMap values = map_of(ctx, eval.eval(*item.value, row));
        if (item.kind == ast::SetItemKind::kReplace) {
          ValueMap old = target.is_node()  ? ctx.node_properties(target.as_node().id)
                         : target.is_rel() ? ctx.rel_properties(target.as_rel().id)
                                           : ValueMap{};
          for (const auto& [k, v] : old) {
            if (!values.count(k))
              set_property(ctx, target, k, Value());
          }
        }
        for (const auto& [k, v] : values)
          set_property(ctx, target, k, v);
        break;
      }
      case ast::SetItemKind::kLabels: {
        Value target = eval.eval(*item.target, row);
        if (target.is_null())
          break;
        if (!target.is_node()) {
          throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType", "labels need a node");
        }
        storage::NodeStore nodes(ctx.txn());
        for (const std::string& l : item.labels) {
          if (unwrap(nodes.add_label(target.as_node().id, ctx.intern_label(l)))) {
            ctx.counters().labels_added++;
          }
        }
        break;
      }
    }
  }
}

SetOp::SetOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::SetItem>& items)
    : Operator(ctx, child->schema()), ctx_(ctx), items_(items), eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

bool SetOp::next(Batch& out) {
  if (!done_) {
    rows_ = drain_batches(*child_, ctx_);
    for (const Batch& b : rows_) {
      for (size_t r = 0; r < b.size; ++r) {
        ctx_.checkpoint_often();
        apply_set_items(ctx_, eval_, items_, RowRef{&b, r});
      }
    }
    done_ = true;
  }
  return emit_batches(rows_, emitted_, out);
}

RemoveOp::RemoveOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::RemoveItem>& items)
    : Operator(ctx, child->schema()), ctx_(ctx), items_(items), eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

bool RemoveOp::next(Batch& out) {
  if (!done_) {
    rows_ = drain_batches(*child_, ctx_);
    storage::NodeStore nodes(ctx_.txn());
    storage::RelationshipStore rels(ctx_.txn());
    for (const Batch& b : rows_) {
      for (size_t r = 0; r < b.size; ++r) {
        ctx_.checkpoint_often();
        for (const ast::RemoveItem& item : items_) {
          if (item.kind == ast::RemoveItemKind::kLabels) {
            Value target = eval_.eval(*item.target, RowRef{&b, r});
            if (!target.is_node())
              continue;
            for (const std::string& l : item.labels) {
              auto id = ctx_.label_id(l);
              if (id && unwrap(nodes.remove_label(target.as_node().id, *id))) {
                ctx_.counters().labels_removed++;
              }
            }
            continue;
          }
          const auto& access = std::get<ast::PropertyAccess>(item.target->node);
          Value target = eval_.eval(*access.subject, RowRef{&b, r});
          auto key = ctx_.key_id(access.key);
          if (!key || target.is_null())
            continue;
          bool removed = target.is_node() ? unwrap(nodes.remove_property(target.as_node().id, *key))
                         : target.is_rel() ? unwrap(rels.remove_property(target.as_rel().id, *key))
                                           : false;
          if (removed)
            ctx_.counters().properties_set++;
        }
      }
    }
    done_ = true;
  }
  return emit_batches(rows_, emitted_, out);
}

DeleteOp::DeleteOp(ExecContext& ctx, OperatorPtr child, const std::vector<ast::ExprPtr>& targets,
                   bool detach)
    : Operator(ctx, child->schema()),
      ctx_(ctx),
      targets_(targets),
      detach_(detach),
      eval_(ctx, child->schema()) {
  child_ = add_child(std::move(child));
}

bool DeleteOp::next(Batch& out) {
  if (done_)
    return emit_batches(rows_, emitted_, out);
  done_ = true;
  rows_ = drain_batches(*child_, ctx_);
  std::set<uint64_t> node_ids;
  std::set<uint64_t> rel_ids;
  for (const Batch& b : rows_) {
    for (size_t r = 0; r < b.size; ++r) {
      ctx_.checkpoint_often();
      for (const auto& t : targets_) {
        Value v = eval_.eval(*t, RowRef{&b, r});
        if (v.is_null())
          continue;
        if (v.is_node()) {
          node_ids.insert(v.as_node().id);
        } else if (v.is_rel()) {
          rel_ids.insert(v.as_rel().id);
        } else if (v.is_path()) {
          for (uint64_t n : v.as_path().nodes)
            node_ids.insert(n);
          for (const RelRef& rel : v.as_path().rels)
            rel_ids.insert(rel.id);
        } else {
          throw_runtime(ErrorCategory::kTypeError, "InvalidArgumentType",
                        std::string("DELETE expects a node, relationship or path, got ") +
                            kind_name(v.kind()));
        }
      }
    }
  }

  // Relationships go first, so that deleting a node together with its relationships in one
  // clause is not refused as deleting a connected node.
  storage::RelationshipStore rels(ctx_.txn());
  storage::NodeStore nodes(ctx_.txn());
  storage::Adjacency adjacency(ctx_.txn());
  auto delete_rel = [&](uint64_t id) {
    if (ctx_.deleted_rels().count(id))
      return;
    unwrap(rels.remove(id));
    ctx_.deleted_rels()[id] = true;
    ctx_.counters().relationships_deleted++;
  };
  for (uint64_t id : rel_ids)
    delete_rel(id);
  for (uint64_t id : node_ids) {
    if (ctx_.deleted_nodes().count(id))
      continue;
    if (unwrap(adjacency.degree(id, storage::Direction::Both)) > 0) {
      if (!detach_) {
        throw_runtime(ErrorCategory::kConstraintVerificationFailed, "DeleteConnectedNode",
                      "cannot delete a node that still has relationships; use DETACH DELETE");
      }
      std::vector<uint64_t> attached;
      {
        // The cursor must be closed before the relationships under it are deleted.
        storage::ExpandCursor cursor = unwrap(adjacency.expand(id, storage::Direction::Both));
        storage::Neighbour page[256];
        while (size_t got = unwrap(cursor.next_batch(std::span<storage::Neighbour>(page, 256)))) {
          for (size_t i = 0; i < got; ++i)
            attached.push_back(page[i].relationship);
        }
      }
      std::sort(attached.begin(), attached.end());
      attached.erase(std::unique(attached.begin(), attached.end()), attached.end());
      for (uint64_t rel : attached)
        delete_rel(rel);
    }
    unwrap(nodes.remove(id, false));
    ctx_.deleted_nodes()[id] = true;
    ctx_.counters().nodes_deleted++;
  }
  return emit_batches(rows_, emitted_, out);
}

}  // namespace quiver::query
