// The schedule as a fuzz run sees it: every window and pause ends by the heal, client requests
// come due at their times, and the faults are the simulated world's (replay/world/faults.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/message.hpp"
#include "replay/fuzz/schedule.hpp"
#include "replay/world/faults.hpp"

namespace rumor::replay::fuzz {

// The schedule with every window and pause cut at the heal (config.fault_phase_ms).
Schedule healed(Schedule schedule);

// The schedule's broadcasts: one more than the largest value, and how many there are.
struct BroadcastValues {
  core::Value limit = 0;
  std::size_t count = 0;
};
BroadcastValues broadcast_values(const Schedule& schedule);

// When and to which node a client event sends its request; nothing for faults and pauses.
// Inline: every run asks it of each of its up to 4000 events, and the call was most of that.
inline std::optional<std::pair<std::int64_t, int>> client_event(const EventBody& body) {
  if (const auto* broadcast = std::get_if<ClientBroadcast>(&body)) {
    return std::pair{broadcast->at_ms, broadcast->node};
  }
  if (const auto* read = std::get_if<ClientRead>(&body)) return std::pair{read->at_ms, read->node};
  return std::nullopt;
}

// The world's fault plan of the schedule: its seed, latency, link fault windows and partitions.
world::FaultPlan fault_plan(const Schedule& schedule);

// Each node's pauses, as [start, end) windows.
class Pauses {
 public:
  explicit Pauses(const Schedule& schedule);
  // When the node is paused at at_ms, the time it resumes (overlapping pauses chain into one).
  // Asked at every delivery and tick, so the usual answers (no pause left, or none yet for this
  // node: most nodes have none) are inline.
  std::optional<std::int64_t> end_ms(int node, std::int64_t at_ms) const {
    if (at_ms >= over_ms_ || at_ms < first_start_ms_[static_cast<std::size_t>(node)]) {
      return std::nullopt;
    }
    return chained_end_ms(node, at_ms);
  }

 private:
  std::optional<std::int64_t> chained_end_ms(int node, std::int64_t at_ms) const;

  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> windows_;
  std::int64_t over_ms_ = 0;                  // every pause has ended by then
  std::vector<std::int64_t> first_start_ms_;  // per node: when its first pause starts, if any
};

// A compact one-line description of a message, for --log and failure reasons.
std::string describe(const core::Message& message);

}  // namespace rumor::replay::fuzz
