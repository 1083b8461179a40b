// The values of one gossip message: a vector that keeps up to six values inside itself and
// allocates only beyond that. Most gossip carries few values (tests/benchmarks.md, "Read replies
// share the log, gossip values inline": 97 % of a fuzz campaign's gossip carries one value, 65 %
// of a 3e run's at most six), so most messages are sent and freed without touching the heap.
// Six, because then Gossip is no larger than Body's largest other alternative and a Message does
// not grow. Written here, not taken from a library: no Debian-packaged small vector fits (Boost's
// small_vector would be the project's only Boost dependency, LLVM's needs all of LLVM).
#pragma once

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "core/value.hpp"

namespace rumor::core {

class InlineValues {
 public:
  using value_type = Value;
  using const_iterator = const Value*;
  using iterator = const_iterator;
  using size_type = std::size_t;

  static constexpr std::size_t inline_capacity = 6;

  InlineValues() = default;
  InlineValues(std::initializer_list<Value> values) { append(values.begin(), values.end()); }
  // Implicit, like the vector it replaces in Gossip (the codecs decode into vectors).
  InlineValues(const std::vector<Value>& values) {
    append(values.data(), values.data() + values.size());
  }
  InlineValues(const InlineValues& other) { append(other.begin(), other.end()); }
  InlineValues(InlineValues&& other) noexcept { take(other); }
  InlineValues& operator=(const InlineValues& other) {
    if (this != &other) {
      size_ = 0;
      append(other.begin(), other.end());
    }
    return *this;
  }
  InlineValues& operator=(InlineValues&& other) noexcept {
    if (this != &other) {
      free_heap();
      take(other);
    }
    return *this;
  }
  ~InlineValues() { free_heap(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Value* data() const { return on_heap() ? heap_ : inline_; }
  const Value* begin() const { return data(); }
  const Value* end() const { return data() + size_; }
  Value operator[](std::size_t i) const { return data()[i]; }
  Value front() const { return data()[0]; }
  Value back() const { return data()[size_ - 1]; }
  void clear() { size_ = 0; }
  void pop_back() { --size_; }

  void push_back(Value value) {
    if (size_ == capacity_) grow(size_ + 1);
    mutable_data()[size_++] = value;
  }
  // Appends the values [first, last).
  void append(const Value* first, const Value* last) {
    const auto count = static_cast<std::size_t>(last - first);
    if (size_ + count > capacity_) grow(size_ + count);
    Value* const to = mutable_data() + size_;
    if (count == 1) {
      *to = *first;  // most gossip carries one value: no memmove call for it
    } else {
      std::copy(first, last, to);
    }
    size_ += static_cast<std::uint32_t>(count);
  }

  friend bool operator==(const InlineValues& a, const InlineValues& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend std::strong_ordering operator<=>(const InlineValues& a, const InlineValues& b) {
    return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  bool on_heap() const { return capacity_ > inline_capacity; }
  Value* mutable_data() { return on_heap() ? heap_ : inline_; }

  // Room for at least `needed` values: doubles, so appending one by one stays linear.
  void grow(std::size_t needed) {
    // rumor-node reads lines of at most 8 MiB (runtime/line_buffer.hpp), far below this.
    if (needed > UINT32_MAX / 2) throw std::length_error("InlineValues: too many values");
    const std::size_t capacity = std::max<std::size_t>(needed, 2 * std::size_t{capacity_});
    Value* grown = new Value[capacity];
    std::copy(begin(), end(), grown);
    free_heap();
    heap_ = grown;
    capacity_ = static_cast<std::uint32_t>(capacity);
  }
  void free_heap() {
    if (on_heap()) delete[] heap_;
    capacity_ = inline_capacity;
  }
  // Takes other's values (its heap block, or a copy of its inline ones); other is left empty.
  void take(InlineValues& other) noexcept {
    size_ = other.size_;
    capacity_ = other.capacity_;
    // The whole union, heap pointer or inline values alike: a fixed 48-byte copy without a branch
    // or a call (a message moves several times between a step and its delivery). Bytes past the
    // size may be unset, which memcpy, copying bytes, allows.
    std::memcpy(static_cast<void*>(inline_), static_cast<const void*>(other.inline_),
                sizeof inline_);
    other.size_ = 0;
    other.capacity_ = inline_capacity;
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = inline_capacity;
  union {
    Value inline_[inline_capacity];
    Value* heap_;
  };
};

}  // namespace rumor::core
