// The visited set: 64-bit fingerprints to state numbers, open addressing, 12 bytes a slot at most
// three quarters full. Fingerprints only, never states: 16 to 32 bytes per distinct state.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace rumor::replay::model {

class VisitedSet {
 public:
  VisitedSet() { resize(1 << 16); }
  // The state number of `fingerprint`, inserting it as `next_index` when new (second: inserted).
  std::pair<std::uint32_t, bool> insert(std::uint64_t fingerprint, std::uint32_t next_index) {
    // Three quarters full at most: linear probing stays short, and at tens of millions of states
    // the table is the largest thing the search keeps.
    if ((size_ + 1) * 4 > keys_.size() * 3) resize(keys_.size() * 2);
    const std::uint64_t key = fingerprint == 0 ? 1 : fingerprint;  // 0 marks an empty slot
    for (std::size_t slot = key & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return {values_[slot], false};
      if (keys_[slot] == 0) {
        keys_[slot] = key;
        values_[slot] = next_index;
        ++size_;
        return {next_index, true};
      }
    }
  }
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return keys_.capacity() * 8 + values_.capacity() * 4; }
  // Every fingerprint held (0 stands for 1), in no particular order.
  std::vector<std::uint64_t> keys() const {
    std::vector<std::uint64_t> out;
    out.reserve(size_);
    for (std::uint64_t key : keys_) {
      if (key != 0) out.push_back(key);
    }
    return out;
  }

 private:
  void resize(std::size_t slots) {
    std::vector<std::uint64_t> old_keys(slots, 0);
    std::vector<std::uint32_t> old_values(slots, 0);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = slots - 1;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == 0) continue;
      std::size_t slot = old_keys[i] & mask_;
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = old_keys[i];
      values_[slot] = old_values[i];
    }
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace rumor::replay::model
