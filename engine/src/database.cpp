// Database: opening a directory, statistics, the integrity check and table procedures.
#include "quiver/database.h"

#include <mutex>

#include "database_impl.h"
#include "engine/src/algo/procedures.h"
#include "quiver/procedures.h"
#include "storage/catalog.h"
#include "storage/integrity.h"
#include "storage/node_store.h"
#include "storage/property_index.h"
#include "storage/relationship_store.h"

namespace quiver {

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::filesystem::path& path,
                                         const Options& options) {
  storage::EnvironmentOptions env_options;
  env_options.read_only = options.read_only;
  env_options.create_if_missing = options.create_if_missing;
  env_options.durable = options.durable;
  env_options.initial_map_size = options.initial_map_size;
  auto env = storage::Environment::open(path, env_options);
  throw_if_error(env);

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->env = std::move(env).value();
  impl->plan_cache = std::make_unique<query::PlanCache>(options.plan_cache_entries);
  impl->file_access = {options.load_csv_files, options.load_csv_root,
                       options.load_csv_how_to_allow};
  query::add_builtin_procedures(impl->procedures);
  algo::add_algorithm_procedures(impl->procedures, impl->projections);
  algo::add_recommend_procedures(impl->procedures, impl->recommenders);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Outcome<std::unique_ptr<Database>> Database::try_open(const std::filesystem::path& path,
                                                      const Options& options) noexcept {
  try {
    return open(path, options);
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    return make_error("DatabaseError", "io", "runtime", e.what());
  }
}

const std::filesystem::path& Database::path() const noexcept {
  return impl_->path;
}

const Options& Database::options() const noexcept {
  return impl_->options;
}

IntegrityReport Database::check_integrity() {
  auto txn = impl_->env->begin_read();
  throw_if_error(txn);
  auto checked = storage::check_integrity(*txn);
  throw_if_error(checked);

  IntegrityReport report;
  report.problems = std::move(checked->problems);
  report.nodes = checked->nodes;
  report.relationships = checked->relationships;
  report.adjacency_entries = checked->adjacency_entries;
  report.label_entries = checked->label_entries;
  report.index_entries = checked->index_entries;
  report.indexes = checked->indexes;
  return report;
}

Statistics Database::statistics() {
  auto txn = impl_->env->begin_read();
  throw_if_error(txn);
  storage::Catalog catalog(*txn);
  storage::NodeStore nodes(*txn);
  storage::RelationshipStore rels(*txn);
  Statistics stats;

  auto node_count = nodes.count();
  throw_if_error(node_count);
  stats.nodes = *node_count;
  auto rel_count = rels.count();
  throw_if_error(rel_count);
  stats.relationships = *rel_count;

  auto labels = catalog.list(storage::NameKind::Label);
  throw_if_error(labels);
  stats.labels = labels->size();
  for (const auto& [id, name] : *labels) {
    auto n = nodes.count_label(id);
    throw_if_error(n);
    if (*n != 0) {
      stats.nodes_per_label[name] = *n;
    }
  }

  auto types = catalog.list(storage::NameKind::RelType);
  throw_if_error(types);
  stats.relationship_types = types->size();
  for (const auto& [id, name] : *types) {
    auto n = rels.count_type(id);
    throw_if_error(n);
    if (*n != 0) {
      stats.relationships_per_type[name] = *n;
    }
  }

  auto keys = catalog.list(storage::NameKind::PropertyKey);
  throw_if_error(keys);
  stats.property_keys = keys->size();

  auto indexes = storage::PropertyIndex(*txn).list();
  throw_if_error(indexes);
  stats.indexes = indexes->size();
  return stats;
}

void register_table_procedure(Database& db, TableProcedure procedure) {
  if (procedure.name.empty()) {
    throw invalid_argument("a procedure needs a name");
  }
  size_t width = procedure.inputs.size() + procedure.outputs.size();
  for (const auto& row : procedure.rows) {
    if (row.size() != width) {
      throw invalid_argument("procedure " + procedure.name + ": a row has " +
                             std::to_string(row.size()) + " values, the signature " +
                             std::to_string(width));
    }
  }

  query::Procedure proc;
  proc.signature.name = procedure.name;
  for (const auto& input : procedure.inputs) {
    proc.signature.inputs.push_back({input.name, input.type});
  }
  for (const auto& output : procedure.outputs) {
    proc.signature.outputs.push_back({output.name, output.type});
  }
  proc.description = "table procedure";

  std::vector<std::vector<query::Value>> rows;
  for (const auto& row : procedure.rows) {
    std::vector<query::Value> converted;
    for (const Value& v : row) {
      converted.push_back(to_runtime(v));
    }
    rows.push_back(std::move(converted));
  }
  size_t inputs = procedure.inputs.size();
  proc.run = [rows = std::move(rows), inputs](query::ExecContext&,
                                              const std::vector<query::Value>& args) {
    std::vector<std::vector<query::Value>> out;
    for (const auto& row : rows) {
      bool match = true;
      for (size_t i = 0; i < inputs && match; ++i) {
        match = i < args.size() && ((row[i].is_null() && args[i].is_null()) ||
                                    query::cypher_equals(row[i], args[i]) == query::Tri::kTrue);
      }
      if (match) {
        out.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(inputs), row.end());
      }
    }
    return out;
  };

  std::unique_lock lock(db.impl().procedures_mutex);
  db.impl().procedures.add(std::move(proc));
  db.impl().plan_cache->clear();
}

}  // namespace quiver
