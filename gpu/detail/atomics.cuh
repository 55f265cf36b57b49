#pragma once

// Internal to the gpu layer: the few atomic operations kernels need, spelled once for each
// backend. On CPU builds they compile to GCC's __atomic builtins, which OpenMP threads share.

#include <cstdint>

#include "gpu/detail/device.cuh"

namespace quiver::gpu::detail {

// Reads *address without tearing while other threads may write it.
QUIVER_HD inline std::uint32_t atomic_load(const std::uint32_t* address) {
#if defined(__CUDA_ARCH__)
  return *static_cast<const volatile std::uint32_t*>(address);
#else
  return __atomic_load_n(address, __ATOMIC_RELAXED);
#endif
}

// Stores value into *address without tearing while other threads may read it.
QUIVER_HD inline void atomic_store(std::uint32_t* address, std::uint32_t value) {
#if defined(__CUDA_ARCH__)
  *static_cast<volatile std::uint32_t*>(address) = value;
#else
  __atomic_store_n(address, value, __ATOMIC_RELAXED);
#endif
}

// Lowers *address to value if value is smaller; returns the previous value.
QUIVER_HD inline std::uint32_t atomic_min(std::uint32_t* address, std::uint32_t value) {
#if defined(__CUDA_ARCH__)
  return atomicMin(reinterpret_cast<unsigned int*>(address), value);
#else
  std::uint32_t seen = __atomic_load_n(address, __ATOMIC_RELAXED);
  while (value < seen && !__atomic_compare_exchange_n(address, &seen, value, true, __ATOMIC_RELAXED,
                                                      __ATOMIC_RELAXED)) {
  }
  return seen;
#endif
}

}  // namespace quiver::gpu::detail
