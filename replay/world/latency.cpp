#include "replay/world/latency.hpp"

#include <algorithm>
#include <cmath>

#include "replay/world/rng.hpp"

namespace rumor::replay::world {

std::optional<LatencyDist> latency_dist_named(std::string_view name) {
  if (name == "constant") return LatencyDist::constant;
  if (name == "uniform") return LatencyDist::uniform;
  if (name == "exponential") return LatencyDist::exponential;
  return std::nullopt;
}

std::string latency_dist_name(LatencyDist dist) {
  switch (dist) {
    case LatencyDist::constant:
      return "constant";
    case LatencyDist::uniform:
      return "uniform";
    case LatencyDist::exponential:
      return "exponential";
  }
  return "?";
}

namespace {

std::int64_t uncapped_ms(const LatencyModel& model, std::uint64_t draw) {
  if (model.mean_ms <= 0) return 0;
  switch (model.dist) {
    case LatencyDist::constant:
      return model.mean_ms;
    case LatencyDist::uniform:
      return static_cast<std::int64_t>(
          Rng::below_of(draw, static_cast<std::uint64_t>(2 * model.mean_ms)));
    case LatencyDist::exponential: {
      // 1 − U lies in (0, 1], so the logarithm is finite.
      const double u = 1.0 - Rng::unit_of(draw);
      return static_cast<std::int64_t>(static_cast<double>(model.mean_ms) * -std::log(u));
    }
  }
  return model.mean_ms;
}

}  // namespace

std::int64_t drawn_latency_ms(const LatencyModel& model, std::uint64_t draw) {
  return std::min(uncapped_ms(model, draw), model.max_ms);
}

}  // namespace rumor::replay::world
