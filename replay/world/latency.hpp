// Node-to-node message latency (Maelstrom's net.clj): whole milliseconds, truncated toward zero,
// drawn from one 64-bit random word so both ways of drawing (a stream, a per-message hash) map
// words to latencies alike.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "replay/world/rng.hpp"

namespace rumor::replay::world {

enum class LatencyDist { constant, uniform, exponential };

std::optional<LatencyDist> latency_dist_named(std::string_view name);
std::string latency_dist_name(LatencyDist dist);

struct LatencyModel {
  std::int64_t mean_ms = 0;
  LatencyDist dist = LatencyDist::constant;
  // Maelstrom draws without a cap; the fuzzer caps exponential draws so its convergence bound
  // stays finite.
  std::int64_t max_ms = std::numeric_limits<std::int64_t>::max();
};

// uniform: integer in [0, 2·mean); exponential: mean·(−ln U), truncated; then at most max_ms.
// `draw` is a uniform 64-bit word.
std::int64_t drawn_latency_ms(const LatencyModel& model, std::uint64_t draw);

// constant: mean (0 for a mean below 0), else drawn_latency_ms. Inline, as every message asks:
// a constant latency then needs no call and, where the draw is a hash, no hash either.
inline std::int64_t latency_ms(const LatencyModel& model, std::uint64_t draw) {
  if (model.dist != LatencyDist::constant) return drawn_latency_ms(model, draw);
  return std::min(std::max<std::int64_t>(model.mean_ms, 0), model.max_ms);
}

// The next latency of a stream of draws.
inline std::int64_t draw_latency_ms(const LatencyModel& model, Rng& rng) {
  return latency_ms(model, rng.next());
}

}  // namespace rumor::replay::world
