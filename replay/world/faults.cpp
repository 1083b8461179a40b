#include "replay/world/faults.hpp"

#include <algorithm>
#include <limits>

#include "replay/world/rng.hpp"

namespace rumor::replay::world {

namespace {

bool in_window(std::int64_t start_ms, std::int64_t end_ms, std::int64_t now_ms) {
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

void Faults::find_active(std::int64_t now_ms) {
  Active& active = active_;
  active.from_ms = std::numeric_limits<std::int64_t>::min();
  active.until_ms = std::numeric_limits<std::int64_t>::max();
  active.link_faults.clear();
  active.partitions.clear();
  // Narrows [from_ms, until_ms) to the span around now_ms where the window stays as it is.
  const auto note = [&active, now_ms](std::int64_t start_ms, std::int64_t end_ms) {
    for (const std::int64_t edge_ms : {start_ms, end_ms}) {
      if (edge_ms <= now_ms) active.from_ms = std::max(active.from_ms, edge_ms);
      if (edge_ms > now_ms) active.until_ms = std::min(active.until_ms, edge_ms);
    }
    return in_window(start_ms, end_ms, now_ms);
  };
  for (std::size_t k = 0; k < plan_.link_faults.size(); ++k) {
    const LinkFault& fault = plan_.link_faults[k].second;
    if (note(fault.start_ms, fault.end_ms)) {
      active.link_faults.push_back(static_cast<std::uint32_t>(k));
    }
  }
  for (std::size_t k = 0; k < plan_.partitions.size(); ++k) {
    if (note(plan_.partitions[k].start_ms, plan_.partitions[k].end_ms)) {
      active.partitions.push_back(static_cast<std::uint32_t>(k));
    }
  }
}

std::uint64_t Faults::latency_prefix(int from, int to) const {
  return hash_words(
      {plan_.seed, latency_draw, static_cast<std::uint64_t>(from), static_cast<std::uint64_t>(to)});
}

bool Faults::partition_cuts(const Active& active, int from, int to) const {
  for (const std::uint32_t k : active.partitions) {
    const Partition& partition = plan_.partitions[k];
    if (contains(partition.from, from) && contains(partition.to, to)) return true;
    if (partition.symmetric && contains(partition.from, to) && contains(partition.to, from)) {
      return true;
    }
  }
  return false;
}

Fate Faults::windowed_send(const Active& active, int from, int to, std::uint64_t latency_prefix,
                           std::uint64_t sequence) const {
  Fate fate;
  // Most windowed sends have no partition active: asked here, not by a call.
  if (!active.partitions.empty() && partition_cuts(active, from, to)) {
    fate.partitioned = true;
    return fate;
  }
  const std::uint64_t seed = plan_.seed;
  const auto f = static_cast<std::uint64_t>(from);
  const auto t = static_cast<std::uint64_t>(to);
  bool lost = false;
  bool duplicated = false;
  std::int64_t extra_ms = 0;
  for (const std::uint32_t window : active.link_faults) {
    const LinkFault& fault = plan_.link_faults[window].second;
    if (!contains(fault.from, from) || !contains(fault.to, to)) continue;
    const WindowPrefix& prefix = window_prefixes_[window];
    // A window at 1000 per mille takes every message: no draw needed to tell (a draw is < 1000).
    if (fault.per_mille < 1000 && hash_more(prefix.fault, {f, t, sequence}) % 1000 >=
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
  fate.delays_ms.push_back(latency_ms(latency, hash_more(latency_prefix, {sequence})) + extra_ms);
  if (duplicated) {
    // The copy takes its own path: its own latency, and its own share of any delay window.
    fate.delays_ms.push_back(latency_ms(latency, hash_words({seed, copy_draw, f, t, sequence})) +
                             extra_ms / 2);
  }
  return fate;
}

}  // namespace rumor::replay::world
