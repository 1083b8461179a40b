// Timers that are set again far more often than they go off (a node's next tick moves with most
// of its steps; a client's 5 s RPC timeout is set for every request and nearly never fires),
// each kept as at most one queued event, its carrier, instead of one event per setting that is
// discarded when it comes up. Setting a timer earlier than its carrier queues a new carrier;
// setting it later waits for the carrier to come up, which then queues the timer in its place.
// Each setting takes its place among same-instant events when it is made
// (EventQueue::reserve_seq), so timers go off in exactly the order one event per setting gives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "replay/world/event_queue.hpp"

namespace rumor::replay::world {

template <typename Kind, typename Serial = std::uint64_t>
class LazyTimers {
 public:
  using Queue = EventQueue<Kind, Serial>;

  // `targets` timers, numbered as the targets of their events of kind `kind`.
  LazyTimers(std::size_t targets, Kind kind) : timers_(targets), kind_(kind) {}

  // The target's timer goes off at time_ns, ordered among same-instant events as an event
  // scheduled now as of scheduled_ns (EventQueue::schedule_as_of).
  void set(std::size_t target, std::int64_t time_ns, std::int64_t scheduled_ns, Queue& events) {
    Timer& timer = timers_[target];
    const Key key{.time_ns = time_ns, .scheduled_ns = scheduled_ns, .seq = events.reserve_seq()};
    timer.wanted = key;
    if (!timer.carrier || before(key, *timer.carrier)) queue_carrier(timer, target, events);
  }
  void cancel(std::size_t target) { timers_[target].wanted.reset(); }
  // When the timer goes off, if it is set.
  std::optional<std::int64_t> time_ns(std::size_t target) const {
    const auto& wanted = timers_[target].wanted;
    return wanted ? std::optional<std::int64_t>(wanted->time_ns) : std::nullopt;
  }

  // An event of this kind came up: whether it is its target's timer going off (the timer is then
  // no longer set). A carrier whose timer was set later queues it instead; a superseded carrier,
  // or one whose timer was cancelled, does nothing.
  bool fired(const Event<Kind, Serial>& event, Queue& events) {
    Timer& timer = timers_[event.target];
    if (event.serial != timer.carrier_serial) return false;  // an earlier carrier replaced it
    timer.carrier.reset();
    if (!timer.wanted) return false;
    if (timer.wanted->time_ns == event.time_ns && timer.wanted->seq == event.seq) {
      timer.wanted.reset();
      return true;
    }
    queue_carrier(timer, event.target, events);  // set later since this carrier was queued
    return false;
  }

 private:
  // An event's place in the queue's order: time, then when scheduled, then scheduling order.
  struct Key {
    std::int64_t time_ns = 0;
    std::int64_t scheduled_ns = 0;
    std::uint64_t seq = 0;
  };
  static bool before(const Key& a, const Key& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    if (a.scheduled_ns != b.scheduled_ns) return a.scheduled_ns < b.scheduled_ns;
    return a.seq < b.seq;
  }

  struct Timer {
    std::optional<Key> wanted;   // when it goes off, if set
    std::optional<Key> carrier;  // the event queued for it, if any
    Serial carrier_serial = 0;   // that event's serial (serials start at 1)
  };

  void queue_carrier(Timer& timer, std::size_t target, Queue& events) {
    timer.carrier = timer.wanted;
    timer.carrier_serial = ++last_serial_;
    events.schedule_reserved(timer.wanted->scheduled_ns, timer.wanted->time_ns, timer.wanted->seq,
                             kind_, static_cast<std::uint32_t>(target), timer.carrier_serial);
  }

  std::vector<Timer> timers_;
  Kind kind_;
  Serial last_serial_ = 0;
};

}  // namespace rumor::replay::world
