// EASE: the Gram matrix of the modelled items is accumulated on the backend (one thread per
// row, so no two threads share a cell), inverted by Cholesky routines (cuSOLVER on the device in
// CUDA builds, LAPACK on the host otherwise), and turned into the dense item-item weights B
// that users are scored through.

#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/recommend.h"

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cusolverDn.h>
#include <thrust/device_vector.h>
#endif

// LAPACK (Fortran calling convention, hidden string lengths last).
extern "C" {
void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info,
             std::size_t uplo_length);
void dpotri_(const char* uplo, const int* n, double* a, const int* lda, int* info,
             std::size_t uplo_length);
}

namespace quiver::gpu {
namespace {

constexpr std::uint32_t kNotModelled = 0xFFFFFFFFu;

// Row a of G = X^T X over the modelled items: sum over users u of item_of[a] of x_ua x_u.
struct GramRow {
  detail::SparseView item_users;
  detail::SparseView user_items;
  const std::uint32_t* item_of;
  const std::uint32_t* modelled_of;
  std::uint64_t n;
  double* gram;

  QUIVER_HD void operator()(std::uint64_t a) const {
    double* row = gram + a * n;
    const std::uint32_t item = item_of[a];
    for (std::uint64_t e = item_users.offsets[item]; e < item_users.offsets[item + 1]; ++e) {
      const double w = item_users.values[e];
      const std::uint32_t u = item_users.columns[e];
      for (std::uint64_t f = user_items.offsets[u]; f < user_items.offsets[u + 1]; ++f) {
        const std::uint32_t b = modelled_of[user_items.columns[f]];
        if (b != kNotModelled) {
          row[b] += w * user_items.values[f];
        }
      }
    }
  }
};

// Cell c = (r, b) of the modelled columns: sum over the modelled history items j of user
// users[r] of x_uj B(j, b), written to the item's cell of the score row.
struct EaseScore {
  detail::SparseView history;
  const UserIndex* users;
  const std::uint32_t* item_of;
  const std::uint32_t* modelled_of;
  const float* weights;
  std::uint64_t n;
  std::uint64_t items;
  float* out;

  QUIVER_HD void operator()(std::uint64_t c) const {
    const std::uint64_t r = c / n;
    const std::uint64_t b = c % n;
    const UserIndex u = users[r];
    float sum = 0.0f;
    for (std::uint64_t e = history.offsets[u]; e < history.offsets[u + 1]; ++e) {
      const std::uint32_t j = modelled_of[history.columns[e]];
      if (j != kNotModelled) {
        sum += history.values[e] * weights[j * n + b];
      }
    }
    out[r * items + item_of[b]] = sum;
  }
};

class EaseState final : public detail::ModelState {
 public:
  EaseState(const SparseMatrix& interactions, std::vector<std::uint32_t> item_of,
            std::vector<std::uint32_t> modelled_of, std::vector<float> weights)
      : detail::ModelState(interactions),
        n_(item_of.size()),
        item_of_host_(item_of),
        modelled_of_host_(modelled_of),
        weights_host_(std::move(weights)),
        item_of_(detail::to_device(std::span<const std::uint32_t>(item_of))),
        modelled_of_(detail::to_device(std::span<const std::uint32_t>(modelled_of))),
        weights_(detail::to_device(std::span<const float>(weights_host_))) {}

  ModelKind kind() const override { return ModelKind::kEase; }

  void score(const detail::DeviceVector<UserIndex>& users,
             detail::DeviceVector<float>& out) const override {
    thrust::fill(out.begin(), out.end(), 0.0f);
    thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                     thrust::counting_iterator<std::uint64_t>(users.size() * n_),
                     EaseScore{detail::view(history_device), detail::raw(users),
                               detail::raw(item_of_), detail::raw(modelled_of_),
                               detail::raw(weights_), n_, item_count(), detail::raw(out)});
  }

  void explain(UserIndex user, std::uint32_t count, Recommendation& rec) const override {
    const std::uint32_t b = modelled_of_host_[rec.item];
    const SparseMatrix& x = *history;
    for (std::uint64_t e = x.offsets()[user]; b != kNotModelled && e < x.offsets()[user + 1]; ++e) {
      const std::uint32_t j = modelled_of_host_[x.columns()[e]];
      const float c = j == kNotModelled ? 0.0f : x.values()[e] * weights_host_[j * n_ + b];
      if (c > 0.0f) {
        rec.because_items.push_back({x.columns()[e], c});
      }
    }
    std::sort(rec.because_items.begin(), rec.because_items.end(),
              [](const Contribution& p, const Contribution& q) {
                return p.weight != q.weight ? p.weight > q.weight : p.index < q.index;
              });
    if (rec.because_items.size() > count) {
      rec.because_items.resize(count);
    }
  }

  // Row b of B: how much consuming ITEM adds to every other modelled item's score.
  bool item_similarity(ItemIndex item, std::vector<float>& out) const override {
    out.assign(item_count(), std::numeric_limits<float>::quiet_NaN());
    const std::uint32_t b = modelled_of_host_[item];
    if (b == kNotModelled) {
      return true;
    }
    for (std::uint64_t c = 0; c < n_; ++c) {
      if (c != b) {
        out[item_of_host_[c]] = weights_host_[b * n_ + c];
      }
    }
    return true;
  }

 private:
  std::uint64_t n_;
  std::vector<std::uint32_t> item_of_host_;
  std::vector<std::uint32_t> modelled_of_host_;
  std::vector<float> weights_host_;
  detail::DeviceVector<std::uint32_t> item_of_;
  detail::DeviceVector<std::uint32_t> modelled_of_;
  detail::DeviceVector<float> weights_;
};

// Adds lambda to each diagonal cell of the row-major N x N matrix.
struct AddToDiagonal {
  double* a;
  std::uint64_t n;
  double lambda;

  QUIVER_HD void operator()(std::uint64_t i) const { a[i * n + i] += lambda; }
};

// The Gram matrix is symmetric, so row-major and column-major read alike; the routines below
// leave the inverse in the lower triangle column-major, which is the upper one row-major, and
// fill_lower() copies it down.
void fill_lower(std::vector<double>& a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      a[i * n + j] = a[j * n + i];
    }
  }
}

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA

// Inverts the symmetric positive definite N x N matrix A on the device in place with cuSOLVER's
// dense Cholesky routines (potrf, then potri); only the lower triangle (column-major) is valid
// afterwards.
Status invert_spd_on_device(double* a, int n) {
  cusolverDnHandle_t handle = nullptr;
  if (cusolverDnCreate(&handle) != CUSOLVER_STATUS_SUCCESS) {
    return Error{ErrorCode::kInternal, "ease: cuSOLVER could not be initialised"};
  }
  struct HandleGuard {
    cusolverDnHandle_t h;
    ~HandleGuard() { cusolverDnDestroy(h); }
  } guard{handle};

  int factor_work = 0;
  int invert_work = 0;
  if (cusolverDnDpotrf_bufferSize(handle, CUBLAS_FILL_MODE_LOWER, n, a, n, &factor_work) !=
          CUSOLVER_STATUS_SUCCESS ||
      cusolverDnDpotri_bufferSize(handle, CUBLAS_FILL_MODE_LOWER, n, a, n, &invert_work) !=
          CUSOLVER_STATUS_SUCCESS) {
    return Error{ErrorCode::kInternal, "ease: cuSOLVER workspace query failed"};
  }
  thrust::device_vector<double> work(static_cast<std::size_t>(std::max(factor_work, invert_work)));
  thrust::device_vector<int> info(1, 0);
  double* w = thrust::raw_pointer_cast(work.data());
  int* i = thrust::raw_pointer_cast(info.data());

  if (cusolverDnDpotrf(handle, CUBLAS_FILL_MODE_LOWER, n, a, n, w, factor_work, i) !=
      CUSOLVER_STATUS_SUCCESS) {
    return Error{ErrorCode::kInternal, "ease: cuSOLVER potrf could not run"};
  }
  if (int status = info[0]; status != 0) {
    return Error{ErrorCode::kInternal, "ease: Cholesky factorisation failed (cuSOLVER potrf info " +
                                           std::to_string(status) + ")"};
  }
  if (cusolverDnDpotri(handle, CUBLAS_FILL_MODE_LOWER, n, a, n, w, invert_work, i) !=
      CUSOLVER_STATUS_SUCCESS) {
    return Error{ErrorCode::kInternal, "ease: cuSOLVER potri could not run"};
  }
  if (int status = info[0]; status != 0) {
    return Error{ErrorCode::kInternal,
                 "ease: inversion failed (cuSOLVER potri info " + std::to_string(status) + ")"};
  }
  return Unit{};
}

#else

// Inverts the symmetric positive definite row-major N x N matrix in place (full matrix out).
Status invert_spd(std::vector<double>& a, int n) {
  int info = 0;
  dpotrf_("L", &n, a.data(), &n, &info, 1);
  if (info != 0) {
    return Error{ErrorCode::kInternal, "ease: Cholesky factorisation failed (LAPACK dpotrf info " +
                                           std::to_string(info) + ")"};
  }
  dpotri_("L", &n, a.data(), &n, &info, 1);
  if (info != 0) {
    return Error{ErrorCode::kInternal,
                 "ease: inversion failed (LAPACK dpotri info " + std::to_string(info) + ")"};
  }

  fill_lower(a, static_cast<std::size_t>(n));
  return Unit{};
}

#endif

}  // namespace

Result<Model> fit_ease(const SparseMatrix& interactions, const EaseConfig& config) {
  if (!(config.lambda > 0.0) || !std::isfinite(config.lambda)) {
    return invalid_argument("ease lambda must be finite and above 0");
  }
  if (config.min_item_support < 1 || config.max_bytes < 1) {
    return invalid_argument("ease min_item_support and max_bytes must be at least 1");
  }

  const SparseMatrix item_users = interactions.transposed();
  std::vector<std::uint32_t> item_of;
  std::vector<std::uint32_t> modelled_of(interactions.column_count(), kNotModelled);
  for (std::uint64_t i = 0; i < item_users.row_count(); ++i) {
    if (item_users.row_size(i) >= config.min_item_support) {
      modelled_of[i] = static_cast<std::uint32_t>(item_of.size());
      item_of.push_back(static_cast<std::uint32_t>(i));
    }
  }
  const std::uint64_t n = item_of.size();
  const double bytes = 8.0 * static_cast<double>(n) * static_cast<double>(n);
  if (bytes > static_cast<double>(config.max_bytes) || n > 46340) {
    return Error{ErrorCode::kOutOfMemory,
                 "ease: " + std::to_string(n) + " modelled items need " +
                     std::to_string(static_cast<std::uint64_t>(bytes)) +
                     " bytes for the dense Gram matrix, over the bound of " +
                     std::to_string(config.max_bytes) + "; raise max_bytes or min_item_support"};
  }

  return detail::run_guarded("ease", [&]() -> Result<Model> {
    std::vector<double> gram(n * n);
    {
      detail::DeviceVector<double> device_gram(n * n, 0.0);
      detail::DeviceSparse xt = detail::upload(item_users);
      detail::DeviceSparse x = detail::upload(interactions);
      detail::DeviceVector<std::uint32_t> d_item_of =
          detail::to_device(std::span<const std::uint32_t>(item_of));
      detail::DeviceVector<std::uint32_t> d_modelled_of =
          detail::to_device(std::span<const std::uint32_t>(modelled_of));
      thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                       thrust::counting_iterator<std::uint64_t>(n),
                       GramRow{detail::view(xt), detail::view(x), detail::raw(d_item_of),
                               detail::raw(d_modelled_of), n, detail::raw(device_gram)});
      thrust::for_each(thrust::counting_iterator<std::uint64_t>(0),
                       thrust::counting_iterator<std::uint64_t>(n),
                       AddToDiagonal{detail::raw(device_gram), n, config.lambda});
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
      if (n > 0) {
        Status inverted = invert_spd_on_device(detail::raw(device_gram), static_cast<int>(n));
        if (!inverted.ok()) {
          return inverted.error();
        }
      }
      detail::copy_to_host(device_gram, n * n, gram.data());
      fill_lower(gram, n);
#else
      detail::copy_to_host(device_gram, n * n, gram.data());
#endif
    }

#if THRUST_DEVICE_SYSTEM != THRUST_DEVICE_SYSTEM_CUDA
    if (n > 0) {
      Status inverted = invert_spd(gram, static_cast<int>(n));
      if (!inverted.ok()) {
        return inverted.error();
      }
    }
#endif

    // B(j, i) = -P(j, i) / P(i, i) off the diagonal, 0 on it.
    std::vector<float> weights(n * n);
    for (std::uint64_t j = 0; j < n; ++j) {
      for (std::uint64_t i = 0; i < n; ++i) {
        weights[j * n + i] = i == j ? 0.0f : static_cast<float>(-gram[j * n + i] / gram[i * n + i]);
      }
    }
    return Model(std::make_shared<EaseState>(interactions, std::move(item_of),
                                             std::move(modelled_of), std::move(weights)));
  });
}

}  // namespace quiver::gpu
