// Time arithmetic that cannot overflow. Times reach the core from input (a runner's clock, or a
// trace line such as a forged `#in 9223372036854775807`), so `now_ms + retransmit_ms` must stop
// at the largest time rather than wrap (signed overflow is undefined behaviour). Within range
// these are plain + and -, so no ordinary run changes.
#pragma once

#include <cstdint>
#include <limits>

namespace rumor::core {

inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

inline std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
  std::int64_t difference = 0;
  if (!__builtin_sub_overflow(a, b, &difference)) return difference;
  return b < 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

}  // namespace rumor::core
