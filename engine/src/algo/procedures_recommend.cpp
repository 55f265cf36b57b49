// rec.*: recommender models fitted on the behaviour graph and kept by name (fit, refit, models,
// save, drop), recommendations with explanations, similar items, user profiles, and offline
// evaluation with an exportable split. The behaviour is specified in docs/recommendation.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/src/algo/procedures.h"
#include "engine/src/algo/recommender.h"
#include "gpu/evaluation.h"
#include "storage/node_store.h"
#include "storage/settings.h"

namespace quiver::algo {

namespace {

using Rows = std::vector<std::vector<query::Value>>;
using Args = std::vector<query::Value>;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kMaxK = 1'000'000;

std::int64_t as_int(std::uint64_t v) {
  return static_cast<std::int64_t>(
      std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
}

const std::string& name_arg(const Args& args, const std::string& procedure) {
  if (args.empty() || !args[0].is_string() || args[0].as_string().empty()) {
    fail("InvalidConfiguration", procedure + ": the first argument must name a model");
  }
  return args[0].as_string();
}

query::ValueMap map_arg(const Args& args, std::size_t at, const std::string& procedure) {
  if (args.size() <= at || args[at].is_null()) {
    return {};
  }
  if (!args[at].is_map()) {
    fail("InvalidConfiguration", procedure + ": the configuration must be a map");
  }
  return args[at].as_map();
}

std::uint64_t node_arg(const Args& args, std::size_t at, const std::string& procedure,
                       const char* what) {
  if (args.size() > at && args[at].is_node()) {
    return args[at].as_node().id;
  }
  if (args.size() > at && args[at].is_int() && args[at].as_int() >= 0) {
    return static_cast<std::uint64_t>(args[at].as_int());
  }
  fail("InvalidConfiguration", procedure + ": the " + what + " must be a node or a node id, not " +
                                   (args.size() > at ? query::type_name(args[at]) : "missing"));
}

query::Value node_list(const std::vector<gpu::Contribution>& because,
                       const std::vector<std::uint64_t>& ids) {
  query::ValueList out;
  for (const gpu::Contribution& c : because) {
    out.emplace_back(query::NodeRef{ids[c.index]});
  }
  return out;
}

// The kept model NAME; a model saved in the database but not in memory (after a restart) is
// fitted again from its saved definition and kept.
RecommenderPtr find_model(query::ExecContext& ctx, RecommenderCatalog& catalog,
                          const std::string& name, const std::string& procedure) {
  if (RecommenderPtr kept = catalog.find(name)) {
    return kept;
  }
  auto saved = storage::Settings(ctx.txn()).get(saved_definition_key(name));
  if (!saved.ok()) {
    if (saved.error().code != storage::StorageErrc::NotFound) {
      throw query::StorageFailure(std::move(saved).error());
    }
    fail("ModelNotFound", "there is no recommender model named '" + name +
                              "' (rec.fit fits one and keeps it under a name)");
  }
  RecommenderPtr fitted =
      fit_recommender(ctx.txn(), procedure, name, definition_from_json(saved.value()));
  if (!ctx.txn().has_writes()) {
    catalog.put(fitted);  // a fit on uncommitted data serves this statement only
  }
  return fitted;
}

std::vector<query::ProcedureField> fit_outputs() {
  return {{"name", "STRING?"},    {"model", "STRING?"},         {"users", "INTEGER?"},
          {"items", "INTEGER?"},  {"interactions", "INTEGER?"}, {"topics", "INTEGER?"},
          {"fitMillis", "FLOAT?"}};
}

// Refuses to keep a model fitted on writes that may still roll back.
void require_committed_data(query::ExecContext& ctx, const std::string& procedure) {
  if (ctx.txn().has_writes()) {
    fail("InvalidConfiguration",
         procedure + ": a transaction with uncommitted writes cannot keep a model (commit first)");
  }
}

Rows fit_row(const KeptRecommender& kept) {
  return {{kept.name, std::string(gpu::model_kind_name(kept.model.kind())),
           as_int(kept.data->user_ids.size()), as_int(kept.data->item_ids.size()),
           as_int(kept.data->interactions.entry_count()), as_int(kept.data->topic_ids.size()),
           kept.fit_millis}};
}

void add_fit(query::ProcedureRegistry& registry, RecommenderCatalog& catalog) {
  registry.add(query::Procedure{
      {"rec.fit", {{"name", "STRING?"}, {"configuration", "MAP?"}}, fit_outputs()},
      "Reads the behaviour graph the configuration describes, fits a recommender model of the "
      "family it names and keeps it in memory under a name (replacing a model of that name).",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string& name = name_arg(args, "rec.fit");
        require_committed_data(ctx, "rec.fit");
        RecommenderPtr kept =
            fit_recommender(ctx.txn(), "rec.fit", name, map_arg(args, 1, "rec.fit"));
        catalog.put(kept);
        return fit_row(*kept);
      },
      /*changes_state=*/true});

  registry.add(query::Procedure{
      {"rec.refit", {{"name", "STRING?"}}, fit_outputs()},
      "Fits the model kept (or saved) under a name again, from its definition, on the data as "
      "it is now.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string& name = name_arg(args, "rec.refit");
        require_committed_data(ctx, "rec.refit");
        RecommenderPtr old = find_model(ctx, catalog, name, "rec.refit");
        RecommenderPtr kept = fit_recommender(ctx.txn(), "rec.refit", name, old->definition);
        catalog.put(kept);
        return fit_row(*kept);
      },
      /*changes_state=*/true});
}

void add_catalogue(query::ProcedureRegistry& registry, RecommenderCatalog& catalog) {
  registry.add(query::Procedure{
      {"rec.models",
       {},
       {{"name", "STRING?"},
        {"model", "STRING?"},
        {"users", "INTEGER?"},
        {"items", "INTEGER?"},
        {"interactions", "INTEGER?"},
        {"fitMillis", "FLOAT?"},
        {"bytes", "INTEGER?"},
        {"upToDate", "BOOLEAN?"},
        {"saved", "BOOLEAN?"},
        {"definition", "MAP?"}}},
      "Lists the recommender models kept in memory, and those saved in the database but not yet "
      "fitted since the database opened (their fitted fields are null); upToDate is false when "
      "the data changed since the fit (rec.refit fits again).",
      false,
      [&catalog](query::ExecContext& ctx, const Args&) {
        Rows rows;
        std::vector<RecommenderPtr> kept = catalog.list();
        auto saved = query::unwrap(storage::Settings(ctx.txn()).with_prefix("recommender:"));
        std::map<std::string, std::string> saved_by_name;
        for (auto& [key, text] : saved) {
          saved_by_name[key.substr(std::string("recommender:").size())] = std::move(text);
        }
        for (const RecommenderPtr& m : kept) {
          rows.push_back(
              {m->name, std::string(gpu::model_kind_name(m->model.kind())),
               as_int(m->data->user_ids.size()), as_int(m->data->item_ids.size()),
               as_int(m->data->interactions.entry_count()), m->fit_millis, as_int(m->data->bytes()),
               m->data->data_version == ctx.txn().data_version() && !ctx.txn().has_writes(),
               saved_by_name.count(m->name) > 0, m->definition});
          saved_by_name.erase(m->name);
        }
        for (const auto& [name, text] : saved_by_name) {
          query::ValueMap definition = definition_from_json(text);
          auto model = definition.find("model");
          rows.push_back({name,
                          model == definition.end() ? query::Value() : model->second,
                          {},
                          {},
                          {},
                          {},
                          {},
                          {},
                          true,
                          definition});
        }
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return a[0].as_string() < b[0].as_string(); });
        return rows;
      }});

  registry.add(query::Procedure{
      {"rec.save", {{"name", "STRING?"}}, {{"name", "STRING?"}, {"saved", "BOOLEAN?"}}},
      "Saves the definition of a kept model in the database, so that it is fitted again from "
      "it when first used after a restart. Commits with the statement's transaction.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string& name = name_arg(args, "rec.save");
        RecommenderPtr kept = find_model(ctx, catalog, name, "rec.save");
        query::unwrap(storage::Settings(ctx.txn()).put(saved_definition_key(name),
                                                       definition_to_json(kept->definition)));
        return Rows{{name, true}};
      },
      /*changes_state=*/true});

  registry.add(query::Procedure{
      {"rec.drop",
       {{"name", "STRING?"}},
       {{"name", "STRING?"}, {"dropped", "BOOLEAN?"}, {"unsaved", "BOOLEAN?"}}},
      "Forgets a kept model and removes its saved definition; dropped and unsaved say which of "
      "the two there was.",
      true,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string& name = name_arg(args, "rec.drop");
        bool dropped = catalog.drop(name) != nullptr;
        bool unsaved =
            query::unwrap(storage::Settings(ctx.txn()).erase(saved_definition_key(name)));
        if (!dropped && !unsaved) {
          fail("ModelNotFound", "there is no recommender model named '" + name + "'");
        }
        return Rows{{name, dropped, unsaved}};
      },
      /*changes_state=*/true});
}

// Flags of the items that pass the itemLabels / itemProperties filters; empty when there are
// none.
std::vector<std::uint8_t> candidate_filter(query::ExecContext& ctx, ConfigReader& config,
                                           const InteractionData& data) {
  std::vector<std::string> labels = config.strings("itemLabels");
  query::Value properties = config.raw("itemProperties");
  if (!properties.is_null() && !properties.is_map()) {
    config.invalid("'itemProperties' must map property names to a value or a list of values");
  }
  if (labels.empty() && properties.is_null()) {
    return {};
  }
  std::vector<storage::LabelId> label_ids;
  for (const std::string& label : labels) {
    auto id = storage::Catalog(ctx.txn()).lookup(storage::NameKind::Label, label);
    if (id.ok()) {
      label_ids.push_back(*id);
    }
  }
  std::vector<std::pair<storage::PropertyKeyId, query::Value>> wanted;
  bool impossible = !labels.empty() && label_ids.empty();
  if (properties.is_map()) {
    for (const auto& [key, value] : properties.as_map()) {
      auto id = storage::Catalog(ctx.txn()).lookup(storage::NameKind::PropertyKey, key);
      impossible = impossible || !id.ok();
      if (id.ok()) {
        wanted.emplace_back(*id, value);
      }
    }
  }
  std::vector<std::uint8_t> flags(data.item_ids.size(), 0);
  if (impossible) {
    return flags;
  }
  storage::NodeStore nodes(ctx.txn());
  for (std::size_t i = 0; i < data.item_ids.size(); ++i) {
    auto record = nodes.get(data.item_ids[i]);
    if (!record.ok()) {
      continue;  // deleted since the fit: never recommended
    }
    bool pass =
        label_ids.empty() ||
        std::any_of(label_ids.begin(), label_ids.end(), [&](storage::LabelId l) {
          return std::find(record->labels.begin(), record->labels.end(), l) != record->labels.end();
        });
    for (const auto& [key, value] : wanted) {
      auto found = record->properties.find(key);
      if (!pass || found == record->properties.end()) {
        pass = false;
        break;
      }
      query::Value have = query::from_property(found->second);
      if (value.is_list()) {
        pass = std::any_of(value.as_list().begin(), value.as_list().end(), [&](const auto& v) {
          return query::cypher_equals(have, v) == query::Tri::kTrue;
        });
      } else {
        pass = query::cypher_equals(have, value) == query::Tri::kTrue;
      }
    }
    flags[i] = pass ? 1 : 0;
  }
  return flags;
}

// Items by descending popularity (ties by ascending item) that pass FLAGS, at most K.
std::vector<gpu::ItemIndex> most_popular(const InteractionData& data,
                                         const std::vector<std::uint8_t>& flags, std::uint32_t k,
                                         std::vector<float>& scores) {
  gpu::SparseMatrix by_item = data.interactions.transposed();
  std::vector<gpu::ItemIndex> order(data.item_ids.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](gpu::ItemIndex a, gpu::ItemIndex b) {
    return by_item.row_size(a) > by_item.row_size(b);
  });
  std::vector<gpu::ItemIndex> out;
  const double top = order.empty() ? 1.0 : std::max<double>(1.0, by_item.row_size(order[0]));
  for (gpu::ItemIndex i : order) {
    if (out.size() == k) {
      break;
    }
    if (flags.empty() || flags[i] != 0) {
      out.push_back(i);
      scores.push_back(static_cast<float>(by_item.row_size(i) / top));
    }
  }
  return out;
}

// Whether node ID carries the user label of KEPT's definition.
bool is_user_node(query::ExecContext& ctx, const KeptRecommender& kept, std::uint64_t id) {
  auto label = kept.definition.find("userLabel");
  auto record = storage::NodeStore(ctx.txn()).get(id);
  if (!record.ok() || label == kept.definition.end() || !label->second.is_string()) {
    return false;
  }
  auto label_id =
      storage::Catalog(ctx.txn()).lookup(storage::NameKind::Label, label->second.as_string());
  return label_id.ok() &&
         std::find(record->labels.begin(), record->labels.end(), *label_id) != record->labels.end();
}

// The topics of ITEM that USER's profile weighs most (profile weight times link weight), at
// most COUNT, heaviest first: the knowledge-graph side of an explanation.
std::vector<gpu::Contribution> topics_behind(const KeptRecommender& kept, std::uint32_t user,
                                             gpu::ItemIndex item, std::uint32_t count) {
  const gpu::SparseMatrix& links = kept.data->item_topics;
  std::vector<gpu::Contribution> out;
  for (std::uint64_t e = links.offsets()[item]; e < links.offsets()[item + 1]; ++e) {
    const float w = kept.profiles.at(user, links.columns()[e]) * links.values()[e];
    if (w > 0.0f) {
      out.push_back({links.columns()[e], w});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.index < b.index;
  });
  if (out.size() > count) {
    out.resize(count);
  }
  return out;
}

void add_recommend(query::ProcedureRegistry& registry, RecommenderCatalog& catalog) {
  registry.add(query::Procedure{
      {"rec.recommend",
       {{"model", "STRING?"}, {"user", "ANY?"}, {"configuration", "MAP?", true}},
       {{"rank", "INTEGER?"},
        {"item", "NODE?"},
        {"score", "FLOAT?"},
        {"becauseItems", "LIST? OF NODE?"},
        {"becauseTopics", "LIST? OF NODE?"},
        {"source", "STRING?"}}},
      "The best k items for a user that the user has not consumed, with the consumed items and "
      "the topics that led to each; users with little history get popular items within the "
      "topics they touched.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string procedure = "rec.recommend";
        RecommenderPtr kept = find_model(ctx, catalog, name_arg(args, procedure), procedure);
        const InteractionData& data = *kept->data;
        std::uint64_t user = node_arg(args, 1, procedure, "user");
        ConfigReader config(procedure, map_arg(args, 2, procedure));
        // A k above the catalogue size asks for every item.
        auto k = static_cast<std::uint32_t>(std::min<std::int64_t>(
            config.integer("k", 10, 1, kMaxK), static_cast<std::int64_t>(data.item_ids.size())));
        auto explain = static_cast<std::uint32_t>(config.integer("explain", 3, 0, 1000));
        std::vector<std::uint8_t> flags = candidate_filter(ctx, config, data);
        config.finish();

        Rows rows;
        std::optional<std::uint32_t> u = data.user_index(user);
        if (!u) {
          if (!is_user_node(ctx, *kept, user)) {
            fail("UnknownUser",
                 "node " + std::to_string(user) + " is not a user of model '" + kept->name + "'");
          }
          // A user who arrived after the fit: the most popular items.
          std::vector<float> scores;
          std::vector<gpu::ItemIndex> items = most_popular(data, flags, k, scores);
          for (std::size_t r = 0; r < items.size(); ++r) {
            rows.push_back({as_int(r + 1), query::NodeRef{data.item_ids[items[r]]},
                            static_cast<double>(scores[r]), query::ValueList{}, query::ValueList{},
                            std::string("popularity")});
          }
          return rows;
        }
        const bool cold = data.interactions.row_size(*u) < kept->cold_start_threshold;
        const gpu::Model& model = cold ? kept->fallback : kept->model;
        std::string source = cold ? (data.has_topics ? "popularity_in_topics" : "popularity")
                                  : gpu::model_kind_name(model.kind());
        std::vector<gpu::Recommendation> recs =
            take(gpu::recommend(model, *u, {k, flags, explain}), procedure);
        for (std::size_t r = 0; r < recs.size(); ++r) {
          if (recs[r].because_topics.empty() && data.has_topics) {
            recs[r].because_topics = topics_behind(*kept, *u, recs[r].item, explain);
          }
          rows.push_back({as_int(r + 1), query::NodeRef{data.item_ids[recs[r].item]},
                          static_cast<double>(recs[r].score),
                          node_list(recs[r].because_items, data.item_ids),
                          node_list(recs[r].because_topics, data.topic_ids), source});
        }
        return rows;
      }});

  registry.add(query::Procedure{
      {"rec.similar",
       {{"model", "STRING?"}, {"item", "ANY?"}, {"configuration", "MAP?", true}},
       {{"rank", "INTEGER?"}, {"item", "NODE?"}, {"score", "FLOAT?"}}},
      "The k items most similar to an item under a model, most similar first.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string procedure = "rec.similar";
        RecommenderPtr kept = find_model(ctx, catalog, name_arg(args, procedure), procedure);
        const InteractionData& data = *kept->data;
        std::uint64_t item = node_arg(args, 1, procedure, "item");
        ConfigReader config(procedure, map_arg(args, 2, procedure));
        // A k above the catalogue size asks for every item.
        auto k = static_cast<std::uint32_t>(std::min<std::int64_t>(
            config.integer("k", 10, 1, kMaxK), static_cast<std::int64_t>(data.item_ids.size())));
        config.finish();
        std::optional<std::uint32_t> i = data.item_index(item);
        if (!i) {
          fail("UnknownItem",
               "node " + std::to_string(item) + " is not an item of model '" + kept->name + "'");
        }
        std::vector<gpu::Contribution> similar =
            take(gpu::similar_items(kept->model, *i, k), procedure);
        Rows rows;
        for (std::size_t r = 0; r < similar.size(); ++r) {
          rows.push_back({as_int(r + 1), query::NodeRef{data.item_ids[similar[r].index]},
                          static_cast<double>(similar[r].weight)});
        }
        return rows;
      }});

  registry.add(query::Procedure{
      {"rec.profile",
       {{"model", "STRING?"}, {"user", "ANY?"}, {"configuration", "MAP?", true}},
       {{"rank", "INTEGER?"}, {"topic", "NODE?"}, {"weight", "FLOAT?"}}},
      "The topics a user's behaviour points to, with weights that sum to 1, heaviest first.",
      false,
      [&catalog](query::ExecContext& ctx, const Args& args) {
        const std::string procedure = "rec.profile";
        RecommenderPtr kept = find_model(ctx, catalog, name_arg(args, procedure), procedure);
        const InteractionData& data = *kept->data;
        std::uint64_t user = node_arg(args, 1, procedure, "user");
        ConfigReader config(procedure, map_arg(args, 2, procedure));
        auto limit = static_cast<std::uint64_t>(config.integer("limit", 10, 1, 1 << 30));
        config.finish();
        if (!data.has_topics) {
          fail("InvalidConfiguration", procedure + ": model '" + kept->name +
                                           "' has no topics (fit it with topicLabels and "
                                           "topicTypes)");
        }
        std::optional<std::uint32_t> u = data.user_index(user);
        if (!u && !is_user_node(ctx, *kept, user)) {
          fail("UnknownUser",
               "node " + std::to_string(user) + " is not a user of model '" + kept->name + "'");
        }
        Rows rows;
        if (!u) {
          return rows;
        }
        const gpu::SparseMatrix& p = kept->profiles;
        std::vector<gpu::Contribution> topics;
        for (std::uint64_t e = p.offsets()[*u]; e < p.offsets()[*u + 1]; ++e) {
          topics.push_back({p.columns()[e], p.values()[e]});
        }
        std::sort(topics.begin(), topics.end(), [](const auto& a, const auto& b) {
          return a.weight != b.weight ? a.weight > b.weight : a.index < b.index;
        });
        for (std::size_t r = 0; r < topics.size() && r < limit; ++r) {
          rows.push_back({as_int(r + 1), query::NodeRef{data.topic_ids[topics[r].index]},
                          static_cast<double>(topics[r].weight)});
        }
        return rows;
      }});
}

// Reads the `split` map: method (RANDOM or LATEST), testFraction, seed.
gpu::SplitConfig read_split(ConfigReader& config) {
  query::Value value = config.raw("split");
  if (!value.is_null() && !value.is_map()) {
    config.invalid("'split' must be a map such as {method: 'random', testFraction: 0.2, seed: 1}");
  }
  ConfigReader split(config.procedure() + " split",
                     value.is_map() ? value.as_map() : query::ValueMap{});
  gpu::SplitConfig out;
  out.method = split.choice("method", "RANDOM", {"RANDOM", "LATEST"}) == "LATEST"
                   ? gpu::SplitMethod::kLatest
                   : gpu::SplitMethod::kRandomHoldout;
  out.test_fraction = split.number("testFraction", 0.2, 1e-9, 1.0 - 1e-9);
  out.seed = static_cast<std::uint64_t>(
      split.integer("seed", 1, 0, std::numeric_limits<std::int64_t>::max()));
  split.finish();
  return out;
}

// The interactions of CONFIG's spec, split as its `split` key says.
struct SplitCall {
  std::shared_ptr<InteractionData> data;
  gpu::Split split;
};

SplitCall split_call(query::ExecContext& ctx, ConfigReader& config, const InteractionSpec& spec,
                     gpu::SplitConfig split) {
  SplitCall out;
  out.data = std::make_shared<InteractionData>(read_interactions(ctx.txn(), spec));
  if (split.method == gpu::SplitMethod::kLatest) {
    if (spec.timestamp_property.empty()) {
      config.invalid("the latest-by-time split needs 'timestampProperty'");
    }
    split.timestamps = out.data->timestamps;
  }
  out.split = take(gpu::split_interactions(out.data->interactions, split), "split");
  return out;
}

// Integer property KEY of every node in IDS, for the exported split; the node ids when KEY is
// empty.
std::vector<std::int64_t> export_ids(query::ExecContext& ctx, ConfigReader& config,
                                     const std::vector<std::uint64_t>& ids,
                                     const std::string& key) {
  std::vector<std::int64_t> out;
  std::optional<storage::PropertyKeyId> key_id;
  if (!key.empty()) {
    auto id = storage::Catalog(ctx.txn()).lookup(storage::NameKind::PropertyKey, key);
    if (!id.ok()) {
      config.invalid("no node has the property '" + key + "'");
    }
    key_id = *id;
  }
  storage::NodeStore nodes(ctx.txn());
  for (std::uint64_t id : ids) {
    if (!key_id) {
      out.push_back(static_cast<std::int64_t>(id));
      continue;
    }
    storage::PropertyValue v = query::unwrap(nodes.property(id, *key_id));
    if (!v.is_int()) {
      config.invalid("node " + std::to_string(id) + " has no integer property '" + key + "'");
    }
    out.push_back(v.as_int());
  }
  return out;
}

void add_evaluation(query::ProcedureRegistry& registry) {
  registry.add(query::Procedure{
      {"rec.evaluate",
       {{"configuration", "MAP?"}},
       {{"model", "STRING?"},
        {"k", "INTEGER?"},
        {"users", "INTEGER?"},
        {"precision", "FLOAT?"},
        {"recall", "FLOAT?"},
        {"ndcg", "FLOAT?"},
        {"hitRate", "FLOAT?"},
        {"coverage", "FLOAT?"},
        {"popularityBias", "FLOAT?"},
        {"fitMillis", "FLOAT?"}}},
      "Splits every user's interactions (seeded random holdout or latest by time), fits each "
      "listed model on the train part, ranks all items and reports ranking metrics at each "
      "cut-off, a row per model and cut-off.",
      false,
      [](query::ExecContext& ctx, const Args& args) {
        const std::string procedure = "rec.evaluate";
        ConfigReader config(procedure, map_arg(args, 0, procedure));
        InteractionSpec spec = read_interaction_spec(config);
        gpu::SplitConfig split = read_split(config);
        std::vector<std::uint32_t> cutoffs;
        for (double c : config.numbers("cutoffs")) {
          if (c < 1 || c != std::floor(c) || c > 1e6) {
            config.invalid("'cutoffs' must be whole numbers of at least 1");
          }
          cutoffs.push_back(static_cast<std::uint32_t>(c));
        }
        if (cutoffs.empty()) {
          cutoffs = {10, 20};
        }
        query::Value models = config.raw("models");
        if (!models.is_list() || models.as_list().empty()) {
          config.invalid(
              "'models' lists the models to evaluate, each a family name or a configuration "
              "map such as {model: 'ease', lambda: 300, name: 'ease300'}");
        }
        config.finish();

        SplitCall call = split_call(ctx, config, spec, split);
        Rows rows;
        for (std::size_t m = 0; m < models.as_list().size(); ++m) {
          const query::Value& entry = models.as_list()[m];
          query::ValueMap model_config;
          if (entry.is_string()) {
            model_config["model"] = entry;
          } else if (entry.is_map()) {
            model_config = entry.as_map();
          } else {
            config.invalid("every entry of 'models' must be a family name or a map");
          }
          ConfigReader reader(procedure + " model " + std::to_string(m + 1), model_config);
          std::string label = reader.string("name", "");
          Clock::time_point start = Clock::now();
          gpu::Model model = fit_model(reader, *call.data, call.split.train);
          double fit = millis_since(start);
          reader.finish();
          label = label.empty() ? gpu::model_kind_name(model.kind()) : label;
          for (std::uint32_t c : cutoffs) {
            if (c > call.data->item_ids.size()) {
              config.invalid("cut-off " + std::to_string(c) + " exceeds the item count " +
                             std::to_string(call.data->item_ids.size()));
            }
          }
          gpu::Evaluation e =
              take(gpu::evaluate(model, call.split.test, {.cutoffs = cutoffs}), "evaluation");
          for (const gpu::MetricsAtK& at : e.at) {
            rows.push_back({label, static_cast<std::int64_t>(at.k), as_int(e.users), at.precision,
                            at.recall, at.ndcg, at.hit_rate, at.coverage, at.popularity_bias, fit});
          }
        }
        return rows;
      }});

  registry.add(query::Procedure{
      {"rec.exportSplit",
       {{"configuration", "MAP?"}},
       {{"path", "STRING?"},
        {"users", "INTEGER?"},
        {"trainInteractions", "INTEGER?"},
        {"testInteractions", "INTEGER?"}}},
      "Writes the split rec.evaluate makes from the same configuration to a CSV file "
      "(user,item,set), so that other tools can score the same one.",
      false,
      [](query::ExecContext& ctx, const Args& args) {
        const std::string procedure = "rec.exportSplit";
        ConfigReader config(procedure, map_arg(args, 0, procedure));
        InteractionSpec spec = read_interaction_spec(config);
        gpu::SplitConfig split = read_split(config);
        std::string named = config.string("path", "");
        if (named.empty()) {
          config.invalid("'path' names the CSV file to write and is required");
        }
        // The file rules of LOAD CSV hold for the file written: quiverd confines both to its
        // --import-dir.
        std::string path = query::permitted_file(ctx.file_access(), named).string();
        std::string user_key = config.string("userIdProperty", "");
        std::string item_key = config.string("itemIdProperty", "");
        config.finish();
        SplitCall call = split_call(ctx, config, spec, split);
        std::vector<std::int64_t> users = export_ids(ctx, config, call.data->user_ids, user_key);
        std::vector<std::int64_t> items = export_ids(ctx, config, call.data->item_ids, item_key);
        gpu::Status written = gpu::write_split_csv(call.split, path, users, items);
        if (!written.ok()) {
          fail("ExportFailed", procedure + ": " + written.error().message);
        }
        return Rows{{path, as_int(call.data->user_ids.size()),
                     as_int(call.split.train.entry_count()),
                     as_int(call.split.test.entry_count())}};
      },
      /*changes_state=*/true});
}

}  // namespace

void add_recommend_procedures(query::ProcedureRegistry& registry, RecommenderCatalog& catalog) {
  add_fit(registry, catalog);
  add_catalogue(registry, catalog);
  add_recommend(registry, catalog);
  add_evaluation(registry);
}

}  // namespace quiver::algo
