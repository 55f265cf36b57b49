#pragma once

// Recommendation models fitted on a users x items interaction matrix (implicit feedback: every
// stored entry is a positive interaction whose value weighs it), and top-k recommendation with
// explanations. The algorithms are specified in docs/recommendation.md.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "gpu/interactions.h"
#include "gpu/result.h"

namespace quiver::gpu {

namespace detail {
class ModelState;
}  // namespace detail

// Which algorithm a Model holds.
enum class ModelKind {
  kItemKnn,     // item-based collaborative filtering on cosine item-item similarity
  kRp3Beta,     // three-step random walk user -> item -> user (or topic) -> item
  kEase,        // dense item-item linear model with a closed-form solution
  kIals,        // implicit alternating least squares matrix factorisation
  kPopularity,  // global popularity, or popularity within the topics a user touched
  kHybrid,      // weighted blend of the normalised scores of other models
  kEmbedding,   // cosine between item vectors and the user's consumed-item vectors
};

// A stable lower-case name for KIND ("item_knn", "rp3beta", ...). Thread-safe.
const char* model_kind_name(ModelKind kind);

// A fitted model. Cheap to copy (copies share the immutable fitted state); thread-safe for
// concurrent recommend calls. It keeps its own copy of the interactions it was fitted on, which
// are the history its users are scored from and whose items recommend() leaves out.
class Model {
 public:
  // What algorithm this is.
  ModelKind kind() const;

  // Users and items of the interactions the model was fitted on.
  std::uint64_t user_count() const;
  std::uint64_t item_count() const;

  // The interactions the model was fitted on.
  const SparseMatrix& interactions() const;

  // Internal: wraps a fitted state. Used by the fit functions only.
  explicit Model(std::shared_ptr<const detail::ModelState> state) : state_(std::move(state)) {}

  // Internal: the fitted state.
  const detail::ModelState& state() const { return *state_; }

 private:
  std::shared_ptr<const detail::ModelState> state_;
};

// Parameters of fit_item_knn(); plain data.
struct ItemKnnConfig {
  // Most similar items kept per item; >= 1.
  std::uint32_t neighbours = 100;
  // Added to the cosine denominator, damping similarities resting on few co-occurrences; >= 0.
  float shrink = 10.0f;
  // Bounds the dense scratch rows held at once (items x rows cells); >= 1.
  std::uint64_t max_batch_cells = std::uint64_t{1} << 24;
};

// Item-based collaborative filtering. sim(i, j) = <x_i, x_j> / (|x_i| |x_j| + shrink) over the
// item columns x of the interactions; each item keeps its `neighbours` best items (itself
// excluded). score(u, i) = sum over consumed j of r_uj sim(j, i) for i among j's neighbours.
// Errors: InvalidArgument (config), OutOfMemory, BackendUnavailable. Deterministic.
Result<Model> fit_item_knn(const SparseMatrix& interactions, const ItemKnnConfig& config = {});

// Parameters of fit_rp3beta(); plain data.
struct Rp3BetaConfig {
  // Exponent applied to every transition probability; > 0.
  float alpha = 1.0f;
  // Popularity penalty: arrival at item i is divided by degree(i)^beta; in [0, 1].
  float beta = 0.5f;
  // Best items kept per item; >= 1.
  std::uint32_t neighbours = 100;
  // Share of the middle step taken through topics instead of users; in [0, 1], and 0 unless
  // item_topics are given.
  float topic_weight = 0.0f;
  // Bounds the dense scratch rows held at once; >= 1.
  std::uint64_t max_batch_cells = std::uint64_t{1} << 24;
};

// RP3beta graph walk. With P_ui the row-normalised interactions, P_iu the row-normalised
// transpose and P_it, P_ti the same for item_topics, the item-item walk is
// W(j, i) = ((1 - g) sum_u P_ju^a P_ui^a + g sum_t P_jt^a P_ti^a) / degree(i)^beta, g the topic
// weight, pruned to the best `neighbours` per j. score(u, i) = sum_j P_uj^a W(j, i).
// item_topics (items x topics) may be null. Errors: InvalidArgument (config, shapes),
// OutOfMemory, BackendUnavailable. Deterministic.
Result<Model> fit_rp3beta(const SparseMatrix& interactions, const Rp3BetaConfig& config = {},
                          const SparseMatrix* item_topics = nullptr);

// Parameters of fit_ease(); plain data.
struct EaseConfig {
  // L2 regularisation added to the Gram matrix diagonal; > 0.
  double lambda = 500.0;
  // Items with fewer interactions are left out of the dense model (they score 0); >= 1.
  std::uint32_t min_item_support = 1;
  // Upper bound on the dense working memory (8 n^2 bytes for n modelled items); >= 1.
  std::uint64_t max_bytes = std::uint64_t{4} << 30;
};

// EASE: with G = X^T X over the modelled items and P = (G + lambda I)^-1, B = I - P / diag(P)
// (column j divided by P_jj, so diag(B) = 0). score(u, i) = sum_j x_uj B(j, i). The inverse is
// a Cholesky factorisation and inversion by LAPACK on the host. Errors: InvalidArgument
// (config), OutOfMemory (8 n^2 bytes over max_bytes, named in the message, or an allocation
// failed), Internal when LAPACK fails, BackendUnavailable. Deterministic.
Result<Model> fit_ease(const SparseMatrix& interactions, const EaseConfig& config = {});

// Parameters of fit_ials(); plain data.
struct IalsConfig {
  // Latent dimension; in [1, 256].
  std::uint32_t factors = 64;
  // Confidence of an interaction of value r is 1 + alpha r; >= 0.
  float alpha = 10.0f;
  // L2 regularisation of both factor matrices; > 0.
  float regularization = 0.1f;
  // Alternating sweeps (users, then items); >= 1.
  std::uint32_t iterations = 15;
  // Conjugate-gradient steps per row solve, warm-started from the previous factors; >= 1.
  std::uint32_t cg_steps = 3;
  // Seeds the initial factors: entry f of row r of the user (side 0) or item (side 1) matrix
  // starts at init_scale * (2 u - 1), u = splitmix64(seed + side * 2^40 + r * factors + f) / 2^64.
  std::uint64_t seed = 42;
  float init_scale = 0.01f;
};

// Implicit ALS (Hu, Koren, Volinsky): minimises sum over all (u, i) of c_ui (p_ui - x_u y_i)^2
// + reg (|X|^2 + |Y|^2), p_ui = 1 for stored entries and 0 elsewhere. Each sweep updates every
// user row, then every item row, with cg_steps steps of conjugate gradient on its normal
// equations. score(u, i) = x_u . y_i. Errors: InvalidArgument (config), OutOfMemory,
// BackendUnavailable. Deterministic for a seed on one backend.
Result<Model> fit_ials(const SparseMatrix& interactions, const IalsConfig& config = {});

// Parameters of fit_popularity(); plain data.
struct PopularityConfig {
  // Score items by their popularity times the user's affinity to their topics (needs
  // item_topics); items outside the user's topics, and users without a profile, fall back to
  // global popularity ranked below them.
  bool within_user_topics = false;
};

// Popularity: p(i) = users who interacted with i over the most any item has. The cold-start
// fallback. Within topics, with a(u, i) = sum over i's topic links t of profile(u, t) times the
// link's share of i's links, items with a > 0 score 2 + a p(i) and the others p(i).
// item_topics may be null unless within_user_topics. Errors: InvalidArgument, OutOfMemory,
// BackendUnavailable. Deterministic.
Result<Model> fit_popularity(const SparseMatrix& interactions, const PopularityConfig& config = {},
                             const SparseMatrix* item_topics = nullptr);

// Embedding similarity: with v_i item i's vector scaled to unit length (a zero vector stays
// zero), the user's vector p_u = sum over consumed j of x_uj v_j, and score(u, i) = p_u . v_i /
// |p_u| (0 for a user whose vector is zero), the cosine of the user's taste and the item.
// Explanations name the consumed items j with the largest x_uj cos(v_j, v_i). ITEM_VECTORS is
// row-major, item_count rows of DIMENSION finite values (for example FastRP embeddings of the
// items). Errors: InvalidArgument (dimension 0, a vector list of another size, a value that is
// not finite), OutOfMemory, BackendUnavailable. Deterministic.
Result<Model> fit_embedding(const SparseMatrix& interactions, std::span<const float> item_vectors,
                            std::uint32_t dimension);

// One member of a hybrid and its blending weight (finite, >= 0, not all zero).
struct HybridPart {
  Model model;
  float weight = 1.0f;
};

// A hybrid that scores a user with every part, scales each part's scores over the items not yet
// consumed to [0, 1] (min-max), and sums them with the weights. Explanations come from the
// heaviest part that gives any. Errors: InvalidArgument (no parts, bad weights, parts fitted on
// interactions of different shapes). The parts are shared, not copied.
Result<Model> fit_hybrid(std::vector<HybridPart> parts);

// Why an item was recommended: a consumed item (or topic) and its share of the score.
struct Contribution {
  std::uint32_t index;
  float weight;
};

// One recommended item.
struct Recommendation {
  ItemIndex item;
  float score;
  // The consumed items that contribute most, largest first (item-item models only).
  std::vector<Contribution> because_items;
  // The topics of the item the user's profile weighs most, largest first (models given topics).
  std::vector<Contribution> because_topics;
};

// What recommend() returns; plain data.
struct RecommendRequest {
  // Items returned at most; in [1, item_count].
  std::uint32_t k = 10;
  // When not empty: item_count flags, nonzero for items that may be recommended.
  std::span<const std::uint8_t> candidates = {};
  // Contributions reported per explanation list; 0 leaves them empty.
  std::uint32_t explain = 3;
};

// Scores of every item for USER, before any item is excluded. Errors: InvalidArgument (user out
// of range), OutOfMemory, BackendUnavailable. Thread-safe.
Result<std::vector<float>> score_items(const Model& model, UserIndex user);

// The best request.k items for USER by descending score (ties by ascending item), leaving out
// items the user already consumed, items not in the candidate filter and items scoring -inf or
// NaN; fewer when fewer remain. Errors: InvalidArgument (user, k, filter size), OutOfMemory,
// BackendUnavailable. Thread-safe.
Result<std::vector<Recommendation>> recommend(const Model& model, UserIndex user,
                                              const RecommendRequest& request = {});

// The K items most similar to ITEM under MODEL, most similar first (ties by ascending item),
// ITEM itself and items the model relates by no value left out; each Contribution names an item
// and its similarity. Item-item models read their item-item matrix (EASE its weight row, which
// may be negative), iALS and embedding models the cosine of their item vectors, a hybrid blends
// its parts' similarities scaled to [0, 1]. Errors: InvalidArgument (item out of range, k
// outside [1, item_count], a popularity model, which relates no items). Thread-safe.
Result<std::vector<Contribution>> similar_items(const Model& model, ItemIndex item,
                                                std::uint32_t k);

// Top-k lists of many users at once, row-major: list r (for users[r]) is items[r * k ..
// r * k + counts[r]), with its scores at the same positions.
struct RankedLists {
  std::uint32_t k = 0;
  std::vector<ItemIndex> items;
  std::vector<float> scores;
  std::vector<std::uint32_t> counts;
};

// recommend() without explanations for every user in USERS, scored in batches whose dense score
// rows stay under max_batch_cells cells. Same errors as recommend(). Thread-safe.
Result<RankedLists> recommend_all(const Model& model, std::span<const UserIndex> users,
                                  std::uint32_t k, std::span<const std::uint8_t> candidates = {},
                                  std::uint64_t max_batch_cells = std::uint64_t{1} << 24);

}  // namespace quiver::gpu
