// Lazy timers (replay/world/lazy_timers.hpp) against the plain way: one event per setting of a
// timer, a superseded or cancelled one discarded when it comes up. Both run the same random
// script of settings, cancellations and other events on their own queues; every event that
// acts (an other event, or a timer going off) must come up in the same order at the same time.
#include "replay/world/lazy_timers.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <optional>
#include <tuple>
#include <vector>

#include "replay/world/event_queue.hpp"

namespace rumor::replay::world {
namespace {

enum class Kind : std::uint8_t { timer, other };
using Queue = EventQueue<Kind>;
using Acted = std::tuple<std::int64_t, Kind, std::uint32_t>;  // time, kind, target

// One event per setting; the timer's current setting is the serial it carries.
class PlainTimers {
 public:
  explicit PlainTimers(std::size_t targets) : current_(targets, 0) {}
  void set(std::size_t target, std::int64_t time_ns, std::int64_t scheduled_ns, Queue& events) {
    current_[target] = ++last_serial_;
    events.schedule_as_of(scheduled_ns, time_ns, Kind::timer, static_cast<std::uint32_t>(target),
                          current_[target]);
  }
  void cancel(std::size_t target) { current_[target] = 0; }
  bool fired(const Event<Kind>& event) {
    if (event.serial != current_[event.target]) return false;
    current_[event.target] = 0;
    return true;
  }

 private:
  std::vector<std::uint64_t> current_;
  std::uint64_t last_serial_ = 0;
};

struct Worlds {
  Queue plain_events;
  Queue lazy_events;
  PlainTimers plain;
  LazyTimers<Kind> lazy;
  std::vector<Acted> plain_acted;
  std::vector<Acted> lazy_acted;

  explicit Worlds(std::size_t targets) : plain(targets), lazy(targets, Kind::timer) {}

  void pop_plain() {
    const auto event = plain_events.pop();
    if (event.kind == Kind::other || plain.fired(event)) {
      plain_acted.emplace_back(event.time_ns, event.kind, event.target);
    }
  }
  void pop_lazy() {
    const auto event = lazy_events.pop();
    if (event.kind == Kind::other || lazy.fired(event, lazy_events)) {
      lazy_acted.emplace_back(event.time_ns, event.kind, event.target);
    }
  }
};

RC_GTEST_PROP(LazyTimers, GoOffInTheOrderOfOneEventPerSetting, ()) {
  const auto targets = *rc::gen::inRange<std::size_t>(1, 5);
  Worlds w(targets);
  const int steps = *rc::gen::inRange(1, 400);
  std::uint32_t next_other = 0;
  for (int step = 0; step < steps; ++step) {
    const int choice = *rc::gen::inRange(0, 10);
    // Both queues have the same time: the acting events came up in step, and the lazy queue
    // only holds fewer discarded events.
    if (choice < 3 && !w.plain_events.empty()) {
      // Up to the plain queue's next acting event, and the lazy queue to the same point.
      const std::size_t acted = w.plain_acted.size();
      while (!w.plain_events.empty() && w.plain_acted.size() == acted) w.pop_plain();
      while (!w.lazy_events.empty() && w.lazy_acted.size() < w.plain_acted.size()) w.pop_lazy();
      RC_ASSERT(w.lazy_acted == w.plain_acted);
      continue;
    }
    const std::int64_t now_ns = w.plain_events.now_ns();
    const std::int64_t time_ns = now_ns + *rc::gen::element<std::int64_t>(0, 1, 1, 2, 5, 10);
    const std::int64_t scheduled_ns = now_ns - *rc::gen::element<std::int64_t>(0, 0, 1, 3);
    const auto target = *rc::gen::inRange<std::size_t>(0, targets);
    if (choice < 6) {
      w.plain.set(target, time_ns, scheduled_ns, w.plain_events);
      w.lazy.set(target, time_ns, scheduled_ns, w.lazy_events);
    } else if (choice < 7) {
      w.plain.cancel(target);
      w.lazy.cancel(target);
    } else {
      w.plain_events.schedule_as_of(scheduled_ns, time_ns, Kind::other, next_other);
      w.lazy_events.schedule_as_of(scheduled_ns, time_ns, Kind::other, next_other);
      ++next_other;
    }
  }
  while (!w.plain_events.empty()) w.pop_plain();
  while (!w.lazy_events.empty()) w.pop_lazy();
  RC_ASSERT(w.lazy_acted == w.plain_acted);
}

// Setting a timer ten times later and later leaves one event queued, not ten.
TEST(LazyTimers, ATimerSetLaterAndLaterKeepsOneEventQueued) {
  Queue events;
  LazyTimers<Kind> timers(1, Kind::timer);
  for (std::int64_t k = 1; k <= 10; ++k) timers.set(0, 100 * k, 0, events);
  EXPECT_EQ(timers.time_ns(0), std::optional<std::int64_t>(1000));
  int popped = 0;
  std::vector<std::int64_t> fired;
  while (!events.empty()) {
    const auto event = events.pop();
    ++popped;
    if (timers.fired(event, events)) fired.push_back(event.time_ns);
  }
  EXPECT_EQ(fired, std::vector<std::int64_t>{1000});
  EXPECT_EQ(popped, 2);  // the first carrier, which queues the tenth setting
  EXPECT_FALSE(timers.time_ns(0).has_value());
}

}  // namespace
}  // namespace rumor::replay::world
