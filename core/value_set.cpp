#include "core/value_set.hpp"

#include <algorithm>

namespace rumor::core {

bool ValueSet::insert_slow(Value value) {
  if (value >= 0 && value < dense_limit) {
    const auto word = static_cast<std::size_t>(value >> 6);
    const std::uint64_t bit = std::uint64_t{1} << (value & 63);
    if (word >= dense_bits_.size()) dense_bits_.resize(std::max(word + 1, 2 * dense_bits_.size()));
    if (dense_bits_[word] & bit) return false;
    dense_bits_[word] |= bit;
  } else if (!sparse_.insert(value).second) {
    return false;
  }
  ++size_;
  return true;
}

}  // namespace rumor::core
