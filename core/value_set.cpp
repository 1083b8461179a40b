#include "core/value_set.hpp"

#include <algorithm>
#include <bit>

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

std::vector<Value> ValueSet::sorted() const {
  std::vector<Value> outside(sparse_.begin(), sparse_.end());
  std::sort(outside.begin(), outside.end());
  const auto above = std::lower_bound(outside.begin(), outside.end(), Value{0});
  std::vector<Value> values(size_);
  auto next = std::copy(outside.begin(), above, values.begin());  // the negative ones
  constexpr Value bits_per_word = 64;
  for (std::size_t word = 0; word < dense_bits_.size(); ++word) {
    const Value base = static_cast<Value>(word) * bits_per_word;
    for (std::uint64_t bits = dense_bits_[word]; bits != 0; bits &= bits - 1)
      *next++ = base + std::countr_zero(bits);
  }
  std::copy(above, outside.end(), next);  // those at or past the bitmap's limit
  return values;
}

}  // namespace rumor::core
