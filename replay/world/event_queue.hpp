// Virtual time and the simulated world's single event queue. Time is nanoseconds since the run
// began; events at the same instant run in the order they were scheduled, so a run is a pure
// function of its inputs. Each simulator names its own kinds of event (Kind, an enum).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <vector>

namespace rumor::replay::world {

inline constexpr std::int64_t ns_per_ms = 1'000'000;
inline constexpr std::int64_t ns_per_s = 1'000'000'000;

template <typename Kind>
struct Event {
  std::int64_t time_ns = 0;
  // Tie-breaks: when it was scheduled, then scheduling order. An event may count as scheduled
  // earlier than it was (a node's tick, one period before it), so it meets same-instant events
  // in the same order whenever it is scheduled.
  std::int64_t scheduled_ns = 0;
  std::uint64_t seq = 0;
  Kind kind{};
  std::uint32_t target = 0;  // endpoint, node or worker index
  std::uint64_t serial = 0;  // lets a handler ignore a superseded event, or names a slot
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
// scheduled in non-decreasing order (fixed-period ticks, fixed 5 s timeouts, deliveries after a
// constant latency, events due at once). The lanes keep the heap small, which matters when such
// events are most of them. Ordering is exactly that of a single heap on (time, scheduled, seq).
template <typename Kind>
class EventQueue {
 public:
  enum class Lane : std::uint8_t { heap, ticks, timeouts, deliveries };

  void schedule(std::int64_t time_ns, Kind kind, std::uint32_t target = 0, std::uint64_t serial = 0,
                Lane lane = Lane::heap) {
    schedule_as_of(now_ns_, time_ns, kind, target, serial, lane);
  }
  // As if scheduled at scheduled_ns: among events at the same instant, it goes where an event
  // scheduled then would have gone.
  void schedule_as_of(std::int64_t scheduled_ns, std::int64_t time_ns, Kind kind,
                      std::uint32_t target = 0, std::uint64_t serial = 0, Lane lane = Lane::heap) {
    const Event<Kind> event{time_ns, scheduled_ns, next_seq_++, kind, target, serial};
    // Due now and scheduled now: later in the order than every event already queued for now,
    // earlier than any scheduled after it, so a FIFO holds these in order without the heap.
    if (time_ns == now_ns_ && scheduled_ns == now_ns_) {
      lanes_[now_lane].push_back(event);
      return;
    }
    if (lane == Lane::heap) {
      heap_.push(event);
      return;
    }
    auto& fifo = lanes_[static_cast<std::size_t>(lane) - 1];
    // A lane must be fed in order, or it would not be a queue (an event scheduled as of an
    // earlier time may belong before the last one at the same instant).
    if (!fifo.empty() &&
        (fifo.back().time_ns > time_ns ||
         (fifo.back().time_ns == time_ns && fifo.back().scheduled_ns > scheduled_ns))) {
      heap_.push(event);
      return;
    }
    fifo.push_back(event);
  }
  bool empty() const {
    return heap_.empty() &&
           std::all_of(lanes_.begin(), lanes_.end(), [](const auto& fifo) { return fifo.empty(); });
  }
  const Event<Kind>& top() const { return *earliest(); }
  Event<Kind> pop() {
    const Event<Kind>* first = earliest();
    const Event<Kind> event = *first;
    now_ns_ = std::max(now_ns_, event.time_ns);
    if (!heap_.empty() && first == &heap_.top()) {
      heap_.pop();
    } else {
      for (auto& fifo : lanes_) {
        if (!fifo.empty() && first == &fifo.front()) {
          fifo.pop_front();
          break;
        }
      }
    }
    return event;
  }
  std::int64_t now_ns() const { return now_ns_; }

 private:
  static bool before(const Event<Kind>& a, const Event<Kind>& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    if (a.scheduled_ns != b.scheduled_ns) return a.scheduled_ns < b.scheduled_ns;
    return a.seq < b.seq;
  }
  const Event<Kind>* earliest() const {
    const Event<Kind>* best = heap_.empty() ? nullptr : &heap_.top();
    for (const auto& fifo : lanes_) {
      if (!fifo.empty() && (best == nullptr || before(fifo.front(), *best))) best = &fifo.front();
    }
    return best;
  }
  struct Later {
    bool operator()(const Event<Kind>& a, const Event<Kind>& b) const { return before(b, a); }
  };
  static constexpr std::size_t now_lane = 3;  // after the ticks, timeouts and deliveries lanes
  std::priority_queue<Event<Kind>, std::vector<Event<Kind>>, Later> heap_;
  std::array<Fifo<Event<Kind>>, 4> lanes_;
  std::uint64_t next_seq_ = 0;
  std::int64_t now_ns_ = 0;  // the time of the last event taken
};

}  // namespace rumor::replay::world
