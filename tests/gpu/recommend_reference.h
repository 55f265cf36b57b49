#pragma once

// Plain single-threaded reference implementations of the recommenders, written from the
// formulas in docs/recommendation.md on dense double matrices, for the tests to hold the
// kernels against. Speed does not matter here; clarity does.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "gpu/interactions.h"
#include "gpu/recommend.h"

namespace quiver::gpu::testing {

using Dense = std::vector<std::vector<double>>;

inline Dense dense(const SparseMatrix& m) {
  Dense out(m.row_count(), std::vector<double>(m.column_count(), 0.0));
  for (std::uint64_t r = 0; r < m.row_count(); ++r) {
    for (std::uint64_t e = m.offsets()[r]; e < m.offsets()[r + 1]; ++e) {
      out[r][m.columns()[e]] = m.values()[e];
    }
  }
  return out;
}

inline Dense transpose(const Dense& a) {
  Dense out(a.empty() ? 0 : a[0].size(), std::vector<double>(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      out[j][i] = a[i][j];
    }
  }
  return out;
}

inline Dense multiply(const Dense& a, const Dense& b) {
  Dense out(a.size(), std::vector<double>(b.empty() ? 0 : b[0].size(), 0.0));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t m = 0; m < b.size(); ++m) {
      for (std::size_t j = 0; a[i][m] != 0.0 && j < b[m].size(); ++j) {
        out[i][j] += a[i][m] * b[m][j];
      }
    }
  }
  return out;
}

// Keeps the K largest positive entries of every row (itself excluded), ties by ascending column.
inline Dense prune_rows(Dense w, std::uint32_t k) {
  for (std::size_t j = 0; j < w.size(); ++j) {
    w[j][j] = 0.0;
    std::vector<std::pair<double, std::size_t>> row;
    for (std::size_t i = 0; i < w[j].size(); ++i) {
      if (w[j][i] > 0.0) {
        row.emplace_back(-w[j][i], i);
      }
    }
    std::sort(row.begin(), row.end());
    std::fill(w[j].begin(), w[j].end(), 0.0);
    for (std::size_t r = 0; r < row.size() && r < k; ++r) {
      w[j][row[r].second] = -row[r].first;
    }
  }
  return w;
}

// Each row scaled to sum to 1, then raised to ALPHA.
inline Dense walk(Dense a, double alpha) {
  for (auto& row : a) {
    double sum = 0;
    for (double v : row) {
      sum += v;
    }
    for (double& v : row) {
      v = v > 0 ? std::pow(v / sum, alpha) : 0.0;
    }
  }
  return a;
}

inline Dense item_knn_scores(const SparseMatrix& x, const ItemKnnConfig& config) {
  const Dense xd = dense(x);
  const Dense xt = transpose(xd);
  Dense sim = multiply(xt, xd);
  std::vector<double> norm(xt.size());
  for (std::size_t i = 0; i < xt.size(); ++i) {
    norm[i] = std::sqrt(sim[i][i]);
  }
  for (std::size_t j = 0; j < sim.size(); ++j) {
    for (std::size_t i = 0; i < sim.size(); ++i) {
      sim[j][i] = sim[j][i] > 0 ? sim[j][i] / (norm[j] * norm[i] + config.shrink) : 0.0;
    }
  }
  return multiply(xd, prune_rows(sim, config.neighbours));
}

inline Dense rp3beta_scores(const SparseMatrix& x, const Rp3BetaConfig& config,
                            const SparseMatrix* topics) {
  const Dense xd = dense(x);
  const Dense ui = walk(xd, config.alpha);
  Dense w = multiply(walk(transpose(xd), config.alpha), ui);
  const double g = config.topic_weight;
  if (topics != nullptr && g > 0) {
    const Dense td = dense(*topics);
    const Dense through = multiply(walk(td, config.alpha), walk(transpose(td), config.alpha));
    for (std::size_t j = 0; j < w.size(); ++j) {
      for (std::size_t i = 0; i < w.size(); ++i) {
        w[j][i] = (1 - g) * w[j][i] + g * through[j][i];
      }
    }
  }
  for (std::size_t i = 0; i < w.size(); ++i) {
    double degree = 0;
    for (const auto& row : xd) {
      degree += row[i] > 0 ? 1 : 0;
    }
    for (std::size_t j = 0; j < w.size(); ++j) {
      w[j][i] /= std::pow(std::max(degree, 1.0), config.beta);
    }
  }
  return multiply(ui, prune_rows(w, config.neighbours));
}

// Gauss-Jordan inverse of a symmetric positive definite matrix.
inline Dense inverse(Dense a) {
  const std::size_t n = a.size();
  Dense inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    inv[i][i] = 1.0;
  }
  for (std::size_t c = 0; c < n; ++c) {
    const double pivot = a[c][c];
    for (std::size_t j = 0; j < n; ++j) {
      a[c][j] /= pivot;
      inv[c][j] /= pivot;
    }
    for (std::size_t r = 0; r < n; ++r) {
      const double f = a[r][c];
      for (std::size_t j = 0; r != c && j < n; ++j) {
        a[r][j] -= f * a[c][j];
        inv[r][j] -= f * inv[c][j];
      }
    }
  }
  return inv;
}

inline Dense ease_scores(const SparseMatrix& x, const EaseConfig& config) {
  const Dense xd = dense(x);
  std::vector<std::size_t> modelled;
  for (std::size_t i = 0; i < x.column_count(); ++i) {
    std::uint32_t support = 0;
    for (const auto& row : xd) {
      support += row[i] > 0 ? 1 : 0;
    }
    if (support >= config.min_item_support) {
      modelled.push_back(i);
    }
  }
  const std::size_t n = modelled.size();
  Dense g(n, std::vector<double>(n, 0.0));
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      for (const auto& row : xd) {
        g[a][b] += row[modelled[a]] * row[modelled[b]];
      }
    }
    g[a][a] += config.lambda;
  }
  const Dense p = inverse(g);
  Dense scores(xd.size(), std::vector<double>(x.column_count(), 0.0));
  for (std::size_t u = 0; u < xd.size(); ++u) {
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        if (a != b) {
          scores[u][modelled[b]] += xd[u][modelled[a]] * (-p[a][b] / p[b][b]);
        }
      }
    }
  }
  return scores;
}

}  // namespace quiver::gpu::testing
