#include "quiver/database.h"

#include "database_impl.h"
#include "storage/catalog.h"
#include "storage/integrity.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver {

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::filesystem::path& path,
                                         const DatabaseOptions& options) {
  storage::EnvironmentOptions env_options;
  env_options.read_only = options.read_only;
  env_options.create_if_missing = options.create_if_missing;
  env_options.durable = options.durable;
  env_options.initial_map_size = options.initial_map_size;
  auto env = storage::Environment::open(path, env_options);
  throw_if_error(env);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->env = std::move(env).value();
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::unique_ptr<Database> Database::try_open(const std::filesystem::path& path,
                                             const DatabaseOptions& options,
                                             std::optional<Error>& error) noexcept {
  try {
    return open(path, options);
  } catch (const Error& e) {
    error = e;
  } catch (const std::exception& e) {
    error = Error(ErrorCategory::Io, e.what());
  }
  return nullptr;
}

const std::filesystem::path& Database::path() const noexcept {
  return impl_->path;
}

IntegrityReport Database::check_integrity() const {
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

Statistics Database::statistics() const {
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
  for (const auto& [id, name] : *labels) {
    auto n = nodes.count_label(id);
    throw_if_error(n);
    if (*n != 0) {
      stats.nodes_per_label[name] = *n;
    }
  }
  auto types = catalog.list(storage::NameKind::RelType);
  throw_if_error(types);
  for (const auto& [id, name] : *types) {
    auto n = rels.count_type(id);
    throw_if_error(n);
    if (*n != 0) {
      stats.relationships_per_type[name] = *n;
    }
  }
  return stats;
}

}  // namespace quiver
