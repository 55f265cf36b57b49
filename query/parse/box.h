#pragma once

#include <memory>
#include <utility>

namespace quiver::query::ast {

// A heap-allocated value with value semantics: copying a Box copies what it holds, so AST nodes
// that refer to their children through Boxes are deep-copyable with the compiler's own copy
// constructors. A Box may be empty (a child that the syntax leaves out); callers check with
// `if (box)` before dereferencing.
//
// Ownership: the Box owns its value. Threads: as for any value type, no internal locking.
template <typename T>
class Box {
 public:
  Box() = default;
  Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit by design
  Box(const Box& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) {
      ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
    }
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  ~Box() = default;

  explicit operator bool() const { return ptr_ != nullptr; }
  T& operator*() { return *ptr_; }
  const T& operator*() const { return *ptr_; }
  T* operator->() { return ptr_.get(); }
  const T* operator->() const { return ptr_.get(); }
  T* get() { return ptr_.get(); }
  const T* get() const { return ptr_.get(); }

 private:
  std::unique_ptr<T> ptr_;
};

}  // namespace quiver::query::ast
