#include "replay/fuzz/schedule_view.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

namespace rumor::replay::fuzz {

Schedule healed(Schedule schedule) {
  const std::int64_t heal_ms = schedule.config.fault_phase_ms;
  for (auto& event : schedule.events) {
    std::visit(
        [heal_ms](auto& body) {
          if constexpr (requires { body.end_ms; }) body.end_ms = std::min(body.end_ms, heal_ms);
        },
        event.body);
  }
  return schedule;
}

BroadcastValues broadcast_values(const Schedule& schedule) {
  BroadcastValues values;
  for (const auto& event : schedule.events) {
    if (const auto* broadcast = std::get_if<ClientBroadcast>(&event.body)) {
      values.limit = std::max(values.limit, broadcast->value + 1);
      ++values.count;
    }
  }
  return values;
}

world::FaultPlan fault_plan(const Schedule& schedule) {
  const Config& config = schedule.config;
  world::FaultPlan plan{.seed = config.seed,
                        .nodes = config.nodes,
                        .latency = {.mean_ms = config.latency.mean_ms,
                                    .dist = config.latency.kind,
                                    .max_ms = config.latency.max_ms},
                        .link_faults = {},
                        .partitions = {}};
  for (const auto& event : schedule.events) {
    if (const auto* fault = std::get_if<LinkFault>(&event.body)) {
      plan.link_faults.emplace_back(event.id, *fault);
    } else if (const auto* partition = std::get_if<Partition>(&event.body)) {
      plan.partitions.push_back(*partition);
    }
  }
  return plan;
}

Pauses::Pauses(const Schedule& schedule)
    : windows_(static_cast<std::size_t>(std::max(schedule.config.nodes, 0))),
      first_start_ms_(windows_.size(), std::numeric_limits<std::int64_t>::max()) {
  for (const auto& event : schedule.events) {
    if (const auto* pause = std::get_if<Pause>(&event.body)) {
      const auto node = static_cast<std::size_t>(pause->node);
      windows_[node].emplace_back(pause->start_ms, pause->end_ms);
      first_start_ms_[node] = std::min(first_start_ms_[node], pause->start_ms);
      over_ms_ = std::max(over_ms_, pause->end_ms);
    }
  }
}

std::optional<std::int64_t> Pauses::chained_end_ms(int node, std::int64_t at_ms) const {
  std::optional<std::int64_t> resume_ms;
  bool extended = true;
  while (extended) {  // overlapping pauses chain into one
    extended = false;
    const std::int64_t probe_ms = resume_ms.value_or(at_ms);
    for (const auto& [start_ms, end_ms] : windows_[static_cast<std::size_t>(node)]) {
      if (start_ms <= probe_ms && probe_ms < end_ms) {
        resume_ms = end_ms;
        extended = true;
      }
    }
  }
  return resume_ms;
}

std::string describe(const core::Message& message) {
  std::ostringstream out;
  out << message.src << "->" << message.dest << " " << core::type_name(message.body);
  if (const auto* gossip = std::get_if<core::Gossip>(&message.body)) {
    out << " offset=" << gossip->offset << " values=" << gossip->values.size()
        << " ack=" << gossip->ack;
  } else if (const auto* broadcast = std::get_if<core::Broadcast>(&message.body)) {
    out << " " << broadcast->message;
  } else if (const auto* read_ok = std::get_if<core::ReadOk>(&message.body)) {
    out << " " << read_ok->messages.size() << " values";
  }
  return out.str();
}

}  // namespace rumor::replay::fuzz
