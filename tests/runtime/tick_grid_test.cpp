// The tick-grid rule every host uses to wake a core (runtime/tick_grid.hpp): the first grid point
// at or after the wake time and the floor, after the last tick; none without a wake.
#include "runtime/tick_grid.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>

namespace rumor::runtime {
namespace {

// The rule by walking the grid point by point: what next_tick computes in one step.
std::int64_t first_point_by_walking(TickGrid grid, std::int64_t wake, std::int64_t not_before,
                                    std::optional<std::int64_t> last_tick) {
  std::int64_t point = grid.phase;
  while (point < wake || point < not_before || (last_tick && point <= *last_tick)) {
    point += grid.period;
  }
  return point;
}

TEST(TickGrid, NoWakeMeansNoTick) {
  EXPECT_EQ(next_tick(TickGrid{.phase = 3, .period = 10}, std::nullopt, 0, std::nullopt),
            std::nullopt);
  EXPECT_EQ(next_tick(TickGrid{.phase = 3, .period = 10}, std::nullopt, 50, 43), std::nullopt);
}

TEST(TickGrid, AWakeTooFarToComeMeansNoTick) {
  const TickGrid grid{.phase = 0, .period = 10};
  EXPECT_EQ(next_tick(grid, tick_wake_max + 1, 0, std::nullopt), std::nullopt);
  EXPECT_EQ(next_tick(grid, std::numeric_limits<std::int64_t>::max(), 0, std::nullopt),
            std::nullopt);
  EXPECT_TRUE(next_tick(grid, tick_wake_max - 10, 0, std::nullopt).has_value());
}

TEST(TickGrid, AWakeOnAGridPointIsServedThere) {
  EXPECT_EQ(next_tick(TickGrid{.phase = 3, .period = 10}, 43, 0, std::nullopt), 43);
  EXPECT_EQ(next_tick(TickGrid{.phase = 0, .period = 37}, 74, 74, 37), 74);
}

TEST(TickGrid, AWakeBetweenPointsWaitsForTheNext) {
  EXPECT_EQ(next_tick(TickGrid{.phase = 3, .period = 10}, 44, 0, std::nullopt), 53);
  EXPECT_EQ(next_tick(TickGrid{.phase = 0, .period = 10}, 1, 0, std::nullopt), 10);
}

TEST(TickGrid, AWakeAlreadyPastIsServedAtTheFloor) {
  // The simulators pass now as the floor: a due timer runs at the next point from now.
  EXPECT_EQ(next_tick(TickGrid{.phase = 3, .period = 10}, 5, 61, std::nullopt), 63);
  // rumor-node passes the grid's start: a due timer runs at once (the point is already past).
  EXPECT_EQ(next_tick(TickGrid{.phase = 0, .period = 10}, -25, 0, std::nullopt), 0);
}

TEST(TickGrid, NoTickBeforeTheGridStarts) {
  EXPECT_EQ(next_tick(TickGrid{.phase = 7, .period = 10}, 0, 0, std::nullopt), 7);
}

TEST(TickGrid, AtMostOneTickAtATime) {
  const TickGrid grid{.phase = 0, .period = 10};
  EXPECT_EQ(next_tick(grid, 40, 0, 40), 50);  // already ticked at the wake's point
  EXPECT_EQ(next_tick(grid, 20, 0, 40), 50);
  // rumor-node ticks when its clock gets there, which may be off the grid.
  EXPECT_EQ(next_tick(grid, 40, 0, 43), 50);
  EXPECT_EQ(next_tick(grid, 40, 0, 49), 50);
  EXPECT_EQ(next_tick(grid, 40, 0, 50), 60);
}

RC_GTEST_PROP(TickGrid, IsTheFirstGridPointThatServesTheWake, ()) {
  const TickGrid grid{.phase = *rc::gen::inRange<std::int64_t>(-50, 50),
                      .period = *rc::gen::inRange<std::int64_t>(1, 40)};
  const auto wake = *rc::gen::inRange<std::int64_t>(-200, 500);
  const auto not_before = *rc::gen::inRange<std::int64_t>(-200, 500);
  std::optional<std::int64_t> last_tick;
  if (*rc::gen::arbitrary<bool>()) last_tick = *rc::gen::inRange<std::int64_t>(-200, 500);
  const auto tick = next_tick(grid, wake, not_before, last_tick);
  RC_ASSERT(tick.has_value());
  RC_ASSERT(*tick == first_point_by_walking(grid, wake, not_before, last_tick));
}

TEST(TickGrid, WakeInUnitsScalesMilliseconds) {
  constexpr std::int64_t ns_per_ms = 1'000'000;
  EXPECT_EQ(wake_in_units(std::nullopt, ns_per_ms), std::nullopt);
  EXPECT_EQ(wake_in_units(250, ns_per_ms), 250 * ns_per_ms);
  EXPECT_EQ(wake_in_units(250, 1), 250);
  EXPECT_EQ(wake_in_units(tick_wake_max / ns_per_ms + 1, ns_per_ms), std::nullopt);
  EXPECT_EQ(wake_in_units(tick_wake_max / ns_per_ms, ns_per_ms),
            tick_wake_max / ns_per_ms * ns_per_ms);
  // Long past stays long past instead of wrapping around to the far future.
  EXPECT_LT(*wake_in_units(std::numeric_limits<std::int64_t>::min(), ns_per_ms), 0);
}

}  // namespace
}  // namespace rumor::runtime
