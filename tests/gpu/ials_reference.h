#pragma once

// A plain single-threaded implicit ALS in double precision: the seeded start documented on
// IalsConfig, then per sweep every user row and every item row takes cg_steps conjugate-gradient
// steps on its normal equations, solved with explicitly formed matrices.

#include <cstdint>
#include <vector>

#include "gpu/interactions.h"
#include "gpu/recommend.h"
#include "recommend_reference.h"

namespace quiver::gpu::testing {

inline std::uint64_t reference_splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

inline Dense ials_start(std::uint64_t rows, const IalsConfig& config, std::uint64_t side) {
  Dense f(rows, std::vector<double>(config.factors));
  for (std::uint64_t r = 0; r < rows; ++r) {
    for (std::uint32_t a = 0; a < config.factors; ++a) {
      const std::uint64_t h =
          reference_splitmix64(config.seed + (side << 40) + r * config.factors + a);
      const double u = static_cast<double>(h) / 18446744073709551616.0;
      f[r][a] = static_cast<float>(config.init_scale * (2.0 * u - 1.0));
    }
  }
  return f;
}

// Updates every row of SELF from the entries of M (rows of SELF x rows of OTHER).
inline void ials_half_sweep(const SparseMatrix& m, const Dense& other, Dense& self,
                            const IalsConfig& config) {
  const std::size_t f = config.factors;
  for (std::uint64_t r = 0; r < m.row_count(); ++r) {
    Dense a(f, std::vector<double>(f, 0.0));
    std::vector<double> b(f, 0.0);
    for (std::size_t p = 0; p < f; ++p) {
      for (std::size_t q = 0; q < f; ++q) {
        for (const auto& y : other) {
          a[p][q] += y[p] * y[q];
        }
      }
      a[p][p] += config.regularization;
    }
    for (std::uint64_t e = m.offsets()[r]; e < m.offsets()[r + 1]; ++e) {
      const auto& y = other[m.columns()[e]];
      const double c = 1.0 + config.alpha * m.values()[e];
      for (std::size_t p = 0; p < f; ++p) {
        b[p] += c * y[p];
        for (std::size_t q = 0; q < f; ++q) {
          a[p][q] += (c - 1.0) * y[p] * y[q];
        }
      }
    }

    std::vector<double>& x = self[r];
    std::vector<double> res(f);
    for (std::size_t p = 0; p < f; ++p) {
      res[p] = b[p];
      for (std::size_t q = 0; q < f; ++q) {
        res[p] -= a[p][q] * x[q];
      }
    }
    std::vector<double> dir = res;
    double rs = 0;
    for (double v : res) {
      rs += v * v;
    }
    for (std::uint32_t s = 0; s < config.cg_steps && rs > 1e-20; ++s) {
      std::vector<double> ad(f, 0.0);
      double curvature = 0;
      for (std::size_t p = 0; p < f; ++p) {
        for (std::size_t q = 0; q < f; ++q) {
          ad[p] += a[p][q] * dir[q];
        }
        curvature += dir[p] * ad[p];
      }
      const double step = rs / curvature;
      double next = 0;
      for (std::size_t p = 0; p < f; ++p) {
        x[p] += step * dir[p];
        res[p] -= step * ad[p];
        next += res[p] * res[p];
      }
      for (std::size_t p = 0; p < f; ++p) {
        dir[p] = res[p] + next / rs * dir[p];
      }
      rs = next;
    }
  }
}

inline Dense ials_scores(const SparseMatrix& x, const IalsConfig& config) {
  Dense users = ials_start(x.row_count(), config, 0);
  Dense items = ials_start(x.column_count(), config, 1);
  const SparseMatrix xt = x.transposed();
  for (std::uint32_t it = 0; it < config.iterations; ++it) {
    ials_half_sweep(x, items, users, config);
    ials_half_sweep(xt, users, items, config);
  }
  return multiply(users, transpose(items));
}

}  // namespace quiver::gpu::testing
