#include "replay/fuzz/generate.hpp"

#include <algorithm>

#include "core/profile.hpp"
#include "replay/fuzz/convergence_bound.hpp"
#include "replay/fuzz/topology.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::fuzz {

namespace {

using world::Rng;

// Enough for a backlog past one link window (4 x 256 values in flight) after a long partition.
constexpr std::int64_t client_ops_max = 4000;
// At most 3 x 4 link fault windows, 4 partitions and 3 pauses (add_faults).
constexpr std::size_t fault_events_max = 3 * 4 + 4 + 3;

// Small clusters find most bugs and run fast; large ones still come up regularly.
int pick_nodes(Rng& rng, const SwarmLimits& limits) {
  const int low = limits.nodes_min;
  const int high = limits.nodes_max;
  const auto roll = rng.below(100);
  int cap = high;
  if (roll < 50) {
    cap = std::min(high, std::max(low, 7));
  } else if (roll < 85) {
    cap = std::min(high, std::max(low, 20));
  }
  return static_cast<int>(rng.range(low, cap));
}

Latency pick_latency(Rng& rng) {
  Latency latency;
  latency.mean_ms = rng.pick<std::int64_t>({0, 1, 5, 10, 25, 50, 100, 200});
  latency.kind =
      latency.mean_ms == 0
          ? LatencyKind::constant
          : rng.pick({LatencyKind::constant, LatencyKind::uniform, LatencyKind::exponential});
  switch (latency.kind) {
    case LatencyKind::constant:
      latency.max_ms = latency.mean_ms;
      break;
    case LatencyKind::uniform:
      latency.max_ms = std::max<std::int64_t>(2 * latency.mean_ms - 1, 0);
      break;
    case LatencyKind::exponential:
      latency.max_ms = 5 * latency.mean_ms;
      break;
  }
  return latency;
}

std::vector<NodeClock> pick_clocks(Rng& rng, int nodes) {
  enum { in_step, small_skew, large_skew };
  const auto mode = rng.below(3);
  std::vector<NodeClock> clocks(static_cast<std::size_t>(nodes));
  for (auto& clock : clocks) {
    if (mode == small_skew) {
      clock.period_ms = rng.range(9, 11);
      clock.skew_ms = rng.range(0, 50);
    } else if (mode == large_skew) {
      clock.period_ms = rng.range(5, 20);
      clock.skew_ms = rng.range(0, 3000);
    }
    clock.phase_ms = mode == in_step ? 0 : rng.range(0, clock.period_ms - 1);
  }
  return clocks;
}

NodeSet all_nodes(int nodes) {
  return nodes >= nodes_max ? ~NodeSet{0} : (NodeSet{1} << nodes) - 1;
}

NodeSet random_subset(Rng& rng, int nodes) {
  NodeSet set = 0;
  for (int node = 0; node < nodes; ++node) {
    if (rng.coin()) set |= only(node);
  }
  return set != 0 ? set : only(static_cast<int>(rng.below(static_cast<std::uint64_t>(nodes))));
}

// Who a fault window cuts or disturbs: one node against the rest, two random halves, or random
// sets (which may overlap).
std::pair<NodeSet, NodeSet> pick_sides(Rng& rng, int nodes) {
  const NodeSet everyone = all_nodes(nodes);
  const int node = static_cast<int>(rng.below(static_cast<std::uint64_t>(nodes)));
  const NodeSet others = (everyone & ~only(node)) != 0 ? everyone & ~only(node) : everyone;
  switch (rng.below(4)) {
    case 0:
      return {only(node), others};
    case 1:
      return {others, only(node)};
    case 2: {
      const NodeSet half = random_subset(rng, nodes);
      const NodeSet rest = everyone & ~half;
      return {half, rest != 0 ? rest : everyone};
    }
    default:
      return {random_subset(rng, nodes), random_subset(rng, nodes)};
  }
}

// Short blips, long stretches, or the whole fault phase.
std::pair<std::int64_t, std::int64_t> pick_window(Rng& rng, std::int64_t fault_phase_ms) {
  const auto roll = rng.below(100);
  if (roll < 15) return {0, fault_phase_ms};
  const std::int64_t start_ms = rng.range(0, fault_phase_ms - 1);
  const std::int64_t length_ms =
      roll < 60 ? rng.range(10, 500) : rng.range(500, std::max<std::int64_t>(fault_phase_ms, 501));
  return {start_ms, std::min(start_ms + length_ms, fault_phase_ms)};
}

struct Builder {
  Rng& rng;
  Schedule& schedule;
  std::uint32_t next_id = 1;
  void add(EventBody body) { schedule.events.push_back(Event{next_id++, std::move(body)}); }
};

void add_client_ops(Builder& builder) {
  Rng& rng = builder.rng;
  const Config& config = builder.schedule.config;
  const std::int64_t rate_per_s = rng.pick<std::int64_t>({2, 10, 50, 150, 300, 600});
  const auto broadcast_per_mille = rng.pick<std::uint64_t>({200, 500, 800});
  const auto duplicate_per_mille = rng.pick<std::uint64_t>({0, 0, 20, 100});
  const std::int64_t gap_ms_max = 2000 / rate_per_s;
  core::Value next_value = 0;
  std::int64_t at_ms = 0;
  for (std::int64_t op = 0; op < client_ops_max && at_ms < config.fault_phase_ms; ++op) {
    const int node = static_cast<int>(rng.below(static_cast<std::uint64_t>(config.nodes)));
    if (!rng.chance(broadcast_per_mille)) {
      builder.add(ClientRead{at_ms, node});
    } else if (next_value > 0 && rng.chance(duplicate_per_mille)) {
      const auto value =
          static_cast<core::Value>(rng.below(static_cast<std::uint64_t>(next_value)));
      builder.add(ClientBroadcast{at_ms, node, value});
    } else {
      builder.add(ClientBroadcast{at_ms, node, next_value++});
    }
    at_ms += rng.range(0, gap_ms_max);
  }
}

void add_faults(Builder& builder) {
  Rng& rng = builder.rng;
  const Config& config = builder.schedule.config;
  const std::int64_t phase_ms = config.fault_phase_ms;
  for (auto kind : {LinkFaultKind::loss, LinkFaultKind::duplicate, LinkFaultKind::delay}) {
    if (!rng.coin()) continue;  // swarm: each kind of fault is on in about half the runs
    const auto windows = rng.range(1, 4);
    for (std::int64_t i = 0; i < windows; ++i) {
      const auto [start_ms, end_ms] = pick_window(rng, phase_ms);
      const auto [from, to] = pick_sides(rng, config.nodes);
      LinkFault fault{.kind = kind,
                      .start_ms = start_ms,
                      .end_ms = end_ms,
                      .from = from,
                      .to = to,
                      .per_mille = rng.pick({50, 200, 500, 900, 1000}),
                      .extra_delay_ms_max = 0};
      if (kind == LinkFaultKind::delay) {
        fault.extra_delay_ms_max = rng.pick<std::int64_t>({10, 100, 500, 2000});
      }
      builder.add(fault);
    }
  }
  if (rng.coin()) {
    const auto partitions = rng.range(1, 4);
    for (std::int64_t i = 0; i < partitions; ++i) {
      const auto [start_ms, end_ms] = pick_window(rng, phase_ms);
      const auto [from, to] = pick_sides(rng, config.nodes);
      builder.add(Partition{start_ms, end_ms, from, to, rng.coin()});
    }
  }
  if (rng.coin()) {
    const auto pauses = rng.range(1, 3);
    for (std::int64_t i = 0; i < pauses; ++i) {
      // A pause is a fault window like the others: no length is singled out, short and long
      // ones (up to the whole fault phase) all come up.
      const auto [start_ms, end_ms] = pick_window(rng, phase_ms);
      const int node = static_cast<int>(rng.below(static_cast<std::uint64_t>(config.nodes)));
      builder.add(Pause{start_ms, end_ms, node});
    }
  }
}

}  // namespace

Schedule generate_schedule(std::uint64_t seed, const SwarmLimits& limits) {
  Rng rng = Rng::mixed(seed);
  Schedule schedule;
  Config& config = schedule.config;
  config.seed = seed;
  config.nodes = pick_nodes(rng, limits);
  const auto profiles = core::profile_names();
  config.profile = limits.profile.empty() ? profiles[rng.below(profiles.size())] : limits.profile;
  const auto kinds = topology_kinds();
  config.topology = kinds[rng.below(kinds.size())];
  config.latency = pick_latency(rng);
  config.clocks = pick_clocks(rng, config.nodes);
  config.fault_phase_ms = rng.pick<std::int64_t>({500, 1000, 2000, 3000, 5000, 8000, 12000, 20000});
  Builder builder{rng, schedule};
  schedule.events.reserve(static_cast<std::size_t>(client_ops_max) + fault_events_max);
  add_client_ops(builder);
  add_faults(builder);
  config.liveness_ms = convergence_bound_ms(schedule);
  return schedule;
}

}  // namespace rumor::replay::fuzz
