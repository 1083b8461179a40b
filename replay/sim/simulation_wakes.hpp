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

// A node's wanted tick moves with most of its steps. Rather than queue a tick per change and
// discard the superseded ones when they come up (in a 3e run ≈ 3,500 of them, against ≈ 100
// ticks that run), each node keeps at most one event queued for it, its carrier: a change to an
// earlier tick queues a new carrier, a change to a later one waits for the carrier to come up and
// then queues the tick it wants. Each decision takes its place in the same-instant order when it
// is made (EventQueue::reserve_seq), so the ticks that run are ordered as if each had been queued
// then.
class NodeWakes {
 public:
  NodeWakes(std::size_t nodes, std::int64_t tick_ms)
      : tick_ns_(tick_ms * ns_per_ms), nodes_(nodes) {}

  // Whether the node ticks on this event. The first tick of each node, scheduled at its phase
  // by setup with serial 0, always does. A carrier whose node now wants a later tick queues that
  // tick instead; a superseded carrier does nothing.
  bool due(const Event& event, EventQueue& events) {
    Node& n = nodes_[event.target];
    if (event.serial != n.carrier_serial) return false;  // an earlier carrier replaced it
    n.carrier.reset();
    if (!n.phase_ns) return true;
    if (!n.wanted) return false;  // cancelled since it was queued
    if (n.wanted->time_ns == event.time_ns && n.wanted->seq == event.seq) return true;
    queue_carrier(n, *n.wanted, event.target, events);  // the node wants a later tick
    return false;
  }

  // The node was ticked at now_ns: a point of its grid (the first one fixes the grid).
  void ticked(std::size_t node, std::int64_t now_ns) {
    Node& n = nodes_[node];
    if (!n.phase_ns) n.phase_ns = now_ns;
    n.last_tick_ns = now_ns;
    n.wanted.reset();
  }

  // After any step of the node at now_ns: the node now wants its next Tick at wake_at_ms, if any.
  void after_step(std::size_t node, std::optional<std::int64_t> wake_at_ms, std::int64_t now_ns,
                  EventQueue& events) {
    Node& n = nodes_[node];
    if (!n.phase_ns) return;  // its first tick is still pending and will ask again
    const auto at_ns = tick_at_ns(n, wake_at_ms, now_ns);
    if (!at_ns) {
      n.wanted.reset();
      return;
    }
    if (n.wanted && n.wanted->time_ns == *at_ns) return;
    // Queued one period before it is due, so it meets same-instant events in the same order
    // whenever it was asked for.
    const Key wanted{
        .time_ns = *at_ns, .scheduled_ns = *at_ns - tick_ns_, .seq = events.reserve_seq()};
    n.wanted = wanted;
    if (!n.carrier || before(wanted, *n.carrier)) queue_carrier(n, wanted, node, events);
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

  struct Node {
    std::optional<std::int64_t> phase_ns;
    std::optional<std::int64_t> last_tick_ns;
    std::optional<Key> wanted;   // the tick the node asked for, if any
    std::optional<Key> carrier;  // the event queued for the node, if any (after its first tick)
    std::uint64_t carrier_serial = 0;  // that event's serial; 0 is the first tick's
  };

  void queue_carrier(Node& n, const Key& key, std::size_t node, EventQueue& events) {
    n.carrier = key;
    n.carrier_serial = ++last_serial_;
    events.schedule_reserved(key.scheduled_ns, key.time_ns, key.seq, EventKind::tick,
                             static_cast<std::uint32_t>(node), n.carrier_serial);
  }

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
