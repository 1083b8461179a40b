// NodeWakes (replay/fuzz/node_wakes.hpp) keeps a node's pending tick without asking the tick
// rule again when the core's wake time did not change: whatever it answers must be what the
// rule (runtime/tick_grid.hpp) gives for the same bounds.
#include "replay/fuzz/node_wakes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "replay/world/rng.hpp"
#include "runtime/tick_grid.hpp"

namespace rumor::replay::fuzz {
namespace {

// The tick the rule wants for the node: on its grid, the core's wake time on its skewed clock.
std::optional<std::int64_t> rule_tick_ms(const NodeClock& clock,
                                         std::optional<std::int64_t> wake_ms, std::int64_t floor_ms,
                                         std::optional<std::int64_t> last_tick_ms) {
  if (!wake_ms) return std::nullopt;
  return runtime::next_tick({.phase = clock.phase_ms, .period = clock.period_ms},
                            *wake_ms - clock.skew_ms, floor_ms, last_tick_ms);
}

// Random walks of a node: steps at growing times whose core asks for a wake time that often
// stays the same, sometimes moves or goes away, and ticks when the pending tick comes due.
TEST(NodeWakes, ThePendingTickIsAlwaysTheRulesTick) {
  int kept = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    world::Rng rng(seed);
    const NodeClock clock{
        .period_ms = rng.range(1, 20), .phase_ms = rng.range(0, 19), .skew_ms = rng.range(0, 50)};
    NodeWakes wakes(1);
    std::optional<std::int64_t> pending_ms;
    std::optional<std::int64_t> last_tick_ms;
    std::optional<std::int64_t> wake_ms = 30;
    std::int64_t now_ms = 0;
    for (int step = 0; step < 300; ++step) {
      if (pending_ms && rng.chance(300)) {  // the pending tick fires
        now_ms = std::max(now_ms, *pending_ms);
        wakes.ticked(0, now_ms);
        last_tick_ms = now_ms;
      } else {
        now_ms += rng.range(0, 15);
      }
      const auto roll = rng.below(10);
      if (roll == 0) wake_ms.reset();
      if (roll == 1 || roll == 2) wake_ms = now_ms + rng.range(-10, 60);
      const std::optional<std::int64_t> expected_ms =
          rule_tick_ms(clock, wake_ms, now_ms, last_tick_ms);
      const auto tick = wakes.reschedule(0, clock, wake_ms, now_ms);
      if (tick) {
        pending_ms = tick->at_ms;
        EXPECT_TRUE(wakes.current(0, tick->serial));
      } else if (!expected_ms) {
        pending_ms.reset();  // none wanted: the pending one is superseded
      } else {
        ++kept;  // the pending tick stands
      }
      ASSERT_EQ(pending_ms, expected_ms) << "seed " << seed << ", step " << step;
    }
  }
  EXPECT_GT(kept, 1000);  // the walks do keep pending ticks
}

}  // namespace
}  // namespace rumor::replay::fuzz
