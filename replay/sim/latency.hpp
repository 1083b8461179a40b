// Node-to-node message latency (Maelstrom's net.clj): whole milliseconds, truncated toward zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "replay/sim/rng.hpp"

namespace rumor::replay::sim {

enum class LatencyDist { constant, uniform, exponential };

std::optional<LatencyDist> latency_dist_named(std::string_view name);

struct LatencyModel {
  std::int64_t mean_ms = 0;
  LatencyDist dist = LatencyDist::constant;
};

// constant: mean; uniform: integer in [0, 2·mean); exponential: mean·(−ln U), truncated.
std::int64_t draw_latency_ms(const LatencyModel& model, Rng& rng);

}  // namespace rumor::replay::sim
