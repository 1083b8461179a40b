// When each embedded node is stepped without a message: only when its core asked, on the node's
// tick grid (a random phase plus multiples of --tick-ms), by the host's rule
// (runtime/tick_grid.hpp), so histories are those of a tick every period.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "replay/sim/event_queue.hpp"
#include "runtime/tick_grid.hpp"

namespace rumor::replay::sim::detail {

class NodeWakes {
 public:
  NodeWakes(std::size_t nodes, std::int64_t tick_ms)
      : tick_ns_(tick_ms * ns_per_ms), nodes_(nodes) {}

  // Whether a tick event is still wanted (a later step may have moved or cancelled it). The
  // first tick of each node, scheduled at its phase by setup with serial 0, always is.
  bool current(const Event& event) const { return event.serial == nodes_[event.target].serial; }

  // The node was ticked at now_ns: a point of its grid (the first one fixes the grid).
  void ticked(std::size_t node, std::int64_t now_ns) {
    Node& n = nodes_[node];
    if (!n.phase_ns) n.phase_ns = now_ns;
    n.last_tick_ns = now_ns;
  }

  // After any step of the node at now_ns: schedules its next Tick for wake_at_ms, if any.
  void after_step(std::size_t node, std::optional<std::int64_t> wake_at_ms, std::int64_t now_ns,
                  EventQueue& events) {
    Node& n = nodes_[node];
    if (!n.phase_ns) return;  // its first tick is still pending and will ask again
    const auto at_ns = tick_at_ns(n, wake_at_ms, now_ns);
    if (at_ns && n.pending_ns == at_ns) return;
    n.serial = ++last_serial_;  // supersedes any pending tick: it would find nothing due
    n.pending_ns = at_ns;
    if (at_ns) {
      events.schedule_as_of(*at_ns - tick_ns_, *at_ns, EventKind::tick,
                            static_cast<std::uint32_t>(node), n.serial);
    }
  }

 private:
  struct Node {
    std::optional<std::int64_t> phase_ns;
    std::optional<std::int64_t> last_tick_ns;
    std::uint64_t serial = 0;
    std::optional<std::int64_t> pending_ns;
  };

  // The first grid point at or after both now and the wake time, after the last tick.
  std::optional<std::int64_t> tick_at_ns(const Node& n, std::optional<std::int64_t> wake_at_ms,
                                         std::int64_t now_ns) const {
    return runtime::next_tick(runtime::TickGrid{.phase = *n.phase_ns, .period = tick_ns_},
                              runtime::wake_in_units(wake_at_ms, ns_per_ms), now_ns,
                              n.last_tick_ns);
  }

  std::int64_t tick_ns_;
  std::vector<Node> nodes_;
  std::uint64_t last_serial_ = 0;
};

}  // namespace rumor::replay::sim::detail
