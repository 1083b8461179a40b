#include "replay/fuzz/convergence_bound.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/link.hpp"
#include "core/profile.hpp"
#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {

namespace {

constexpr std::int64_t slack_ms = 1000;

std::int64_t tick_period_max_ms(const Config& config) {
  std::int64_t period_ms = 1;
  for (const auto& clock : config.clocks) period_ms = std::max(period_ms, clock.period_ms);
  return period_ms;
}

std::int64_t extra_delay_max_ms(const Schedule& schedule) {
  std::int64_t delay_ms = 0;
  for (const auto& event : schedule.events) {
    if (const auto* fault = std::get_if<LinkFault>(&event.body)) {
      if (fault->kind == LinkFaultKind::delay) {
        delay_ms = std::max(delay_ms, fault->extra_delay_ms_max);
      }
    }
  }
  return delay_ms;
}

}  // namespace

int overlay_hops(const Config& config) {
  if (config.nodes <= 1) return 0;
  const auto profile = core::profile_named(config.profile);
  if (!profile) throw std::invalid_argument("unknown profile " + config.profile);
  switch (profile->overlay) {
    case core::Overlay::mesh:
      return 1;
    case core::Overlay::star:
      return 2;
    case core::Overlay::topology:
      return std::max(1, topology_diameter(config.topology, config.nodes));
  }
  return config.nodes - 1;
}

std::int64_t convergence_bound_ms(const Schedule& schedule) {
  const Config& config = schedule.config;
  const auto profile = core::profile_named(config.profile);
  if (!profile) throw std::invalid_argument("unknown profile " + config.profile);
  const std::int64_t tick_ms = tick_period_max_ms(config);
  const std::int64_t latency_ms = config.latency.max_ms;
  const std::int64_t batch_ms =
      std::max(profile->origin_batch_ms, profile->relay_batch_ms) + profile->relay_phase_ms;
  const auto window = static_cast<std::int64_t>(core::window_values_max(*profile));
  const auto values = static_cast<std::int64_t>(distinct_values(schedule));
  const std::int64_t rounds = (values + window - 1) / window + 1;
  const std::int64_t round_trip_ms = 2 * latency_ms + profile->ack_delay_ms + 2 * tick_ms;
  const std::int64_t resend_ms =
      2 * profile->retransmit_ms + profile->retransmit_ms / 4 + profile->ack_delay_ms + tick_ms;
  const std::int64_t hop_ms = batch_ms + 2 * tick_ms + latency_ms + rounds * round_trip_ms;
  return resend_ms + overlay_hops(config) * hop_ms + extra_delay_max_ms(schedule) + slack_ms;
}

}  // namespace rumor::replay::fuzz
