#include "replay/sim/latency.hpp"

#include <cmath>

namespace rumor::replay::sim {

std::optional<LatencyDist> latency_dist_named(std::string_view name) {
  if (name == "constant") return LatencyDist::constant;
  if (name == "uniform") return LatencyDist::uniform;
  if (name == "exponential") return LatencyDist::exponential;
  return std::nullopt;
}

std::int64_t draw_latency_ms(const LatencyModel& model, Rng& rng) {
  switch (model.dist) {
    case LatencyDist::constant:
      return model.mean_ms;
    case LatencyDist::uniform:
      return static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(2 * model.mean_ms)));
    case LatencyDist::exponential: {
      // 1 − U lies in (0, 1], so the logarithm is finite.
      const double u = 1.0 - rng.unit();
      return static_cast<std::int64_t>(static_cast<double>(model.mean_ms) * -std::log(u));
    }
  }
  return model.mean_ms;
}

}  // namespace rumor::replay::sim
