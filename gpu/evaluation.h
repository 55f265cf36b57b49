#pragma once

// Offline evaluation of recommenders: a deterministic train/test split per user, ranking
// metrics at several cut-offs, and a CSV export of the split for other tools.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gpu/interactions.h"
#include "gpu/recommend.h"
#include "gpu/result.h"

namespace quiver::gpu {

// How split_interactions() picks each user's test entries.
enum class SplitMethod {
  kRandomHoldout,  // a seeded random choice per user
  kLatest,         // the latest by timestamp (ties: the larger item index is later)
};

// Parameters of split_interactions(); plain data. timestamps is borrowed for the call only.
struct SplitConfig {
  SplitMethod method = SplitMethod::kRandomHoldout;
  // Share of each user's entries held out, rounded to the nearest count and capped so that at
  // least one entry stays in train; in (0, 1). Users with a single entry keep it in train.
  double test_fraction = 0.2;
  // Drives kRandomHoldout: entry (u, i) is ranked by splitmix64(seed ^ (u << 32 | i)).
  std::uint64_t seed = 1;
  // For kLatest: one timestamp per entry of the matrix, in entry order (see entry_timestamps).
  std::span<const std::int64_t> timestamps = {};
};

// The two halves of a split; same shape as the input, every entry in exactly one of them.
struct Split {
  SparseMatrix train;
  SparseMatrix test;
};

// Splits every user's entries into train and test. Deterministic for a seed and independent of
// the backend and thread count. Errors: InvalidArgument (fraction, missing or misaligned
// timestamps), OutOfMemory, BackendUnavailable.
Result<Split> split_interactions(const SparseMatrix& interactions, const SplitConfig& config);

// One timestamp per entry of MATRIX, from (rows[i], columns[i], timestamps[i]) triples as given
// to SparseMatrix::from_triples: an entry merged from several triples takes the latest. Errors:
// InvalidArgument when the lists differ in length or a triple is not an entry of the matrix.
Result<std::vector<std::int64_t>> entry_timestamps(const SparseMatrix& matrix,
                                                   std::span<const std::uint32_t> rows,
                                                   std::span<const std::uint32_t> columns,
                                                   std::span<const std::int64_t> timestamps);

// Writes the split to PATH as CSV with the header "user,item,set" and one line per entry, set
// being train or test, ordered by user, then item. user_ids and item_ids, when not empty, map
// dense indices to the identifiers written (one per user, one per item). Errors:
// InvalidArgument (id list sizes), Internal when the file cannot be written.
Status write_split_csv(const Split& split, const std::string& path,
                       std::span<const std::int64_t> user_ids = {},
                       std::span<const std::int64_t> item_ids = {});

// Ranking quality at one cut-off k, averaged over the users evaluated.
struct MetricsAtK {
  std::uint32_t k = 0;
  double precision = 0;  // hits / k
  double recall = 0;     // hits / |test items|
  double ndcg = 0;       // DCG of the hits, binary gains, over the DCG of an ideal list
  double hit_rate = 0;   // share of users with at least one hit
  double coverage = 0;   // distinct items recommended to anyone / item count
  // Mean, over every recommended slot, of the share of train users who consumed that item.
  double popularity_bias = 0;
};

// Metrics of one model on one split.
struct Evaluation {
  std::uint64_t users = 0;  // users with at least one test entry: the ones evaluated
  std::vector<MetricsAtK> at;
};

// Parameters of evaluate(); plain data.
struct EvaluationConfig {
  // Cut-offs, each in [1, item_count]; at least one.
  std::vector<std::uint32_t> cutoffs = {10, 20};
  // Bounds the dense score rows held at once; >= 1.
  std::uint64_t max_batch_cells = std::uint64_t{1} << 24;
};

// Scores RANKED lists (as recommend_all returns them for USERS) against TEST; TRAIN gives the
// popularity of items. Lists are cut at each cut-off (a cut-off above ranked.k sees the list).
// Users of USERS without test entries are skipped. Errors: InvalidArgument (shapes, cut-offs).
Result<Evaluation> evaluate_rankings(const RankedLists& ranked, std::span<const UserIndex> users,
                                     const SparseMatrix& test, const SparseMatrix& train,
                                     const std::vector<std::uint32_t>& cutoffs);

// Ranks every item not in the model's train interactions for every user with test entries and
// scores the lists. MODEL must be fitted on the train half of the split TEST belongs to. Errors:
// InvalidArgument (shapes, cut-offs), OutOfMemory, BackendUnavailable.
Result<Evaluation> evaluate(const Model& model, const SparseMatrix& test,
                            const EvaluationConfig& config = {});

}  // namespace quiver::gpu
