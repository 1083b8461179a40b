// A FIFO of values with cheap appends and bulk pops from the front: a link's unacknowledged
// values. A vector plus a head index (compacted now and then) instead of std::deque, because the
// hub appends every value to 24 of these and deque's chunked appends dominated its profile.
#pragma once

#include <cstddef>
#include <vector>

#include "core/message.hpp"

namespace rumor::core {

class ValueQueue {
 public:
  void push_back(Value value) { values_.push_back(value); }
  std::size_t size() const { return values_.size() - head_; }
  bool empty() const { return size() == 0; }
  Value operator[](std::size_t i) const { return values_[head_ + i]; }
  // The values at positions [first, first + count), appended to `out`.
  void copy(std::size_t first, std::size_t count, InlineValues& out) const {
    const Value* begin = values_.data() + head_ + first;
    out.append(begin, begin + count);
  }
  void pop_front(std::size_t count) {
    head_ += count;
    if (head_ == values_.size()) {
      values_.clear();
      head_ = 0;
    } else if (head_ >= 1024 && head_ * 2 >= values_.size()) {
      values_.erase(values_.begin(), values_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }

 private:
  std::vector<Value> values_;
  std::size_t head_ = 0;
};

}  // namespace rumor::core
