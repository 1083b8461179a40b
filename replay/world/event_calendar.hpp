// The world's event order (event_queue.hpp: time, then when scheduled, then scheduling order) for
// a simulator that schedules every event as of the event it is handling, in whole milliseconds,
// as a fuzz run does: the order is then simply time, then push order, and a calendar of whole
// milliseconds keeps it at a fraction of a heap's cost. tests/replay/world/event_calendar_test.cpp
// holds it to EventQueue's order. Events due
// within `window_ms` of the last one taken sit in that millisecond's bucket, a FIFO list in a
// pool, so a push and a pop are a few instructions and not a heap's sift; later ones (a heal far
// ahead, a long pause) wait in a small heap and move to their bucket in push order as the window
// reaches them, before anything else can be pushed there.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace rumor::replay::world {

template <typename Payload>
class EventCalendar {
 public:
  // The span of the buckets: most events of a fuzz run are due within a latency (at most 1 s,
  // plus a delay window's extra) or a core's wake time of the one being handled. Measured on 50
  // seeds: 2 s left 6 % of the events to the heap, and 4 s cost 0.4 % fewer instructions in
  // all; 8 s cost more than 4 (the buckets set up per run).
  static constexpr std::int64_t window_ms = 4096;

  // An event at at_ms, no earlier than the last one taken (the world's time never goes back).
  void push(std::int64_t at_ms, const Payload& payload) {
    if (at_ms < now_ms_) throw std::logic_error("event calendar: an event in the past");
    if (at_ms - now_ms_ >= window_ms) {
      later_.push_back(Later{at_ms, next_seq_++, payload});
      std::push_heap(later_.begin(), later_.end(), after);
      return;
    }
    append(at_ms, payload);
  }

  bool empty() const { return queued_ == 0 && later_.empty(); }
  // The earliest event (its time: top_ms()); the queue must not be empty.
  const Payload& top() const {
    if (queued_ == 0) return later_.front().payload;
    return pool_[heads_[slot(head_ms())]].payload;
  }
  std::int64_t top_ms() const { return queued_ == 0 ? later_.front().at_ms : head_ms(); }

  // Takes the earliest event; its time becomes the calendar's now.
  Payload pop() {
    if (queued_ == 0) advance(later_.front().at_ms);
    const std::int64_t at_ms = head_ms();
    const std::size_t bucket = slot(at_ms);
    const std::uint32_t taken = heads_[bucket];
    heads_[bucket] = pool_[taken].next;
    if (heads_[bucket] == none) {
      occupied_[bucket / 64] &= ~(std::uint64_t{1} << (bucket % 64));
      head_ms_ = unknown;
    }
    --queued_;
    pool_[taken].next = free_;
    free_ = taken;
    const Payload payload = pool_[taken].payload;
    advance(at_ms);
    return payload;
  }

 private:
  static constexpr std::uint32_t none = 0xffff'ffffU;
  static constexpr std::int64_t unknown = -1;
  static constexpr auto buckets = static_cast<std::size_t>(window_ms);
  static_assert(std::has_single_bit(buckets) && buckets % 64 == 0);

  struct Node {
    Payload payload;
    std::uint32_t next = none;
  };
  struct Later {
    std::int64_t at_ms = 0;
    std::uint64_t seq = 0;
    Payload payload;
  };
  // The heap's order: a std heap keeps its largest first, so the latest compares smallest.
  static bool after(const Later& a, const Later& b) {
    return a.at_ms != b.at_ms ? a.at_ms > b.at_ms : a.seq > b.seq;
  }

  static std::size_t slot(std::int64_t at_ms) {
    return static_cast<std::size_t>(at_ms) & (buckets - 1);
  }

  void append(std::int64_t at_ms, const Payload& payload) {
    std::uint32_t node = free_;
    if (node == none) {
      node = static_cast<std::uint32_t>(pool_.size());
      pool_.push_back(Node{payload, none});
    } else {
      free_ = pool_[node].next;
      pool_[node] = Node{payload, none};
    }
    const std::size_t bucket = slot(at_ms);
    std::uint64_t& word = occupied_[bucket / 64];
    const std::uint64_t bit = std::uint64_t{1} << (bucket % 64);
    if ((word & bit) == 0) {
      heads_[bucket] = node;
      word |= bit;
    } else {
      pool_[tails_[bucket]].next = node;
    }
    tails_[bucket] = node;
    ++queued_;
    if (head_ms_ != unknown && at_ms < head_ms_) head_ms_ = at_ms;
  }

  // The window starts at at_ms: the later events it now reaches move to their buckets, earliest
  // and first pushed first.
  void advance(std::int64_t at_ms) {
    now_ms_ = at_ms;
    while (!later_.empty() && later_.front().at_ms - now_ms_ < window_ms) {
      std::pop_heap(later_.begin(), later_.end(), after);
      append(later_.back().at_ms, later_.back().payload);
      later_.pop_back();
    }
  }

  // The time of the earliest bucketed event (some must be queued): the first occupied bucket at
  // or after now's, every bucketed event lying in [now_ms_, now_ms_ + window_ms).
  std::int64_t head_ms() const {
    if (head_ms_ != unknown) return head_ms_;
    const std::size_t start = slot(now_ms_);
    std::size_t word = start / 64;
    std::uint64_t bits = occupied_[word] & (~std::uint64_t{0} << (start % 64));
    std::size_t scanned = 0;
    while (bits == 0) {
      word = (word + 1) % occupied_.size();
      bits = occupied_[word];
      if (++scanned > occupied_.size()) throw std::logic_error("event calendar: lost its events");
    }
    const std::size_t bucket = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    head_ms_ = now_ms_ + static_cast<std::int64_t>((bucket - start) & (buckets - 1));
    return head_ms_;
  }

  // Per bucket, its first and last node, read only while its bit in occupied_ is set: left unset
  // at first, as setting 32 KB per run cost more than the calendar saves on a small run.
  std::array<std::uint32_t, buckets> heads_;
  std::array<std::uint32_t, buckets> tails_;
  std::array<std::uint64_t, buckets / 64> occupied_{};
  std::vector<Node> pool_;
  std::uint32_t free_ = none;  // the pool's free nodes, linked through next
  std::size_t queued_ = 0;     // events in buckets
  std::vector<Later> later_;   // a heap: events due beyond the window
  std::uint64_t next_seq_ = 0;
  std::int64_t now_ms_ = 0;
  mutable std::int64_t head_ms_ = unknown;  // head_ms()'s answer until a pop empties its bucket
};

}  // namespace rumor::replay::world
