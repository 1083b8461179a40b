#include "replay/fuzz/fault_network.hpp"

#include <algorithm>
#include <cmath>

#include "replay/fuzz/hash.hpp"

namespace rumor::replay::fuzz {

namespace {

bool active(std::int64_t start_ms, std::int64_t end_ms, std::int64_t now_ms) {
  return start_ms <= now_ms && now_ms < end_ms;
}

// Draws of one message, told apart so they stay independent.
enum Draw : std::uint64_t { latency_draw = 1, fault_draw = 2, delay_draw = 3, copy_draw = 4 };

}  // namespace

FaultNetwork::FaultNetwork(const Schedule& schedule)
    : seed_(schedule.config.seed),
      nodes_(schedule.config.nodes),
      latency_(schedule.config.latency),
      link_sequence_(static_cast<std::size_t>(nodes_ * nodes_)) {
  for (const auto& event : schedule.events) {
    if (const auto* fault = std::get_if<LinkFault>(&event.body)) {
      faults_.emplace_back(event.id, *fault);
    } else if (const auto* partition = std::get_if<Partition>(&event.body)) {
      partitions_.push_back(*partition);
    }
  }
}

std::int64_t FaultNetwork::latency_ms(std::uint64_t draw) const {
  if (latency_.mean_ms <= 0) return 0;
  switch (latency_.kind) {
    case LatencyKind::constant:
      return latency_.mean_ms;
    case LatencyKind::uniform:
      return static_cast<std::int64_t>(draw % static_cast<std::uint64_t>(2 * latency_.mean_ms));
    case LatencyKind::exponential: {
      const double unit = static_cast<double>(draw >> 11) * 0x1.0p-53;  // [0, 1)
      const auto drawn =
          static_cast<std::int64_t>(-static_cast<double>(latency_.mean_ms) * std::log1p(-unit));
      return std::min(drawn, latency_.max_ms);
    }
  }
  return latency_.mean_ms;
}

bool FaultNetwork::cut(int from, int to, std::int64_t now_ms) const {
  for (const auto& partition : partitions_) {
    if (!active(partition.start_ms, partition.end_ms, now_ms)) continue;
    if (contains(partition.from, from) && contains(partition.to, to)) return true;
    if (partition.symmetric && contains(partition.from, to) && contains(partition.to, from)) {
      return true;
    }
  }
  return false;
}

Fate FaultNetwork::send(int from, int to, std::int64_t now_ms) {
  const auto link = static_cast<std::size_t>(from * nodes_ + to);
  const std::uint64_t sequence = link_sequence_[link]++;
  const auto f = static_cast<std::uint64_t>(from);
  const auto t = static_cast<std::uint64_t>(to);
  Fate fate;
  if (cut(from, to, now_ms)) {
    fate.partitioned = true;
    return fate;
  }
  bool lost = false;
  bool duplicated = false;
  std::int64_t extra_ms = 0;
  for (const auto& [id, fault] : faults_) {
    if (!active(fault.start_ms, fault.end_ms, now_ms)) continue;
    if (!contains(fault.from, from) || !contains(fault.to, to)) continue;
    if (hash_words({seed_, id, fault_draw, f, t, sequence}) % 1000 >=
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
            std::max(extra_ms, static_cast<std::int64_t>(
                                   hash_words({seed_, id, delay_draw, f, t, sequence}) % spread));
        break;
      }
    }
  }
  if (lost) return fate;
  fate.delays_ms.push_back(latency_ms(hash_words({seed_, latency_draw, f, t, sequence})) +
                           extra_ms);
  if (duplicated) {
    // The copy takes its own path: its own latency, and its own share of any delay window.
    fate.delays_ms.push_back(latency_ms(hash_words({seed_, copy_draw, f, t, sequence})) +
                             extra_ms / 2);
  }
  return fate;
}

}  // namespace rumor::replay::fuzz
