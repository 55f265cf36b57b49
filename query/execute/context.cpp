#include "query/execute/context.h"

#include <algorithm>

#include "storage/catalog.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"

namespace quiver::query {

namespace {

storage::NameKind name_kind(int kind) {
  return kind == 0 ? storage::NameKind::Label
                   : (kind == 1 ? storage::NameKind::RelType : storage::NameKind::PropertyKey);
}

[[noreturn]] void deleted_entity(const char* what) {
  throw_runtime(ErrorCategory::kEntityNotFound, "DeletedEntityAccess",
                std::string("the ") + what + " was deleted earlier in this transaction");
}

}  // namespace

void throw_runtime(ErrorCategory category, const std::string& detail, const std::string& message) {
  throw QueryError(category, ErrorPhase::kRuntime, detail, message);
}

temporal::TemporalContext ExecContext::temporal_context(TemporalClock clock) const {
  std::chrono::system_clock::time_point reading =
      clock == TemporalClock::kStatement     ? statement_start_
      : clock == TemporalClock::kTransaction ? transaction_start_
                                             : std::chrono::system_clock::now();
  int64_t nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(reading.time_since_epoch()).count();
  temporal::TemporalContext context;
  context.now_epoch_second = nanos / 1'000'000'000;
  context.now_nanosecond = nanos % 1'000'000'000;
  if (context.now_nanosecond < 0) {
    context.now_epoch_second -= 1;
    context.now_nanosecond += 1'000'000'000;
  }
  return context;
}

std::optional<uint32_t> ExecContext::lookup(int kind, const std::string& name) {
  auto it = ids_[kind].find(name);
  if (it != ids_[kind].end())
    return it->second;
  storage::Catalog catalog(txn_);
  auto id = catalog.lookup(name_kind(kind), name);
  if (!id.ok()) {
    if (id.error().code == storage::StorageErrc::NotFound)
      return std::nullopt;
    throw StorageFailure(std::move(id).error());
  }
  ids_[kind].emplace(name, *id);
  names_[kind].emplace(*id, name);
  return *id;
}

uint32_t ExecContext::intern(int kind, const std::string& name) {
  if (auto id = lookup(kind, name))
    return *id;
  storage::Catalog catalog(txn_);
  uint32_t id = unwrap(catalog.intern(name_kind(kind), name));
  ids_[kind].emplace(name, id);
  names_[kind].emplace(id, name);
  return id;
}

const std::string& ExecContext::name(int kind, uint32_t id) {
  auto it = names_[kind].find(id);
  if (it != names_[kind].end())
    return it->second;
  storage::Catalog catalog(txn_);
  std::string n = unwrap(catalog.name(name_kind(kind), id));
  ids_[kind].emplace(n, id);
  return names_[kind].emplace(id, std::move(n)).first->second;
}

std::optional<uint32_t> ExecContext::label_id(const std::string& n) {
  return lookup(0, n);
}
std::optional<uint32_t> ExecContext::type_id(const std::string& n) {
  return lookup(1, n);
}
std::optional<uint32_t> ExecContext::key_id(const std::string& n) {
  return lookup(2, n);
}
uint32_t ExecContext::intern_label(const std::string& n) {
  return intern(0, n);
}
uint32_t ExecContext::intern_type(const std::string& n) {
  return intern(1, n);
}
uint32_t ExecContext::intern_key(const std::string& n) {
  return intern(2, n);
}
const std::string& ExecContext::label_name(uint32_t id) {
  return name(0, id);
}
const std::string& ExecContext::type_name(uint32_t id) {
  return name(1, id);
}
const std::string& ExecContext::key_name(uint32_t id) {
  return name(2, id);
}

Value ExecContext::node_property(uint64_t node, const std::string& key) {
  if (deleted_nodes_.count(node))
    deleted_entity("node");
  auto id = key_id(key);
  if (!id)
    return Value();
  if (txn_.writable())
    return from_property(unwrap(storage::NodeStore(txn_).property(node, *id)));

  // A read-only transaction never invalidates the view, and a row usually reads several
  // properties of one node in a row: one lookup serves them all.
  if (!last_node_ || last_node_->first != node)
    last_node_.emplace(node, unwrap(storage::NodeStore(txn_).encoded(node)));
  return from_property(unwrap(storage::NodeStore::property_in(node, last_node_->second, *id)));
}

Value ExecContext::rel_property(uint64_t rel, const std::string& key) {
  if (deleted_rels_.count(rel))
    deleted_entity("relationship");
  auto id = key_id(key);
  if (!id)
    return Value();
  return from_property(unwrap(storage::RelationshipStore(txn_).property(rel, *id)));
}

ValueMap ExecContext::node_properties(uint64_t node) {
  if (deleted_nodes_.count(node))
    deleted_entity("node");
  ValueMap out;
  for (const auto& [k, v] : unwrap(storage::NodeStore(txn_).properties(node))) {
    out.emplace(key_name(k), from_property(v));
  }
  return out;
}

ValueMap ExecContext::rel_properties(uint64_t rel) {
  if (deleted_rels_.count(rel))
    deleted_entity("relationship");
  ValueMap out;
  for (const auto& [k, v] : unwrap(storage::RelationshipStore(txn_).properties(rel))) {
    out.emplace(key_name(k), from_property(v));
  }
  return out;
}

std::vector<uint32_t> ExecContext::node_label_ids(uint64_t node) {
  if (deleted_nodes_.count(node))
    deleted_entity("node");
  return unwrap(storage::NodeStore(txn_).labels(node));
}

std::vector<std::string> ExecContext::node_labels(uint64_t node) {
  std::vector<std::string> out;
  for (uint32_t id : node_label_ids(node))
    out.push_back(label_name(id));
  std::sort(out.begin(), out.end());
  return out;
}

bool ExecContext::node_has_label(uint64_t node, const std::string& label) {
  auto id = label_id(label);
  if (!id)
    return false;
  std::vector<uint32_t> labels = node_label_ids(node);
  return std::binary_search(labels.begin(), labels.end(), *id);
}

RelRef ExecContext::relationship(uint64_t rel) {
  storage::RelationshipRecord r = unwrap(storage::RelationshipStore(txn_).get(rel));
  return RelRef{r.id, r.type, r.start, r.end};
}

bool ExecContext::node_exists(uint64_t node) {
  return unwrap(storage::NodeStore(txn_).exists(node));
}

bool ExecContext::rel_exists(uint64_t rel) {
  return unwrap(storage::RelationshipStore(txn_).exists(rel));
}

void ExecContext::charge(uint64_t bytes) {
  used_ += bytes;
  if (used_ > memory_limit_) {
    throw MemoryLimitExceeded("the statement needs more than its memory limit of " +
                              std::to_string(memory_limit_) + " bytes");
  }
}

void ExecContext::checkpoint_now() const {
  if (progress_hook_) {
    progress_hook_(counters_);
  }
  if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) {
    throw StatementInterrupted(StatementInterrupted::Reason::kCancelled,
                               "the statement was cancelled while it ran");
  }
  if (std::chrono::steady_clock::now() >= limits_.deadline) {
    throw StatementInterrupted(StatementInterrupted::Reason::kTimeout,
                               "the statement ran past its time limit of " +
                                   std::to_string(limits_.timeout.count()) + " ms and was stopped");
  }
}

Value from_property(const storage::PropertyValue& v) {
  switch (v.kind()) {
    case storage::ValueKind::Null:
      return Value();
    case storage::ValueKind::Bool:
      return Value(v.as_bool());
    case storage::ValueKind::Int:
      return Value(v.as_int());
    case storage::ValueKind::Double:
      return Value(v.as_double());
    case storage::ValueKind::String:
      return Value(v.as_string());
    case storage::ValueKind::FloatVector:
      return Value(v.as_float_vector());
    case storage::ValueKind::DateTime:
    case storage::ValueKind::LocalDateTime:
    case storage::ValueKind::Date:
    case storage::ValueKind::Time:
    case storage::ValueKind::LocalTime:
    case storage::ValueKind::Duration:
      return Value(v.as_temporal());
    case storage::ValueKind::List: {
      ValueList out;
      for (const auto& e : v.as_list())
        out.push_back(from_property(e));
      return Value(std::move(out));
    }
    case storage::ValueKind::Map: {
      ValueMap out;
      for (const auto& [k, e] : v.as_map())
        out.emplace(k, from_property(e));
      return Value(std::move(out));
    }
  }
  return Value();
}

storage::PropertyValue to_property(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return storage::PropertyValue();
    case Kind::kBool:
      return storage::PropertyValue(v.as_bool());
    case Kind::kInt:
      return storage::PropertyValue(v.as_int());
    case Kind::kDouble:
      return storage::PropertyValue(v.as_double());
    case Kind::kString:
      return storage::PropertyValue(v.as_string());
    case Kind::kFloatVector:
      return storage::PropertyValue(v.as_float_vector());
    case Kind::kTemporal:
      return storage::PropertyValue(v.as_temporal());
    case Kind::kList: {
      // Cypher properties hold homogeneous lists of simple values; nulls are not allowed inside.
      storage::PropertyList out;
      for (const Value& e : v.as_list()) {
        bool simple = e.is_bool() || e.is_number() || e.is_string() || e.is_temporal();
        if (!simple) {
          throw_runtime(ErrorCategory::kTypeError, "InvalidPropertyType",
                        std::string("a property list cannot hold a ") + kind_name(e.kind()));
        }
        out.push_back(to_property(e));
      }
      return storage::PropertyValue(std::move(out));
    }
    default:
      throw_runtime(ErrorCategory::kTypeError, "InvalidPropertyType",
                    std::string("a property cannot hold a ") + kind_name(v.kind()));
  }
}

}  // namespace quiver::query
