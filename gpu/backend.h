#pragma once

// Which Thrust backend this build of the gpu layer runs on, and what it has to offer.

#include <cstdint>

#include "gpu/result.h"

namespace quiver::gpu {

// The device system the kernels were compiled for; fixed at build time (QUIVER_GPU_BACKEND).
enum class Backend {
  kOpenMp,  // CPU cores through Thrust's OpenMP system
  kCuda,    // an NVIDIA GPU through Thrust's CUDA system
};

// The backend compiled into this library. Thread-safe.
Backend compiled_backend();

// "omp" or "cuda". Thread-safe; the string is static.
const char* backend_name(Backend backend);

// Ok when kernels can run now: always for OpenMP; for CUDA when at least one device is visible.
// Returns BackendUnavailable with the driver's explanation otherwise. Thread-safe.
Status backend_ready();

// Bytes the backend could allocate for working buffers right now: free device memory for CUDA,
// available physical memory for OpenMP. An estimate for refusing work early, not a promise.
// Returns BackendUnavailable when the backend is not ready. Thread-safe.
Result<std::uint64_t> backend_free_bytes();

// Parallel workers the backend uses: OpenMP threads, or streaming multiprocessors for CUDA.
// Returns BackendUnavailable when the backend is not ready. Thread-safe.
Result<int> backend_parallelism();

// While an instance lives, kernels the constructing thread starts run on that thread alone on
// the OpenMP backend: for work as small as one user's scores, waking the other workers (and
// waiting for one the operating system has descheduled) costs more than the work. Does nothing
// on CUDA. Other threads are unaffected. Destroy it on the thread that made it.
class SerialSection {
 public:
  SerialSection();
  ~SerialSection();
  SerialSection(const SerialSection&) = delete;
  SerialSection& operator=(const SerialSection&) = delete;

 private:
  [[maybe_unused]] int previous_threads_ = 0;
};

}  // namespace quiver::gpu
