// Internal to engine/: what a Database holds, and conversions between the storage, query and API
// types.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "engine/src/algo/projection.h"
#include "engine/src/algo/recommender.h"
#include "query/errors.h"
#include "query/execute/file_access.h"
#include "query/execute/procedures.h"
#include "query/execute/value.h"
#include "query/plan/plan_cache.h"
#include "quiver/database.h"
#include "quiver/value.h"
#include "storage/environment.h"
#include "storage/result.h"
#include "storage/value.h"

namespace quiver {

namespace query {
class ExecContext;
}

struct Database::Impl {
  std::filesystem::path path;
  Options options;
  std::unique_ptr<storage::Environment> env;
  std::unique_ptr<query::PlanCache> plan_cache;
  query::FileAccessPolicy file_access;  // from the load_csv options

  // Procedures callable with CALL. Statements hold the shared lock while they run; registering
  // a procedure takes it exclusively.
  std::shared_mutex procedures_mutex;
  query::ProcedureRegistry procedures;

  // Graph projections kept by name for the algo.* procedures (thread-safe on its own).
  algo::ProjectionCatalog projections;

  // Recommender models kept by name for the rec.* procedures (thread-safe on its own).
  algo::RecommenderCatalog recommenders;
};

// The API error for a storage error: category DatabaseError, detail the storage code.
Error to_error(const storage::StorageError& error);

// The API error for a query error, keeping category, detail, phase and position.
Error to_error(const query::QueryError& error);

// An API error built from its parts, with what() composed the usual way.
Error make_error(std::string category, std::string detail, std::string phase, std::string message);

// ArgumentError/InvalidArgument with MESSAGE, for calls the API refuses.
Error invalid_argument(std::string message);

// Throws the API error for a failed storage result.
template <typename R>
void throw_if_error(const R& result) {
  if (!result.ok()) {
    throw to_error(result.error());
  }
}

// API value <-> stored property value. to_storage throws Error (TypeError/InvalidPropertyType)
// for nodes, relationships and paths, which no property can hold.
storage::PropertyValue to_storage(const Value& value);
Value from_storage(const storage::PropertyValue& value);

// API value -> runtime value of the query layer (nodes and relationships become references by
// id), for parameters.
query::Value to_runtime(const Value& value);

// API temporal value <-> the temporal library's value. to_temporal throws Error
// (ArgumentError/InvalidArgumentValue) for fields out of range or an unknown zone name;
// precondition of to_temporal: value.is_temporal().
temporal::TemporalValue to_temporal(const Value& value);
Value from_temporal(const temporal::TemporalValue& value);

// Runtime value -> API value, reading labels, types and properties through CTX (so it must run
// while the statement's transaction is open).
Value from_runtime(const query::Value& value, query::ExecContext& ctx);

}  // namespace quiver
