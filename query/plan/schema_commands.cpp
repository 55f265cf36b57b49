// CREATE/DROP INDEX and CONSTRAINT, SHOW INDEXES and SHOW CONSTRAINTS.

#include "query/plan/planner.h"
#include "storage/property_index.h"

namespace quiver::query {

namespace {

[[noreturn]] void schema_error(const std::string& detail, const std::string& message) {
  throw QueryError(ErrorCategory::kSemanticError, ErrorPhase::kRuntime, detail, message);
}

template <typename Command>
void require_single_property(const Command& c) {
  if (c.properties.size() != 1) {
    schema_error("UnsupportedIndex", "indexes and constraints cover exactly one property");
  }
  if (c.label.empty())
    schema_error("UnsupportedIndex", "dropping by name is not supported");
}

void create(ExecContext& ctx, const std::string& label, const std::string& key, bool unique,
            bool if_not_exists) {
  storage::PropertyIndex index(ctx.txn());
  uint32_t l = ctx.intern_label(label);
  uint32_t k = ctx.intern_key(key);
  if (unwrap(index.find(l, k))) {
    if (if_not_exists)
      return;
    schema_error("IndexAlreadyExists", "an index on :" + label + "(" + key + ") already exists");
  }
  auto status = index.create(l, k, unique);
  if (!status.ok() && status.error().code == storage::StorageErrc::ConstraintViolation) {
    throw QueryError(ErrorCategory::kConstraintValidationFailed, ErrorPhase::kRuntime,
                     "ConstraintCreationFailed", status.error().message);
  }
  unwrap(std::move(status));
  (unique ? ctx.counters().constraints_added : ctx.counters().indexes_added)++;
}

void drop(ExecContext& ctx, const std::string& label, const std::string& key, bool unique,
          bool if_exists) {
  storage::PropertyIndex index(ctx.txn());
  auto l = ctx.label_id(label);
  auto k = ctx.key_id(key);
  std::optional<storage::IndexDefinition> def;
  if (l && k)
    def = unwrap(index.find(*l, *k));
  if (!def || def->unique != unique) {
    if (if_exists)
      return;
    schema_error(unique ? "ConstraintNotFound" : "IndexNotFound",
                 "no such index or constraint on :" + label + "(" + key + ")");
  }
  unwrap(index.drop(*l, *k));
  (unique ? ctx.counters().constraints_removed : ctx.counters().indexes_removed)++;
}

}  // namespace

std::vector<std::vector<Value>> run_schema_command(const ast::Statement& statement,
                                                   ExecContext& ctx,
                                                   std::vector<std::string>& columns) {
  std::vector<std::vector<Value>> rows;
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, ast::CreateIndex>) {
          require_single_property(c);
          create(ctx, c.label, c.properties[0], false, c.if_not_exists);
        } else if constexpr (std::is_same_v<T, ast::CreateConstraint>) {
          require_single_property(c);
          create(ctx, c.label, c.properties[0], true, c.if_not_exists);
        } else if constexpr (std::is_same_v<T, ast::DropIndex>) {
          require_single_property(c);
          drop(ctx, c.label, c.properties[0], false, c.if_exists);
        } else if constexpr (std::is_same_v<T, ast::DropConstraint>) {
          require_single_property(c);
          drop(ctx, c.label, c.properties[0], true, c.if_exists);
        } else if constexpr (std::is_same_v<T, ast::ShowIndexes> ||
                             std::is_same_v<T, ast::ShowConstraints>) {
          bool constraints = std::is_same_v<T, ast::ShowConstraints>;
          columns = {"label", "property", "unique"};
          for (const auto& def : unwrap(storage::PropertyIndex(ctx.txn()).list())) {
            if (constraints && !def.unique)
              continue;
            rows.push_back({Value(ctx.label_name(def.label)), Value(ctx.key_name(def.key)),
                            Value(def.unique)});
          }
        }
      },
      statement.node);
  return rows;
}

}  // namespace quiver::query
