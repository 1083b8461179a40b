// The set of values a node knows, for membership tests. Maelstrom's values are 0, 1, 2, ... so a
// bitmap answers almost every test with one load; any other value falls back to a hash set.
// Nothing iterates the hash set in its own order, so it cannot make outputs depend on order:
// sorted() sorts what it takes from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/message.hpp"

namespace rumor::core {

class ValueSet {
 public:
  // Adds the value; false if it was already there. The bitmap case inline: every value a node
  // receives is tested here, and nearly all of them are small.
  bool insert(Value value) {
    if (value >= 0 && value < dense_limit) {
      const auto word = static_cast<std::size_t>(value >> 6);
      const std::uint64_t bit = std::uint64_t{1} << (value & 63);
      if (word < dense_bits_.size()) {
        if (dense_bits_[word] & bit) return false;
        dense_bits_[word] |= bit;
        ++size_;
        return true;
      }
    }
    return insert_slow(value);
  }
  std::size_t size() const { return size_; }
  // Every value, ascending (a simulated run's final values): the bitmap gives its values in
  // order at a few instructions each, and only the values outside it are sorted.
  std::vector<Value> sorted() const;

 private:
  // The rest: growing the bitmap, and values outside it.
  bool insert_slow(Value value);
  // Values in [0, dense_limit) live in the bitmap; the limit bounds its memory (8 MiB).
  static constexpr Value dense_limit = Value{1} << 26;
  std::vector<std::uint64_t> dense_bits_;
  std::unordered_set<Value> sparse_;
  std::size_t size_ = 0;
};

}  // namespace rumor::core
