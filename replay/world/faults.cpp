#include "replay/world/faults.hpp"

#include <algorithm>

#include "replay/world/rng.hpp"

namespace rumor::replay::world {

namespace {

bool active(std::int64_t start_ms, std::int64_t end_ms, std::int64_t now_ms) {
  return start_ms <= now_ms && now_ms < end_ms;
}

// Draws of one message, told apart so they stay independent.
enum Draw : std::uint64_t { latency_draw = 1, fault_draw = 2, delay_draw = 3, copy_draw = 4 };

}  // namespace

Faults::Faults(FaultPlan plan)
    : plan_(std::move(plan)), links_(static_cast<std::size_t>(plan_.nodes * plan_.nodes)) {
  window_prefixes_.reserve(plan_.link_faults.size());
  for (const auto& [id, fault] : plan_.link_faults) {
    window_prefixes_.push_back({.fault = hash_words({plan_.seed, id, fault_draw}),
                                .delay = hash_words({plan_.seed, id, delay_draw})});
  }
}

bool Faults::cut(int from, int to, std::int64_t now_ms) const {
  for (const auto& partition : plan_.partitions) {
    if (!active(partition.start_ms, partition.end_ms, now_ms)) continue;
    if (contains(partition.from, from) && contains(partition.to, to)) return true;
    if (partition.symmetric && contains(partition.from, to) && contains(partition.to, from)) {
      return true;
    }
  }
  return false;
}

Fate Faults::send(int from, int to, std::int64_t now_ms) {
  Link& link = links_[static_cast<std::size_t>(from * plan_.nodes + to)];
  const std::uint64_t sequence = link.sequence++;
  const std::uint64_t seed = plan_.seed;
  const auto f = static_cast<std::uint64_t>(from);
  const auto t = static_cast<std::uint64_t>(to);
  if (sequence == 0) {
    link.latency_prefix = hash_words({seed, latency_draw, f, t});
  }
  Fate fate;
  if (cut(from, to, now_ms)) {
    fate.partitioned = true;
    return fate;
  }
  bool lost = false;
  bool duplicated = false;
  std::int64_t extra_ms = 0;
  for (std::size_t window = 0; window < plan_.link_faults.size(); ++window) {
    const LinkFault& fault = plan_.link_faults[window].second;
    if (!active(fault.start_ms, fault.end_ms, now_ms)) continue;
    if (!contains(fault.from, from) || !contains(fault.to, to)) continue;
    const WindowPrefix& prefix = window_prefixes_[window];
    if (hash_more(prefix.fault, {f, t, sequence}) % 1000 >=
        static_cast<std::uint64_t>(fault.per_mille)) {
      continue;
    }
    switch (fault.kind) {
      case LinkFaultKind::loss:
        lost = true;
        break;
      case LinkFaultKind::duplicate:
        duplicated = true;
        break;
      case LinkFaultKind::delay: {
        const auto spread = static_cast<std::uint64_t>(fault.extra_delay_ms_max) + 1;
        extra_ms =
            std::max(extra_ms,
                     static_cast<std::int64_t>(hash_more(prefix.delay, {f, t, sequence}) % spread));
        break;
      }
    }
  }
  if (lost) return fate;
  const LatencyModel& latency = plan_.latency;
  fate.delays_ms.push_back(latency_ms(latency, hash_more(link.latency_prefix, {sequence})) +
                           extra_ms);
  if (duplicated) {
    // The copy takes its own path: its own latency, and its own share of any delay window.
    fate.delays_ms.push_back(latency_ms(latency, hash_words({seed, copy_draw, f, t, sequence})) +
                             extra_ms / 2);
  }
  return fate;
}

}  // namespace rumor::replay::world
