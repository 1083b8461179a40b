#include "core/value_set.hpp"

#include <algorithm>

namespace rumor::core {

// Only what insert's inline path left: a bitmap value past the bitmap's end (so not there yet),
// or a value outside the bitmap's range.
bool ValueSet::insert_slow(Value value) {
  if (value >= 0 && value < dense_limit) {
    const auto word = static_cast<std::size_t>(value >> 6);
    dense_bits_.resize(std::max(word + 1, 2 * dense_bits_.size()));
    dense_bits_[word] |= std::uint64_t{1} << (value & 63);
  } else if (!sparse_.insert(value).second) {
    return false;
  }
  ++size_;
  return true;
}

}  // namespace rumor::core
