// The client events of a fuzz run, all known at its start, in time order: kept beside the run's
// event calendar (replay/world/event_calendar.hpp) rather than in it, which they would make several
// times larger (up to 4000 of them; the calendar holds only what is in flight). Each takes the
// place it would have in the world's order (world/event_queue.hpp) if scheduled at time 0 right
// after the setup's events, in schedule order: at one instant, after what the setup scheduled and
// before everything scheduled later.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "replay/fuzz/schedule.hpp"
#include "replay/fuzz/schedule_view.hpp"

namespace rumor::replay::fuzz {

class ClientEvents {
 public:
  struct Due {
    std::int64_t at_ms = 0;
    int node = 0;
    std::uint32_t index = 0;  // of the event in the schedule
  };

  explicit ClientEvents(const Schedule& schedule) {
    due_.reserve(schedule.events.size());
    for (std::size_t i = 0; i < schedule.events.size(); ++i) {
      if (const auto client = client_event(schedule.events[i].body)) {
        due_.push_back(Due{client->first, client->second, static_cast<std::uint32_t>(i)});
      }
    }
    const auto earlier = [](const Due& a, const Due& b) { return a.at_ms < b.at_ms; };
    // Generated schedules list them in time order; a schedule file need not.
    if (!std::is_sorted(due_.begin(), due_.end(), earlier)) {
      std::stable_sort(due_.begin(), due_.end(), earlier);
    }
  }

  std::size_t left() const { return due_.size() - next_; }
  const Due& next() const { return due_[next_]; }
  void pop() { ++next_; }

  // Whether the next client event comes before a queued event at at_ms (`by_setup`: one the
  // setup scheduled).
  bool before(std::int64_t at_ms, bool by_setup) const {
    const Due& due = next();
    return due.at_ms < at_ms || (due.at_ms == at_ms && !by_setup);
  }

 private:
  std::vector<Due> due_;
  std::size_t next_ = 0;
};

}  // namespace rumor::replay::fuzz
