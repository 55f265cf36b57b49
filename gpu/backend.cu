#include "gpu/backend.h"

#include <thrust/device_vector.h>

#include <string>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cuda_runtime.h>
#else
#include <omp.h>
#include <unistd.h>
#endif

namespace quiver::gpu {

Backend compiled_backend() {
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
  return Backend::kCuda;
#else
  return Backend::kOpenMp;
#endif
}

const char* backend_name(Backend backend) {
  return backend == Backend::kCuda ? "cuda" : "omp";
}

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA

Status backend_ready() {
  int devices = 0;
  cudaError_t status = cudaGetDeviceCount(&devices);
  if (status != cudaSuccess) {
    return Error{ErrorCode::kBackendUnavailable,
                 std::string("no usable CUDA device: ") + cudaGetErrorString(status)};
  }
  if (devices == 0) {
    return Error{ErrorCode::kBackendUnavailable, "no CUDA device is visible"};
  }
  return Unit{};
}

Result<std::uint64_t> backend_free_bytes() {
  Status ready = backend_ready();
  if (!ready.ok()) {
    return ready.error();
  }
  std::size_t free_bytes = 0;
  std::size_t total_bytes = 0;
  cudaError_t status = cudaMemGetInfo(&free_bytes, &total_bytes);
  if (status != cudaSuccess) {
    return Error{ErrorCode::kBackendUnavailable, cudaGetErrorString(status)};
  }
  return static_cast<std::uint64_t>(free_bytes);
}

Result<int> backend_parallelism() {
  Status ready = backend_ready();
  if (!ready.ok()) {
    return ready.error();
  }
  int device = 0;
  int multiprocessors = 0;
  cudaGetDevice(&device);
  cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, device);
  return multiprocessors;
}

SerialSection::SerialSection() = default;

SerialSection::~SerialSection() = default;

#else

Status backend_ready() {
  return Unit{};
}

Result<std::uint64_t> backend_free_bytes() {
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages < 0 || page_size < 0) {
    return Error{ErrorCode::kBackendUnavailable, "cannot read the available memory"};
  }
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

Result<int> backend_parallelism() {
  return omp_get_max_threads();
}

SerialSection::SerialSection() : previous_threads_(omp_get_max_threads()) {
  omp_set_num_threads(1);
}

SerialSection::~SerialSection() {
  omp_set_num_threads(previous_threads_);
}

#endif

}  // namespace quiver::gpu
