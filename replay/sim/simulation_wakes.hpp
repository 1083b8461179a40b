// When each embedded node is stepped without a message: only when its core asked, on the node's
// tick grid (a random phase plus multiples of --tick-ms), by the host's rule
// (runtime/tick_grid.hpp), so histories are those of a tick every period.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "replay/sim/event_queue.hpp"
#include "replay/world/lazy_timers.hpp"
#include "runtime/tick_grid.hpp"

namespace rumor::replay::sim::detail {

// A node's wanted tick moves with most of its steps, so it is a lazy timer
// (world/lazy_timers.hpp): in a 3e run ≈ 100 ticks run, and one event per change of a wanted
// tick queued ≈ 1,300 more that came up only to be discarded.
class NodeWakes {
 public:
  NodeWakes(std::size_t nodes, std::int64_t tick_ms)
      : tick_ns_(tick_ms * ns_per_ms), nodes_(nodes), ticks_(nodes, EventKind::tick) {}

  // The node's first tick, at its phase (setup sets one for each node).
  void first_tick(std::size_t node, std::int64_t at_ns, EventQueue& events) {
    ticks_.set(node, at_ns, events.now_ns(), events);
  }

  // Whether the node ticks on this tick event (else it was superseded, or its node now wants a
  // later tick, which it queued).
  bool due(const Event& event, EventQueue& events) { return ticks_.fired(event, events); }

  // The node was ticked at now_ns: a point of its grid (the first one fixes the grid).
  void ticked(std::size_t node, std::int64_t now_ns) {
    Node& n = nodes_[node];
    if (!n.phase_ns) n.phase_ns = now_ns;
    n.last_tick_ns = now_ns;
  }

  // After any step of the node at now_ns: the node now wants its next Tick at wake_at_ms, if any.
  void after_step(std::size_t node, std::optional<std::int64_t> wake_at_ms, std::int64_t now_ns,
                  EventQueue& events) {
    Node& n = nodes_[node];
    if (!n.phase_ns) return;  // its first tick is still pending and will ask again
    const auto at_ns = tick_at_ns(n, wake_at_ms, now_ns);
    if (!at_ns) return ticks_.cancel(node);
    if (ticks_.time_ns(node) == at_ns) return;  // keeps its place among same-instant events
    // As of one period before it is due, so it meets same-instant events in the same order
    // whenever it was asked for.
    ticks_.set(node, *at_ns, *at_ns - tick_ns_, events);
  }

 private:
  struct Node {
    std::optional<std::int64_t> phase_ns;
    std::optional<std::int64_t> last_tick_ns;
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
  world::LazyTimers<EventKind> ticks_;
};

}  // namespace rumor::replay::sim::detail
