#include "engine/src/algo/recommender.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/src/algo/projection.h"
#include "gpu/embedding.h"
#include "gpu/evaluation.h"
#include "query/errors.h"
#include "query/execute/context.h"
#include "storage/adjacency.h"
#include "storage/catalog.h"
#include "storage/node_store.h"
#include "storage/relationship_store.h"
#include "storage/temporal/access.h"

namespace quiver::algo {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 256;
constexpr double kHuge = 1e300;

// Every node id carrying one of LABELS, ascending, without repeats.
std::vector<std::uint64_t> nodes_with(storage::Transaction& txn,
                                      const std::vector<std::string>& labels) {
  std::vector<std::uint64_t> out;
  storage::NodeStore nodes(txn);
  std::array<std::uint64_t, 1024> batch{};
  for (const std::string& label : labels) {
    std::uint32_t id = require_name(txn, storage::NameKind::Label, label, "UnknownLabel", "label");
    storage::IdScan scan = query::unwrap(nodes.scan_label(id));
    for (;;) {
      std::size_t n = query::unwrap(scan.next_batch(batch));
      if (n == 0) {
        break;
      }
      out.insert(out.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(n));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::uint32_t> index_in(const std::vector<std::uint64_t>& ids, std::uint64_t id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(it - ids.begin());
}

// The property key NAME, or nullopt when no entity ever had it (or NAME is empty).
std::optional<storage::PropertyKeyId> key_of(storage::Transaction& txn, const std::string& name) {
  if (name.empty()) {
    return std::nullopt;
  }
  auto key = storage::Catalog(txn).lookup(storage::NameKind::PropertyKey, name);
  if (!key.ok()) {
    if (key.error().code != storage::StorageErrc::NotFound) {
      throw query::StorageFailure(std::move(key).error());
    }
    return std::numeric_limits<storage::PropertyKeyId>::max();
  }
  return *key;
}

// The number a relationship property holds: an integer, a float, or a datetime as epoch
// seconds; nullopt when the relationship lacks it.
std::optional<double> number_of(storage::Transaction& txn, std::uint64_t rel,
                                storage::PropertyKeyId key, const std::string& what) {
  storage::PropertyValue value = query::unwrap(storage::RelationshipStore(txn).property(rel, key));
  if (value.is_null()) {
    return std::nullopt;
  }
  if (value.is_int()) {
    return static_cast<double>(value.as_int());
  }
  if (value.is_double() && std::isfinite(value.as_double())) {
    return value.as_double();
  }
  if (value.is_temporal()) {
    auto seconds = temporal::component(value.as_temporal(), "epochSeconds");
    if (seconds.ok() && std::holds_alternative<std::int64_t>(seconds.value())) {
      return static_cast<double>(std::get<std::int64_t>(seconds.value()));
    }
  }
  fail("InvalidConfiguration",
       "relationship " + std::to_string(rel) + " has a " + what + " that is not a finite number");
}

// Type ids of NAMES.
std::vector<storage::RelTypeId> types_of(storage::Transaction& txn,
                                         const std::vector<std::string>& names) {
  std::vector<storage::RelTypeId> out;
  for (const std::string& name : names) {
    out.push_back(require_name(txn, storage::NameKind::RelType, name, "UnknownRelationshipType",
                               "relationship type"));
  }
  return out;
}

// Calls VISIT(neighbour) for every relationship of TYPE at NODE, either direction.
template <typename Visit>
void for_each_neighbour(storage::Transaction& txn, std::uint64_t node, storage::RelTypeId type,
                        Visit&& visit) {
  storage::Adjacency adjacency(txn);
  storage::ExpandCursor cursor =
      query::unwrap(adjacency.expand(node, storage::Direction::Both, type));
  std::array<storage::Neighbour, kBatch> batch{};
  for (;;) {
    std::size_t n = query::unwrap(cursor.next_batch(batch));
    if (n == 0) {
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      visit(batch[i]);
    }
  }
}

gpu::ItemKnnConfig read_item_knn(ConfigReader& config) {
  gpu::ItemKnnConfig out;
  out.neighbours = static_cast<std::uint32_t>(config.integer("neighbours", 100, 1, 100000));
  out.shrink = static_cast<float>(config.number("shrink", 10.0, 0.0, 1e9));
  return out;
}

gpu::Rp3BetaConfig read_rp3(ConfigReader& config, bool has_topics) {
  gpu::Rp3BetaConfig out;
  out.alpha = static_cast<float>(config.number("alpha", 1.0, 1e-6, 100.0));
  out.beta = static_cast<float>(config.number("beta", 0.5, 0.0, 1.0));
  out.neighbours = static_cast<std::uint32_t>(config.integer("neighbours", 100, 1, 100000));
  out.topic_weight = static_cast<float>(config.number("topicWeight", 0.0, 0.0, 1.0));
  if (out.topic_weight > 0.0f && !has_topics) {
    config.invalid("'topicWeight' needs topicLabels and topicTypes");
  }
  return out;
}

gpu::EaseConfig read_ease(ConfigReader& config) {
  gpu::EaseConfig out;
  out.lambda = config.number("lambda", 500.0, 1e-9, 1e12);
  out.min_item_support =
      static_cast<std::uint32_t>(config.integer("minItemSupport", 1, 1, 1 << 30));
  if (config.has("memoryLimit")) {
    out.max_bytes = static_cast<std::uint64_t>(
        config.integer("memoryLimit", 0, 1, std::numeric_limits<std::int64_t>::max()));
  }
  return out;
}

gpu::IalsConfig read_ials(ConfigReader& config) {
  gpu::IalsConfig out;
  out.factors = static_cast<std::uint32_t>(config.integer("factors", 64, 1, 256));
  out.alpha = static_cast<float>(config.number("alpha", 10.0, 0.0, 1e9));
  out.regularization = static_cast<float>(config.number("regularization", 0.1, 1e-9, 1e9));
  out.iterations = static_cast<std::uint32_t>(config.integer("iterations", 15, 1, 1000));
  out.cg_steps = static_cast<std::uint32_t>(config.integer("cgSteps", 3, 1, 100));
  out.seed = static_cast<std::uint64_t>(
      config.integer("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));
  return out;
}

// FastRP item vectors over the graph of users, items and topics, every interaction and topic
// link an undirected edge.
gpu::Model fit_embedding_model(ConfigReader& config, const InteractionData& data,
                               const gpu::SparseMatrix& train) {
  gpu::FastRpConfig fastrp;
  fastrp.dimension = static_cast<std::uint32_t>(config.integer("embeddingDimension", 128, 1, 4096));
  if (config.has("iterationWeights")) {
    std::vector<double> weights = config.numbers("iterationWeights");
    if (weights.empty()) {
      config.invalid("'iterationWeights' needs at least one weight");
    }
    fastrp.iteration_weights.assign(weights.begin(), weights.end());
  }
  fastrp.normalisation_strength =
      static_cast<float>(config.number("normalizationStrength", -0.5, -10.0, 10.0));
  fastrp.seed = static_cast<std::uint64_t>(
      config.integer("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));

  const std::uint64_t users = train.row_count();
  const std::uint64_t items = train.column_count();
  const std::uint64_t topics = data.has_topics ? data.item_topics.column_count() : 0;
  std::vector<gpu::NodeIndex> sources;
  std::vector<gpu::NodeIndex> targets;
  auto link = [&](std::uint64_t a, std::uint64_t b) {
    sources.push_back(static_cast<gpu::NodeIndex>(a));
    targets.push_back(static_cast<gpu::NodeIndex>(b));
    sources.push_back(static_cast<gpu::NodeIndex>(b));
    targets.push_back(static_cast<gpu::NodeIndex>(a));
  };
  for (std::uint64_t u = 0; u < users; ++u) {
    for (std::uint64_t e = train.offsets()[u]; e < train.offsets()[u + 1]; ++e) {
      link(u, users + train.columns()[e]);
    }
  }
  if (data.has_topics) {
    const gpu::SparseMatrix& links = data.item_topics;
    for (std::uint64_t i = 0; i < items; ++i) {
      for (std::uint64_t e = links.offsets()[i]; e < links.offsets()[i + 1]; ++e) {
        link(users + i, users + items + links.columns()[e]);
      }
    }
  }
  gpu::CsrGraph graph =
      take(gpu::CsrGraph::from_edges(users + items + topics, sources, targets), "embedding graph");
  gpu::Embeddings vectors = take(gpu::fastrp(graph, fastrp), "FastRP item embeddings");
  std::span<const float> item_rows(vectors.values.data() + users * vectors.dimension,
                                   items * vectors.dimension);
  return take(gpu::fit_embedding(train, item_rows, vectors.dimension), "embedding recommender");
}

double read_weight(ConfigReader& config) {
  return config.number("weight", 1.0, 0.0, 1e9);
}

}  // namespace

InteractionSpec read_interaction_spec(ConfigReader& config) {
  InteractionSpec spec;
  spec.user_label = config.string("userLabel", "");
  if (spec.user_label.empty()) {
    config.invalid("'userLabel' names the label of the users and is required");
  }
  spec.item_labels = config.strings("itemLabels");
  if (spec.item_labels.empty()) {
    config.invalid("'itemLabels' names the label (or labels) of the items and is required");
  }
  spec.interaction_types = config.strings("interactionTypes");
  if (spec.interaction_types.empty()) {
    config.invalid(
        "'interactionTypes' names the relationship types linking users to items and is "
        "required");
  }
  query::Value type_weights = config.raw("typeWeights");
  if (!type_weights.is_null()) {
    if (!type_weights.is_map()) {
      config.invalid("'typeWeights' must map relationship types to numbers");
    }
    for (const auto& [type, weight] : type_weights.as_map()) {
      if (!weight.is_number() || !std::isfinite(weight.as_number()) || weight.as_number() < 0) {
        config.invalid("'typeWeights' must map relationship types to numbers of at least 0");
      }
      spec.type_weights[type] = weight.as_number();
    }
  }
  spec.weight_property = config.string("weightProperty", "");
  spec.min_weight = config.number("minWeight", 0.0, -kHuge, kHuge);
  spec.binary = config.boolean("binary", false);
  spec.timestamp_property = config.string("timestampProperty", "");
  spec.topic_labels = config.strings("topicLabels");
  spec.topic_types = config.strings("topicTypes");
  if (spec.topic_labels.empty() != spec.topic_types.empty()) {
    config.invalid("'topicLabels' and 'topicTypes' go together: give both or neither");
  }
  spec.topic_weight_property = config.string("topicWeightProperty", "");
  return spec;
}

std::optional<std::uint32_t> InteractionData::user_index(std::uint64_t id) const {
  return index_in(user_ids, id);
}

std::optional<std::uint32_t> InteractionData::item_index(std::uint64_t id) const {
  return index_in(item_ids, id);
}

std::uint64_t InteractionData::bytes() const {
  auto matrix = [](const gpu::SparseMatrix& m) {
    return m.offsets().size() * 8 + m.columns().size() * 4 + m.values().size() * 4;
  };
  return (user_ids.size() + item_ids.size() + topic_ids.size() + timestamps.size()) * 8 +
         matrix(interactions) + matrix(item_topics);
}

InteractionData read_interactions(storage::Transaction& txn, const InteractionSpec& spec) {
  InteractionData data;
  data.data_version = txn.data_version();
  data.user_ids = nodes_with(txn, {spec.user_label});
  data.item_ids = nodes_with(txn, spec.item_labels);
  std::vector<storage::RelTypeId> types = types_of(txn, spec.interaction_types);
  std::optional<storage::PropertyKeyId> weight_key = key_of(txn, spec.weight_property);
  std::optional<storage::PropertyKeyId> time_key = key_of(txn, spec.timestamp_property);

  std::vector<std::uint32_t> rows;
  std::vector<std::uint32_t> columns;
  std::vector<float> values;
  std::vector<std::int64_t> times;
  for (std::uint32_t u = 0; u < data.user_ids.size(); ++u) {
    for (std::size_t t = 0; t < types.size(); ++t) {
      auto multiplier = spec.type_weights.find(spec.interaction_types[t]);
      const double type_weight = multiplier == spec.type_weights.end() ? 1.0 : multiplier->second;
      for_each_neighbour(txn, data.user_ids[u], types[t], [&](const storage::Neighbour& nb) {
        std::optional<std::uint32_t> item = data.item_index(nb.node);
        if (!item) {
          return;
        }
        double weight = type_weight;
        if (weight_key) {
          weight *= number_of(txn, nb.relationship, *weight_key, "weight").value_or(1.0);
        }
        if (!(weight > 0.0) || weight < spec.min_weight) {
          return;
        }
        if (time_key) {
          std::optional<double> at = number_of(txn, nb.relationship, *time_key, "timestamp");
          if (!at) {
            fail("InvalidConfiguration", "relationship " + std::to_string(nb.relationship) +
                                             " has no timestamp property '" +
                                             spec.timestamp_property + "'");
          }
          times.push_back(static_cast<std::int64_t>(*at));
        }
        rows.push_back(u);
        columns.push_back(*item);
        values.push_back(spec.binary ? 1.0f : static_cast<float>(weight));
      });
    }
  }
  if (rows.empty()) {
    fail("NoInteractions", "no relationship of the interaction types links a '" + spec.user_label +
                               "' node to an item");
  }
  data.interactions = take(gpu::SparseMatrix::from_triples(
                               data.user_ids.size(), data.item_ids.size(), rows, columns, values),
                           "reading interactions");
  if (time_key) {
    data.timestamps =
        take(gpu::entry_timestamps(data.interactions, rows, columns, times), "timestamps");
  }

  if (!spec.topic_labels.empty()) {
    data.has_topics = true;
    data.topic_ids = nodes_with(txn, spec.topic_labels);
    std::vector<storage::RelTypeId> topic_types = types_of(txn, spec.topic_types);
    std::optional<storage::PropertyKeyId> link_key = key_of(txn, spec.topic_weight_property);
    rows.clear();
    columns.clear();
    values.clear();
    for (std::uint32_t i = 0; i < data.item_ids.size(); ++i) {
      for (storage::RelTypeId type : topic_types) {
        for_each_neighbour(txn, data.item_ids[i], type, [&](const storage::Neighbour& nb) {
          std::optional<std::uint32_t> topic = index_in(data.topic_ids, nb.node);
          if (!topic) {
            return;
          }
          double weight = 1.0;
          if (link_key) {
            weight = number_of(txn, nb.relationship, *link_key, "topic weight").value_or(1.0);
          }
          if (weight > 0.0) {
            rows.push_back(i);
            columns.push_back(*topic);
            values.push_back(static_cast<float>(weight));
          }
        });
      }
    }
    data.item_topics = take(gpu::SparseMatrix::from_triples(
                                data.item_ids.size(), data.topic_ids.size(), rows, columns, values),
                            "reading topic links");
  }
  return data;
}

gpu::Model fit_model(ConfigReader& config, const InteractionData& data,
                     const gpu::SparseMatrix& train) {
  if (!config.has("model")) {
    config.invalid("'model' names the recommender family and is required");
  }
  std::string kind = config.choice(
      "model", "",
      {"ITEMKNN", "ITEM_KNN", "RP3BETA", "EASE", "IALS", "POPULARITY", "EMBEDDING", "HYBRID"});
  kind = kind == "ITEM_KNN" ? "ITEMKNN" : kind;
  const gpu::SparseMatrix* topics = data.has_topics ? &data.item_topics : nullptr;
  if (kind == "ITEMKNN") {
    return take(gpu::fit_item_knn(train, read_item_knn(config)), "item kNN");
  }
  if (kind == "RP3BETA") {
    return take(gpu::fit_rp3beta(train, read_rp3(config, data.has_topics), topics), "RP3beta");
  }
  if (kind == "EASE") {
    return take(gpu::fit_ease(train, read_ease(config)), "EASE");
  }
  if (kind == "IALS") {
    return take(gpu::fit_ials(train, read_ials(config)), "iALS");
  }
  if (kind == "POPULARITY") {
    gpu::PopularityConfig popularity;
    popularity.within_user_topics = config.boolean("withinTopics", data.has_topics);
    if (popularity.within_user_topics && !data.has_topics) {
      config.invalid("'withinTopics' needs topicLabels and topicTypes");
    }
    return take(gpu::fit_popularity(train, popularity, topics), "popularity");
  }
  if (kind == "EMBEDDING") {
    return fit_embedding_model(config, data, train);
  }

  query::Value parts = config.raw("parts");
  if (!parts.is_list() || parts.as_list().empty()) {
    config.invalid("a hybrid needs 'parts': a list of model configurations, each with a weight");
  }
  std::vector<gpu::HybridPart> fitted;
  for (std::size_t p = 0; p < parts.as_list().size(); ++p) {
    const query::Value& part = parts.as_list()[p];
    if (!part.is_map()) {
      config.invalid("every hybrid part must be a map such as {model: 'ease', weight: 0.5}");
    }
    ConfigReader reader(config.procedure() + " part " + std::to_string(p + 1), part.as_map());
    double weight = read_weight(reader);
    fitted.push_back({fit_model(reader, data, train), static_cast<float>(weight)});
    reader.finish();
  }
  return take(gpu::fit_hybrid(std::move(fitted)), "hybrid");
}

RecommenderPtr fit_recommender(storage::Transaction& txn, const std::string& procedure,
                               const std::string& name, const query::ValueMap& definition) {
  Clock::time_point start = Clock::now();
  ConfigReader config(procedure, definition);
  InteractionSpec spec = read_interaction_spec(config);
  auto threshold = static_cast<std::uint32_t>(config.integer("coldStartThreshold", 3, 0, 1 << 30));
  auto data = std::make_shared<InteractionData>(read_interactions(txn, spec));

  auto kept = std::make_shared<KeptRecommender>();
  kept->name = name;
  kept->definition = definition;
  kept->model = fit_model(config, *data, data->interactions);
  config.finish();
  gpu::PopularityConfig popularity{data->has_topics};
  kept->fallback = take(gpu::fit_popularity(data->interactions, popularity,
                                            data->has_topics ? &data->item_topics : nullptr),
                        "popularity fallback");
  if (data->has_topics) {
    kept->profiles = take(gpu::user_profiles(data->interactions, data->item_topics), "profiles");
  }
  kept->cold_start_threshold = threshold;
  kept->data = std::move(data);
  kept->fit_millis = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return kept;
}

std::string saved_definition_key(const std::string& name) {
  return "recommender:" + name;
}

namespace {

nlohmann::json to_json(const query::Value& v) {
  if (v.is_null()) {
    return nullptr;
  }
  if (v.is_bool()) {
    return v.as_bool();
  }
  if (v.is_int()) {
    return v.as_int();
  }
  if (v.is_double()) {
    return v.as_double();
  }
  if (v.is_string()) {
    return v.as_string();
  }
  if (v.is_list()) {
    nlohmann::json out = nlohmann::json::array();
    for (const query::Value& e : v.as_list()) {
      out.push_back(to_json(e));
    }
    return out;
  }
  if (v.is_map()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : v.as_map()) {
      out[key] = to_json(value);
    }
    return out;
  }
  fail("InvalidConfiguration",
       "a saved recommender definition holds only numbers, strings, booleans, lists and maps");
}

query::Value from_json(const nlohmann::json& j) {
  if (j.is_null()) {
    return query::Value();
  }
  if (j.is_boolean()) {
    return query::Value(j.get<bool>());
  }
  if (j.is_number_integer()) {
    return query::Value(j.get<std::int64_t>());
  }
  if (j.is_number()) {
    return query::Value(j.get<double>());
  }
  if (j.is_string()) {
    return query::Value(j.get<std::string>());
  }
  if (j.is_array()) {
    query::ValueList out;
    for (const nlohmann::json& e : j) {
      out.push_back(from_json(e));
    }
    return query::Value(std::move(out));
  }
  query::ValueMap out;
  for (const auto& [key, value] : j.items()) {
    out[key] = from_json(value);
  }
  return query::Value(std::move(out));
}

}  // namespace

std::string definition_to_json(const query::ValueMap& definition) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : definition) {
    out[key] = to_json(value);
  }
  return out.dump();
}

query::ValueMap definition_from_json(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    fail("CorruptDefinition", "a saved recommender definition is not a JSON object");
  }
  return from_json(parsed).as_map();
}

void RecommenderCatalog::put(RecommenderPtr model) {
  std::lock_guard lock(mutex_);
  std::string name = model->name;
  models_[name] = std::move(model);
}

RecommenderPtr RecommenderCatalog::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = models_.find(name);
  return it == models_.end() ? nullptr : it->second;
}

RecommenderPtr RecommenderCatalog::drop(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = models_.find(name);
  if (it == models_.end()) {
    return nullptr;
  }
  RecommenderPtr out = std::move(it->second);
  models_.erase(it);
  return out;
}

std::vector<RecommenderPtr> RecommenderCatalog::list() const {
  std::lock_guard lock(mutex_);
  std::vector<RecommenderPtr> out;
  for (const auto& [name, model] : models_) {
    out.push_back(model);
  }
  return out;
}

}  // namespace quiver::algo
