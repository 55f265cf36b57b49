#include "query/plan/plan_cache.h"

namespace quiver::query {

std::shared_ptr<const AnalyzedStatement> PlanCache::find(std::string_view text) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(std::string(text));
  if (it == index_.end())
    return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void PlanCache::insert(std::string_view text, std::shared_ptr<const AnalyzedStatement> statement) {
  if (capacity_ == 0)
    return;
  std::lock_guard lock(mutex_);
  std::string key(text);
  auto it = index_.find(key);
  if (it != index_.end()) {
    it->second->second = std::move(statement);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(key, std::move(statement));
  index_[key] = lru_.begin();
  if (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

void PlanCache::clear() {
  std::lock_guard lock(mutex_);
  lru_.clear();
  index_.clear();
}

size_t PlanCache::size() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

}  // namespace quiver::query
