// Internal to engine/: what the rec.* procedures build on. The behaviour graph a recommender
// learns from (users linked to items by relationships of configured types, items linked to
// topics), read from one snapshot into the sparse matrices of gpu/interactions.h; fitting a
// model of any family from a configuration map; and the models kept in memory by name.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/src/algo/config.h"
#include "gpu/interactions.h"
#include "gpu/recommend.h"
#include "query/execute/value.h"
#include "storage/transaction.h"

namespace quiver::algo {

// Which labels and relationship types play which role. Plain data; names as stored.
struct InteractionSpec {
  // Nodes with this label are the users.
  std::string user_label;
  // Nodes with any of these labels are the items.
  std::vector<std::string> item_labels;
  // Relationships of these types between a user and an item (either direction) are the
  // behaviour; repeated interactions of a user with an item add up.
  std::vector<std::string> interaction_types;
  // Multiplier of each interaction type (absent types weigh 1).
  std::map<std::string, double> type_weights;
  // Relationship property multiplied into the weight (a rating, a count); empty weighs 1. A
  // relationship without it weighs 1.
  std::string weight_property;
  // Interactions whose weight is below this are left out (ratings under 4, say). Weights of 0
  // or less are always left out.
  double min_weight = 0.0;
  // Every interaction kept after the minWeight test weighs 1 (implicit feedback from ratings).
  bool binary = false;
  // Relationship property holding the time of an interaction (a number, or a datetime read as
  // epoch seconds); needed by the latest-by-time split.
  std::string timestamp_property;
  // Nodes with any of these labels are topics (genres, skills); empty means no knowledge graph.
  std::vector<std::string> topic_labels;
  // Relationships of these types between an item and a topic (either direction).
  std::vector<std::string> topic_types;
  // Relationship property weighing an item-topic link; empty weighs 1.
  std::string topic_weight_property;
};

// Reads the InteractionSpec keys (userLabel, itemLabels, interactionTypes, typeWeights,
// weightProperty, minWeight, binary, timestampProperty, topicLabels, topicTypes,
// topicWeightProperty) from CONFIG; throws InvalidConfiguration when a required one is missing.
InteractionSpec read_interaction_spec(ConfigReader& config);

// The behaviour graph of one snapshot. Dense user index u is database node user_ids[u], and so
// on for items and topics; each id list ascends. Immutable once read; shared between models.
struct InteractionData {
  std::vector<std::uint64_t> user_ids;
  std::vector<std::uint64_t> item_ids;
  std::vector<std::uint64_t> topic_ids;
  // users x items.
  gpu::SparseMatrix interactions;
  // One per entry of interactions, when the spec names a timestamp property.
  std::vector<std::int64_t> timestamps;
  // items x topics; empty (0 x 0) when the spec names no topics.
  gpu::SparseMatrix item_topics;
  bool has_topics = false;
  // Data version of the snapshot.
  std::uint64_t data_version = 0;

  // The dense index of a database node, or nullopt.
  std::optional<std::uint32_t> user_index(std::uint64_t id) const;
  std::optional<std::uint32_t> item_index(std::uint64_t id) const;

  // Bytes held.
  std::uint64_t bytes() const;
};

// Reads what SPEC selects from TXN. Throws ProcedureError UnknownLabel / UnknownRelationshipType
// for names the database never used, InvalidConfiguration for a weight or timestamp that is not
// a number, NoInteractions when the spec selects no user-item interaction, and StorageFailure.
InteractionData read_interactions(storage::Transaction& txn, const InteractionSpec& spec);

// Fits the model CONFIG's `model` key names (itemKnn, rp3beta, ease, ials, popularity,
// embedding, hybrid; with the family's own keys) on TRAIN, the interactions of DATA or a train
// half of them. Reads every key it uses from CONFIG, so CONFIG.finish() afterwards refuses the
// rest. Throws ProcedureError for bad configuration and for a model that would not fit in
// memory (InsufficientMemory), naming the family.
gpu::Model fit_model(ConfigReader& config, const InteractionData& data,
                     const gpu::SparseMatrix& train);

// A model kept under a name, with everything the procedures need to answer from it.
struct KeptRecommender {
  std::string name;
  // The configuration it was fitted from (the graph keys and the model keys).
  query::ValueMap definition;
  std::shared_ptr<const InteractionData> data;
  gpu::Model model{nullptr};
  // Answers users with fewer interactions than cold_start_threshold: popularity within the
  // topics they touched when the data has topics, global popularity otherwise.
  gpu::Model fallback{nullptr};
  std::uint32_t cold_start_threshold = 0;
  // users x topics: what each user's behaviour points to (empty without topics).
  gpu::SparseMatrix profiles;
  double fit_millis = 0.0;
};

using RecommenderPtr = std::shared_ptr<const KeptRecommender>;

// Fits a model from DEFINITION (a procedure configuration map) on TXN's snapshot and returns it
// named NAME. PROCEDURE names the caller in errors. Throws as read_interactions and fit_model.
RecommenderPtr fit_recommender(storage::Transaction& txn, const std::string& procedure,
                               const std::string& name, const query::ValueMap& definition);

// The setting name a saved definition is kept under.
std::string saved_definition_key(const std::string& name);

// DEFINITION as JSON text, and back. to_json throws InvalidConfiguration for a value JSON cannot
// carry (a node, say); from_json throws ProcedureError/CorruptDefinition for text that is not a
// JSON object.
std::string definition_to_json(const query::ValueMap& definition);
query::ValueMap definition_from_json(const std::string& text);

// Recommender models kept in memory by name for the life of a Database. Thread-safe.
class RecommenderCatalog {
 public:
  // Keeps MODEL under its name, replacing any model kept under it.
  void put(RecommenderPtr model);

  // The model kept under NAME, or nullptr.
  RecommenderPtr find(const std::string& name) const;

  // Removes and returns the model NAME; nullptr when there is none.
  RecommenderPtr drop(const std::string& name);

  // Every kept model, ordered by name.
  std::vector<RecommenderPtr> list() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, RecommenderPtr> models_;
};

}  // namespace quiver::algo
