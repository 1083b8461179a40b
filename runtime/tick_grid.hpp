// When a host steps a core without a message (timers as outputs, core::Output::wake_at_ms): only
// when the core asked, at a point of the node's tick grid (--tick-ms is the granularity of the
// node's timers). One rule for rumor-node (node_loop.cpp), rumor test's simulator
// (replay/sim/simulation_wakes.hpp) and the fuzzer (replay/fuzz/node_wakes.hpp): every tick it
// gives is one fixed-period ticking would also have given at that time, and the ones it skips
// would have found nothing due, so a run is the same as with a tick every period.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

namespace rumor::runtime {

// The points phase, phase + period, phase + 2·period, ... in one unit of time (ms for
// rumor-node and the fuzzer, ns for rumor test's simulator).
struct TickGrid {
  std::int64_t phase = 0;
  std::int64_t period = 1;  // > 0
};

// A wake time beyond this counts as none: no run lasts that long, and it keeps the grid
// arithmetic far from overflow. Callers keep their other times within ±tick_wake_max too.
inline constexpr std::int64_t tick_wake_max = std::numeric_limits<std::int64_t>::max() / 4;

// The tick that serves the core's wake time `wake` (on the grid's clock and in its unit): the
// first grid point at or after both `wake` and `not_before`, and after `last_tick` (a host ticks
// a node at most once at a time). None when the core asked for nothing, or for a time beyond
// tick_wake_max.
constexpr std::optional<std::int64_t> next_tick(TickGrid grid, std::optional<std::int64_t> wake,
                                                std::int64_t not_before,
                                                std::optional<std::int64_t> last_tick) {
  if (!wake || *wake > tick_wake_max) return std::nullopt;
  std::int64_t at_or_after = std::max({*wake, not_before, grid.phase});
  if (last_tick) at_or_after = std::max(at_or_after, *last_tick + 1);
  // at_or_after >= phase, so this division rounds up.
  return grid.phase + (at_or_after - grid.phase + grid.period - 1) / grid.period * grid.period;
}

// A core's wake time (ms) on a grid counted in finer units (units_per_ms of them to the ms, as the
// simulator's ns); none when there is none or it is beyond tick_wake_max in those units. A wake
// long past stays long past (clamped, not wrapped).
constexpr std::optional<std::int64_t> wake_in_units(std::optional<std::int64_t> wake_ms,
                                                    std::int64_t units_per_ms) {
  const std::int64_t wake_ms_max = tick_wake_max / units_per_ms;
  if (!wake_ms || *wake_ms > wake_ms_max) return std::nullopt;
  return std::max(*wake_ms, -wake_ms_max) * units_per_ms;
}

}  // namespace rumor::runtime
