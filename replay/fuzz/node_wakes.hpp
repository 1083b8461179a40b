// When the fuzz simulator ticks each node: only when its core asked, on the node's own clock grid
// (phase + k * period, global time; the core reads its skewed clock), by the host's rule
// (runtime/tick_grid.hpp), so a run is that of a tick every period.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/saturating.hpp"
#include "replay/fuzz/schedule.hpp"
#include "runtime/tick_grid.hpp"

namespace rumor::replay::fuzz {

class NodeWakes {
 public:
  explicit NodeWakes(std::size_t nodes) : nodes_(nodes) {}

  // Whether a tick entry carrying `serial` is still the one wanted for the node.
  bool current(int node, std::uint32_t serial) const { return at(node).serial == serial; }
  void ticked(int node, std::int64_t at_ms) {
    Node& n = at(node);
    n.last_tick_ms = at_ms;
    n.asked_ms.reset();  // the tick moved the rule's lower bound: ask it again
  }

  // The node's next tick, at the first grid point at or after both floor_ms and the core's wake
  // time (core_wake_ms, on the node's clock), after its last tick. Returns the serial and time
  // of a tick entry to add, or nullopt when the pending one stands or none is wanted (any
  // pending one is then superseded).
  struct Tick {
    std::uint32_t serial = 0;
    std::int64_t at_ms = 0;
  };
  std::optional<Tick> reschedule(int node, const NodeClock& clock,
                                 std::optional<std::int64_t> core_wake_ms, std::int64_t floor_ms) {
    Node& n = at(node);
    // Most steps leave the core's wake time as it was: the pending tick then stands while the
    // floor has grown but not passed it, as the rule gives the first grid point at or after the
    // largest of its bounds, and none of them passed that point.
    if (n.asked_ms && n.asked_ms == core_wake_ms && n.pending_ms && n.asked_floor_ms <= floor_ms &&
        floor_ms <= *n.pending_ms) {
      return std::nullopt;
    }
    const std::optional<std::int64_t> at_ms = next_tick_ms(n, clock, core_wake_ms, floor_ms);
    n.asked_ms = core_wake_ms;
    n.asked_floor_ms = floor_ms;
    if (at_ms && n.pending_ms == at_ms) return std::nullopt;
    n.serial = ++last_serial_;
    n.pending_ms = at_ms;
    if (!at_ms) return std::nullopt;
    return Tick{n.serial, *at_ms};
  }
  void forget_pending(int node) { at(node).pending_ms.reset(); }

 private:
  struct Node {
    std::uint32_t serial = 0;  // of the one tick entry still wanted
    std::optional<std::int64_t> pending_ms;
    std::optional<std::int64_t> last_tick_ms;
    std::optional<std::int64_t> asked_ms;  // the core's wake time the pending tick serves
    std::int64_t asked_floor_ms = 0;       // and the floor it was found for
  };

  // The host's rule (runtime/tick_grid.hpp) on the node's grid; the core's wake time is on its
  // skewed clock.
  static std::optional<std::int64_t> next_tick_ms(const Node& n, const NodeClock& clock,
                                                  std::optional<std::int64_t> core_wake_ms,
                                                  std::int64_t floor_ms) {
    if (!core_wake_ms) return std::nullopt;
    const runtime::TickGrid grid{.phase = clock.phase_ms,
                                 .period = std::max<std::int64_t>(clock.period_ms, 1)};
    return runtime::next_tick(grid, core::saturating_sub(*core_wake_ms, clock.skew_ms), floor_ms,
                              n.last_tick_ms);
  }

  Node& at(int node) { return nodes_[static_cast<std::size_t>(node)]; }
  const Node& at(int node) const { return nodes_[static_cast<std::size_t>(node)]; }

  std::vector<Node> nodes_;
  std::uint32_t last_serial_ = 0;
};

}  // namespace rumor::replay::fuzz
