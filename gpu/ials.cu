// Implicit ALS. Each half-sweep fixes one factor matrix, forms its Gram matrix once, and solves
// every row of the other side independently (one thread per row) with a few warm-started
// conjugate-gradient steps; the system matrix is never formed, only applied to a vector.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <cmath>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

namespace quiver::gpu {
namespace {

constexpr std::uint32_t kMaxFactors = 256;

// Entry c of the seeded initial factors of one side.
struct InitialFactor {
  std::uint64_t seed;
  std::uint64_t side;
  float scale;
  float* out;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const std::uint64_t h = detail::splitmix64(seed + (side << 40) + c);
    const double u = static_cast<double>(h) * (1.0 / 18446744073709551616.0);
    out[c] = static_cast<float>(scale * (2.0 * u - 1.0));
  }
};

// Cell (a, b) of F^T F for a factor matrix F of `rows` rows.
struct GramCell {
  const float* factors;
  std::uint64_t rows;
  std::uint32_t f;
  float* gram;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const std::uint64_t a = c / f;
    const std::uint64_t b = c % f;
    float sum = 0.0f;
    for (std::uint64_t r = 0; r < rows; ++r) {
      sum += factors[r * f + a] * factors[r * f + b];
    }
    gram[c] = sum;
  }
};

// Updates row r of SELF: cg_steps of conjugate gradient on (G + reg I + sum_i (c_i - 1) y_i y_i^T)
// x = sum_i c_i y_i, the sums over the entries i of row r, y the rows of OTHER, c = 1 + alpha v.
struct SolveRow {
  detail::SparseView entries;
  const float* other;
  const float* gram;
  float* self;
  std::uint32_t f;
  float alpha;
  float reg;
  std::uint32_t steps;

  QUIVER_HD void apply(std::uint64_t r, const float* v, float* out) const {
    for (std::uint32_t a = 0; a < f; ++a) {
      float sum = reg * v[a];
      for (std::uint32_t b = 0; b < f; ++b) {
        sum += gram[a * f + b] * v[b];
      }
      out[a] = sum;
    }
    for (std::uint64_t e = entries.offsets[r]; e < entries.offsets[r + 1]; ++e) {
      const float* y = other + std::uint64_t{entries.columns[e]} * f;
      float dot = 0.0f;
      for (std::uint32_t a = 0; a < f; ++a) {
        dot += y[a] * v[a];
      }
      const float scale = alpha * entries.values[e] * dot;
      for (std::uint32_t a = 0; a < f; ++a) {
        out[a] += scale * y[a];
      }
    }
  }

  QUIVER_HD void operator()(std::uint64_t r) const {
    float* x = self + r * f;
    float residual[kMaxFactors];
    float direction[kMaxFactors];
    float product[kMaxFactors];

    // residual = b - A x, with b = sum of (1 + alpha v) y.
    apply(r, x, product);
    for (std::uint32_t a = 0; a < f; ++a) {
      residual[a] = -product[a];
    }
    for (std::uint64_t e = entries.offsets[r]; e < entries.offsets[r + 1]; ++e) {
      const float* y = other + std::uint64_t{entries.columns[e]} * f;
      const float confidence = 1.0f + alpha * entries.values[e];
      for (std::uint32_t a = 0; a < f; ++a) {
        residual[a] += confidence * y[a];
      }
    }

    float rs = 0.0f;
    for (std::uint32_t a = 0; a < f; ++a) {
      direction[a] = residual[a];
      rs += residual[a] * residual[a];
    }
    for (std::uint32_t s = 0; s < steps && rs > 1e-20f; ++s) {
      apply(r, direction, product);
      float curvature = 0.0f;
      for (std::uint32_t a = 0; a < f; ++a) {
        curvature += direction[a] * product[a];
      }
      const float step = rs / curvature;
      float next_rs = 0.0f;
      for (std::uint32_t a = 0; a < f; ++a) {
        x[a] += step * direction[a];
        residual[a] -= step * product[a];
        next_rs += residual[a] * residual[a];
      }
      for (std::uint32_t a = 0; a < f; ++a) {
        direction[a] = residual[a] + (next_rs / rs) * direction[a];
      }
      rs = next_rs;
    }
  }
};

// Cell c = (r, i): x_{users[r]} . y_i.
struct FactorScore {
  const float* user_factors;
  const float* item_factors;
  const UserIndex* users;
  std::uint64_t items;
  std::uint32_t f;
  float* out;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const float* x = user_factors + std::uint64_t{users[c / items]} * f;
    const float* y = item_factors + (c % items) * f;
    float sum = 0.0f;
    for (std::uint32_t a = 0; a < f; ++a) {
      sum += x[a] * y[a];
    }
    out[c] = sum;
  }
};

class IalsState final : public detail::ModelState {
 public:
  IalsState(const SparseMatrix& interactions, detail::DeviceVector<float> users,
            detail::DeviceVector<float> items, std::uint32_t factors)
      : detail::ModelState(interactions),
        users_(std::move(users)),
        items_(std::move(items)),
        factors_(factors) {}

  ModelKind kind() const override { return ModelKind::kIals; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                     thrust::counting_iterator<std::uint64_t>(out.size()),
                     FactorScore{detail::raw(users_), detail::raw(items_), detail::raw(users),
                                 item_count(), factors_, detail::raw(out)});
  }

  // Cosine of the item factor vectors.
  bool item_similarity(ItemIndex item, std::vector<float>& out) const override {
    const std::vector<float> factors = detail::to_host(items_);
    out.resize(item_count());
    for (std::uint64_t i = 0; i < item_count(); ++i) {
      out[i] = detail::row_cosine(factors, factors_, item, i);
    }
    return true;
  }

 private:
  detail::DeviceVector<float> users_;
  detail::DeviceVector<float> items_;
  std::uint32_t factors_;
};

// Solves every row of SELF against OTHER (rows_of_other rows).
void half_sweep(const detail::DeviceSparse& entries, const detail::DeviceVector<float>& other,
                std::uint64_t rows_of_other, detail::DeviceVector<float>& self,
                detail::DeviceVector<float>& gram, const IalsConfig& config) {
  const std::uint32_t f = config.factors;
  auto begin = thrust::counting_iterator<std::uint64_t>(0);
  thrust::for_each(begin, begin + std::uint64_t{f} * f,
                   GramCell{detail::raw(other), rows_of_other, f, detail::raw(gram)});
  thrust::for_each(
      begin, begin + entries.rows,
      SolveRow{detail::view(entries), detail::raw(other), detail::raw(gram), detail::raw(self), f,
               config.alpha, config.regularization, config.cg_steps});
}

}  // namespace

Result<Model> fit_ials(const SparseMatrix& interactions, const IalsConfig& config) {
  if (config.factors < 1 || config.factors > kMaxFactors) {
    return invalid_argument("ials factors must lie in [1, 256], got " +
                            std::to_string(config.factors));
  }
  if (!(config.alpha >= 0.0f) || !std::isfinite(config.alpha)) {
    return invalid_argument("ials alpha must be finite and at least 0");
  }
  if (!(config.regularization > 0.0f) || !std::isfinite(config.regularization)) {
    return invalid_argument("ials regularization must be finite and above 0");
  }
  if (config.iterations < 1 || config.cg_steps < 1) {
    return invalid_argument("ials iterations and cg_steps must be at least 1");
  }
  if (!(config.init_scale >= 0.0f) || !std::isfinite(config.init_scale)) {
    return invalid_argument("ials init_scale must be finite and at least 0");
  }

  return detail::run_guarded("ials", [&]() -> Result<Model> {
    const std::uint64_t users = interactions.row_count();
    const std::uint64_t items = interactions.column_count();
    const std::uint32_t f = config.factors;
    detail::DeviceSparse by_user = detail::upload(interactions);
    detail::DeviceSparse by_item = detail::upload(interactions.transposed());
    detail::DeviceVector<float> user_factors(users * f);
    detail::DeviceVector<float> item_factors(items * f);
    detail::DeviceVector<float> gram(std::uint64_t{f} * f);

    auto begin = thrust::counting_iterator<std::uint64_t>(0);
    thrust::for_each(begin, begin + users * f,
                     InitialFactor{config.seed, 0, config.init_scale, detail::raw(user_factors)});
    thrust::for_each(begin, begin + items * f,
                     InitialFactor{config.seed, 1, config.init_scale, detail::raw(item_factors)});

    for (std::uint32_t it = 0; it < config.iterations; ++it) {
      half_sweep(by_user, item_factors, items, user_factors, gram, config);
      half_sweep(by_item, user_factors, users, item_factors, gram, config);
    }
    return Model(std::make_shared<IalsState>(interactions, std::move(user_factors),
                                             std::move(item_factors), f));
  });
}

}  // namespace quiver::gpu
