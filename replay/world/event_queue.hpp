// Virtual time and the simulated world's single event queue. Time is nanoseconds since the run
// began; events at the same instant run in the order they were scheduled, so a run is a pure
// function of its inputs. Each simulator names its own kinds of event (Kind, an enum).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <stdexcept>
#include <vector>

namespace rumor::replay::world {

inline constexpr std::int64_t ns_per_ms = 1'000'000;
inline constexpr std::int64_t ns_per_s = 1'000'000'000;

// Targets are below 2^24 (nodes, or Maelstrom's at most 100,000 client workers), so the kind
// and the target share a word: with a 32-bit Serial (the fuzzer's) an event is 32 bytes, not
// 40, and the heap moves less.
inline constexpr std::uint32_t event_target_limit = std::uint32_t{1} << 24;

template <typename Kind, typename Serial = std::uint64_t>
struct Event {
  static_assert(sizeof(Kind) == 1, "an event's kind takes one byte");
  std::int64_t time_ns = 0;
  // Tie-breaks: when it was scheduled, then scheduling order. An event may count as scheduled
  // earlier than it was (a node's tick, one period before it), so it meets same-instant events
  // in the same order whenever it is scheduled.
  std::int64_t scheduled_ns = 0;
  std::uint64_t seq = 0;
  std::uint32_t target : 24 = 0;  // endpoint, node or worker index, below event_target_limit
  Kind kind : 8 = Kind{};
  Serial serial = 0;  // lets a handler ignore a superseded event, or names a slot
};

// A first-in first-out queue on one vector: popping moves a head index, and the popped front is
// dropped when the queue drains or when it is most of the vector, so each push and pop is a few
// instructions (a std::deque's are several times that).
template <typename T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  const T& front() const { return items_[head_]; }
  const T& back() const { return items_.back(); }
  void push_back(const T& item) {
    constexpr std::size_t compact_min = 64;
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= compact_min && 2 * head_ >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    items_.push_back(item);
  }
  void pop_front() { ++head_; }

 private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

// A binary heap for events at arbitrary times, plus FIFO lanes for events whose times are
// scheduled in non-decreasing order (deliveries after a constant latency, a simulator's own
// wake-ups, events due at once). The lanes keep the heap small, which matters when such events
// are most of them. Ordering is exactly that of a single heap on (time, scheduled, seq). (Ticks
// and timeouts, set far more often than they go off, are lazy timers: lazy_timers.hpp.)
template <typename Kind, typename Serial = std::uint64_t>
class EventQueue {
 public:
  enum class Lane : std::uint8_t { heap, deliveries, wakeups };

  using Entry = Event<Kind, Serial>;

  void schedule(std::int64_t time_ns, Kind kind, std::uint32_t target = 0, Serial serial = 0,
                Lane lane = Lane::heap) {
    schedule_as_of(now_ns_, time_ns, kind, target, serial, lane);
  }
  // As if scheduled at scheduled_ns: among events at the same instant, it goes where an event
  // scheduled then would have gone.
  void schedule_as_of(std::int64_t scheduled_ns, std::int64_t time_ns, Kind kind,
                      std::uint32_t target = 0, Serial serial = 0, Lane lane = Lane::heap) {
    if (target >= event_target_limit) throw std::length_error("event target beyond 2^24");
    const Entry event{time_ns, scheduled_ns, next_seq_++, target, kind, serial};
    head_ = unknown_source;  // the new event may come first
    // Due now and scheduled now: later in the order than every event already queued for now,
    // earlier than any scheduled after it, so a FIFO holds these in order without the heap.
    if (time_ns == now_ns_ && scheduled_ns == now_ns_) {
      push_lane(now_lane, event);
      return;
    }
    if (lane == Lane::heap) {
      heap_.push(event);
      return;
    }
    const auto index = static_cast<std::size_t>(lane) - 1;
    const Fifo<Entry>& fifo = lanes_[index];
    // A lane must be fed in order, or it would not be a queue (an event scheduled as of an
    // earlier time may belong before the last one at the same instant).
    if (!fifo.empty() &&
        (fifo.back().time_ns > time_ns ||
         (fifo.back().time_ns == time_ns && fifo.back().scheduled_ns > scheduled_ns))) {
      heap_.push(event);
      return;
    }
    push_lane(index, event);
  }
  // A place in the same-instant order taken now for an event scheduled later, or never: with
  // schedule_reserved, the event sorts exactly where it would had it been scheduled now.
  std::uint64_t reserve_seq() { return next_seq_++; }
  void schedule_reserved(std::int64_t scheduled_ns, std::int64_t time_ns, std::uint64_t seq,
                         Kind kind, std::uint32_t target, Serial serial) {
    if (target >= event_target_limit) throw std::length_error("event target beyond 2^24");
    head_ = unknown_source;
    heap_.push(Entry{time_ns, scheduled_ns, seq, target, kind, serial});
  }
  bool empty() const { return heap_.empty() && busy_lanes_ == 0; }
  const Entry& top() const {
    const std::size_t source = head();
    return source == heap_source ? heap_.top() : lanes_[source].front();
  }
  Entry pop() {
    const std::size_t source = head();
    head_ = unknown_source;
    Entry event;
    if (source == heap_source) {
      event = heap_.top();
      heap_.pop();
    } else {
      Fifo<Entry>& fifo = lanes_[source];
      event = fifo.front();
      fifo.pop_front();
      if (fifo.empty()) busy_lanes_ &= ~(1U << source);
    }
    now_ns_ = std::max(now_ns_, event.time_ns);
    return event;
  }
  std::int64_t now_ns() const { return now_ns_; }

 private:
  static constexpr std::size_t lane_count = 3;            // the FIFO lanes, then events due at once
  static constexpr std::size_t now_lane = 2;              // the last lane
  static constexpr std::size_t heap_source = lane_count;  // earliest(): the heap's top
  static constexpr std::size_t unknown_source = lane_count + 1;  // head_: not looked up yet

  static bool before(const Entry& a, const Entry& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    if (a.scheduled_ns != b.scheduled_ns) return a.scheduled_ns < b.scheduled_ns;
    return a.seq < b.seq;
  }
  void push_lane(std::size_t index, const Entry& event) {
    lanes_[index].push_back(event);
    busy_lanes_ |= 1U << index;
  }
  // Where the earliest event is, looked up once between changes: a simulator asks top() and then
  // pop()s it, and each lookup compares the heap's top with every busy lane's front.
  std::size_t head() const {
    if (head_ == unknown_source) head_ = earliest();
    return head_;
  }
  // Where the earliest event is: a lane's index, or heap_source. Only non-empty lanes are
  // looked at (busy_lanes_ has a bit per non-empty lane).
  std::size_t earliest() const {
    std::size_t source = heap_source;
    const Entry* best = heap_.empty() ? nullptr : &heap_.top();
    for (unsigned lanes = busy_lanes_; lanes != 0; lanes &= lanes - 1) {
      const auto index = static_cast<std::size_t>(std::countr_zero(lanes));
      const Entry& front = lanes_[index].front();
      if (best == nullptr || before(front, *best)) {
        source = index;
        best = &front;
      }
    }
    return source;
  }
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return before(b, a); }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  std::array<Fifo<Entry>, lane_count> lanes_;
  unsigned busy_lanes_ = 0;
  mutable std::size_t head_ = unknown_source;  // earliest()'s answer, until the queue changes
  std::uint64_t next_seq_ = 0;
  std::int64_t now_ns_ = 0;  // the time of the last event taken
};

}  // namespace rumor::replay::world
