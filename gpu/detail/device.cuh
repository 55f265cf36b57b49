#pragma once

// Internal to the gpu layer: device buffers, the host/device function marker and the error
// boundary shared by every kernel file. Included only from .cu files, never from public headers.

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/system_error.h>

#include <exception>
#include <new>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "gpu/backend.h"
#include "gpu/csr.h"
#include "gpu/result.h"

// Marks functors that Thrust runs on the device system. Empty for CPU builds, where a plain C++
// compiler sees the kernel sources.
#if defined(__CUDACC__)
#define QUIVER_HD __host__ __device__
#else
#define QUIVER_HD
#endif

namespace quiver::gpu::detail {

template <typename T>
using DeviceVector = thrust::device_vector<T>;

// Raw pointer to a device vector's storage, for functors that index it directly.
template <typename T>
T* raw(DeviceVector<T>& v) {
  return thrust::raw_pointer_cast(v.data());
}
template <typename T>
const T* raw(const DeviceVector<T>& v) {
  return thrust::raw_pointer_cast(v.data());
}

// Copies HOST into a new device vector. An empty span may carry a null pointer, which Thrust's
// copy would dereference, so it never reaches Thrust.
template <typename T>
DeviceVector<T> to_device(std::span<const T> host) {
  DeviceVector<T> device(host.size());
  if (!host.empty()) {
    thrust::copy(host.data(), host.data() + host.size(), device.begin());
  }
  return device;
}

// Copies the first COUNT elements of DEVICE to HOST; nothing is touched when COUNT is 0.
template <typename T>
void copy_to_host(const DeviceVector<T>& device, std::size_t count, T* host) {
  if (count > 0) {
    thrust::copy(device.begin(), device.begin() + count, host);
  }
}

// Copies all of DEVICE into a new host vector.
template <typename T>
std::vector<T> to_host(const DeviceVector<T>& device) {
  std::vector<T> host(device.size());
  copy_to_host(device, host.size(), host.data());
  return host;
}

// A CSR graph in device memory. weights is empty for an unweighted graph.
struct DeviceCsr {
  std::uint64_t node_count = 0;
  DeviceVector<EdgeIndex> offsets;
  DeviceVector<NodeIndex> targets;
  DeviceVector<float> weights;
};

// Plain pointers into a DeviceCsr, small enough to copy into every functor. weights is null for
// an unweighted graph.
struct CsrView {
  const EdgeIndex* offsets;
  const NodeIndex* targets;
  const float* weights;
};

inline CsrView view(const DeviceCsr& g) {
  return CsrView{raw(g.offsets), raw(g.targets), g.weights.empty() ? nullptr : raw(g.weights)};
}

// Copies a host graph into device memory. Throws what Thrust throws on allocation failure.
DeviceCsr upload(const CsrGraph& graph);

// Copies a device graph back into a validated host graph.
CsrGraph download(const DeviceCsr& graph);

// The source node of every edge, in edge order.
DeviceVector<NodeIndex> edge_sources(const DeviceCsr& graph);

// The reversed graph; in-edges of each node come in ascending source order.
DeviceCsr transpose_device(const DeviceCsr& graph);

// Both directions of every edge, self-loops once; sorted by (source, target). With deduplicate,
// repeated (source, target) pairs collapse into one carrying the largest weight.
DeviceCsr symmetrise_device(const DeviceCsr& graph, bool deduplicate);

// Sorted, duplicate-free adjacency sets with weights dropped: the neighbour-set view used by
// node similarity.
DeviceCsr neighbour_sets(const DeviceCsr& graph);

// Runs BODY after checking the backend, turning exceptions from Thrust or the allocator into
// Errors, so no exception crosses the public API.
template <typename Body>
auto run_guarded(const char* what, Body&& body) -> decltype(body()) {
  Status ready = backend_ready();
  if (!ready.ok()) {
    return ready.error();
  }

  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::kOutOfMemory, std::string(what) + ": out of memory on the " +
                                              backend_name(compiled_backend()) + " backend"};
  } catch (const thrust::system_error& e) {
    return Error{ErrorCode::kBackendUnavailable,
                 std::string(what) + ": backend failure: " + e.what()};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string(what) + ": " + e.what()};
  }
}

}  // namespace quiver::gpu::detail
