// User profiles: every interaction spreads its weight over its item's topic links as packed
// (user, topic) keys; one sort and one reduction by key sum them per user and topic.

#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <string>

#include "gpu/detail/recommend_model.cuh"
#include "gpu/interactions.h"

namespace quiver::gpu {
namespace {

// Topic links of the item of interaction e.
struct LinkCount {
  detail::SparseView interactions;
  detail::SparseView links;

  QUIVER_HD std::uint64_t operator()(std::uint64_t e) const {
    const std::uint32_t item = interactions.columns[e];
    return links.offsets[item + 1] - links.offsets[item];
  }
};

// Writes the (user, topic) keys and weight shares of interaction e from slot slots[e].
struct SpreadOverTopics {
  detail::SparseView interactions;
  detail::SparseView links;
  const std::uint32_t* entry_users;
  const std::uint64_t* slots;
  std::uint64_t* keys;
  float* shares;

  QUIVER_HD void operator()(std::uint64_t e) const {
    const std::uint32_t item = interactions.columns[e];
    float link_sum = 0.0f;
    for (std::uint64_t f = links.offsets[item]; f < links.offsets[item + 1]; ++f) {
      link_sum += links.values[f];
    }
    std::uint64_t slot = slots[e];
    for (std::uint64_t f = links.offsets[item]; f < links.offsets[item + 1]; ++f) {
      keys[slot] = (std::uint64_t{entry_users[e]} << 32) | links.columns[f];
      shares[slot] = interactions.values[e] * links.values[f] / link_sum;
      ++slot;
    }
  }
};

}  // namespace

Result<SparseMatrix> user_profiles(const SparseMatrix& interactions,
                                   const SparseMatrix& item_topics) {
  if (item_topics.row_count() != interactions.column_count()) {
    return invalid_argument("user profiles: item_topics has " +
                            std::to_string(item_topics.row_count()) + " rows for " +
                            std::to_string(interactions.column_count()) + " items");
  }

  return detail::run_guarded("user_profiles", [&]() -> Result<SparseMatrix> {
    const std::uint64_t entries = interactions.entry_count();
    std::vector<std::uint32_t> users(entries);
    for (std::uint64_t u = 0; u < interactions.row_count(); ++u) {
      for (std::uint64_t e = interactions.offsets()[u]; e < interactions.offsets()[u + 1]; ++e) {
        users[e] = static_cast<std::uint32_t>(u);
      }
    }
    detail::DeviceSparse x = detail::upload(interactions);
    detail::DeviceSparse links = detail::upload(item_topics);
    detail::DeviceVector<std::uint32_t> entry_users =
        detail::to_device(std::span<const std::uint32_t>(users));

    auto begin = thrust::counting_iterator<std::uint64_t>(0);
    detail::DeviceVector<std::uint64_t> slots(entries + 1, 0);
    thrust::transform(begin, begin + entries, slots.begin(),
                      LinkCount{detail::view(x), detail::view(links)});
    thrust::exclusive_scan(slots.begin(), slots.end(), slots.begin());
    const std::uint64_t total = slots.back();

    detail::DeviceVector<std::uint64_t> keys(total);
    detail::DeviceVector<float> shares(total);
    thrust::for_each(
        begin, begin + entries,
        SpreadOverTopics{detail::view(x), detail::view(links), detail::raw(entry_users),
                         detail::raw(slots), detail::raw(keys), detail::raw(shares)});
    thrust::sort_by_key(keys.begin(), keys.end(), shares.begin());
    detail::DeviceVector<std::uint64_t> unique_keys(total);
    detail::DeviceVector<float> sums(total);
    auto ends = thrust::reduce_by_key(keys.begin(), keys.end(), shares.begin(), unique_keys.begin(),
                                      sums.begin());
    const std::uint64_t n = static_cast<std::uint64_t>(ends.first - unique_keys.begin());

    std::vector<std::uint64_t> host_keys(n);
    std::vector<float> host_sums(n);
    detail::copy_to_host(unique_keys, n, host_keys.data());
    detail::copy_to_host(sums, n, host_sums.data());

    // Keys are sorted by user, then topic, so each user's row is one run.
    std::vector<std::uint64_t> offsets(interactions.row_count() + 1, 0);
    std::vector<std::uint32_t> topics(n);
    for (std::uint64_t k = 0; k < n; ++k) {
      offsets[(host_keys[k] >> 32) + 1] += 1;
      topics[k] = static_cast<std::uint32_t>(host_keys[k] & 0xFFFFFFFFull);
    }
    for (std::uint64_t u = 0; u < interactions.row_count(); ++u) {
      offsets[u + 1] += offsets[u];
      double row_sum = 0;
      for (std::uint64_t k = offsets[u]; k < offsets[u + 1]; ++k) {
        row_sum += host_sums[k];
      }
      for (std::uint64_t k = offsets[u]; k < offsets[u + 1]; ++k) {
        host_sums[k] = static_cast<float>(host_sums[k] / row_sum);
      }
    }
    return SparseMatrix::create(item_topics.column_count(), std::move(offsets), std::move(topics),
                                std::move(host_sums));
  });
}

}  // namespace quiver::gpu
