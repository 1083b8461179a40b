// EventCalendar (replay/world/event_calendar.hpp) must give events in the world's order, as
// EventQueue (replay/world/event_queue.hpp) gives them when every event is scheduled as of the
// last one taken (a fuzz run's way), whatever the mix of near events (buckets) and far ones
// (beyond the window, moved in as it reaches them).
#include "replay/world/event_calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>

#include "replay/world/event_queue.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::world {
namespace {

using Calendar = EventCalendar<std::uint32_t>;
constexpr std::int64_t window_ms = Calendar::window_ms;

// The reference: the world's queue, its one kind of event carrying the payload as its serial.
enum class Kind : std::uint8_t { event };
using Reference = EventQueue<Kind, std::uint32_t>;

// Random runs: each step pushes a few events (now, soon, near the window's edge on either side,
// or far beyond it) or takes one, and every taken event must be the reference's first.
TEST(EventCalendar, TakesEventsInTimeThenPushOrder) {
  std::uint64_t taken_total = 0;
  std::uint64_t beyond_total = 0;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    Rng rng(seed);
    Calendar calendar;
    Reference reference;
    std::uint32_t pushed = 0;
    std::int64_t now_ms = 0;
    for (int step = 0; step < 400; ++step) {
      if (reference.empty() || rng.range(0, 99) < 55) {
        const int count = static_cast<int>(rng.range(1, 3));
        for (int k = 0; k < count; ++k) {
          const int shape = static_cast<int>(rng.range(0, 9));
          const std::int64_t delay_ms = shape < 2   ? 0
                                        : shape < 6 ? rng.range(0, 20)
                                        : shape < 8 ? window_ms + rng.range(-3, 3)
                                                    : rng.range(window_ms, 6 * window_ms);
          if (delay_ms >= window_ms) ++beyond_total;
          const std::uint32_t payload = pushed * 7 + 1;
          calendar.push(now_ms + delay_ms, payload);
          reference.schedule((now_ms + delay_ms) * ns_per_ms, Kind::event, 0, payload);
          ++pushed;
        }
      } else {
        ASSERT_FALSE(calendar.empty());
        const Reference::Entry first = reference.pop();
        ASSERT_EQ(calendar.top_ms() * ns_per_ms, first.time_ns)
            << "seed " << seed << " step " << step;
        ASSERT_EQ(calendar.top(), first.serial) << "seed " << seed << " step " << step;
        ASSERT_EQ(calendar.pop(), first.serial) << "seed " << seed << " step " << step;
        now_ms = first.time_ns / ns_per_ms;
        ++taken_total;
      }
      ASSERT_EQ(calendar.empty(), reference.empty());
    }
  }
  EXPECT_GT(taken_total, 30'000U);
  EXPECT_GT(beyond_total, 10'000U);  // the far events' path was taken, often
}

TEST(EventCalendar, RefusesAnEventBeforeTheLastTaken) {
  Calendar calendar;
  calendar.push(100, 1);
  EXPECT_EQ(calendar.pop(), 1U);
  EXPECT_THROW(calendar.push(99, 2), std::logic_error);
  calendar.push(100, 3);  // at the same instant is fine
  EXPECT_EQ(calendar.top_ms(), 100);
}

}  // namespace
}  // namespace rumor::replay::world
