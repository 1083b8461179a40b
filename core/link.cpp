#include "core/link.hpp"

#include <algorithm>
#include <iterator>

#include "core/saturating.hpp"
#include "core/step.hpp"

namespace rumor::core {

namespace {

// Out-of-order ranges kept per link; past this the oldest-gap data is simply resent later.
constexpr std::size_t in_ranges_max = 64;

void absorb_ranges(Link& link) {
  auto& ranges = link.in_ranges;
  std::size_t absorbed = 0;
  while (absorbed < ranges.size() && ranges[absorbed].first <= link.in_contiguous) {
    link.in_contiguous = std::max(link.in_contiguous, ranges[absorbed].second);
    ++absorbed;
  }
  ranges.erase(ranges.begin(), ranges.begin() + static_cast<std::ptrdiff_t>(absorbed));
}

// Merges [begin, end) with the ranges it overlaps or touches, keeping them sorted and apart.
void insert_range(Link& link, std::uint64_t begin, std::uint64_t end) {
  auto& ranges = link.in_ranges;
  auto first =
      std::lower_bound(ranges.begin(), ranges.end(), begin,
                       [](const auto& range, std::uint64_t at) { return range.first < at; });
  if (first != ranges.begin() && std::prev(first)->second >= begin) --first;
  auto last = first;
  for (; last != ranges.end() && last->first <= end; ++last) {
    begin = std::min(begin, last->first);
    end = std::max(end, last->second);
  }
  first = ranges.erase(first, last);
  if (ranges.size() < in_ranges_max) ranges.emplace(first, begin, end);
}

// Checked in every build, like step's invariants: a broken link must stop the node loudly.
void require(bool condition, const char* what) {
  if (!condition) throw InvariantViolation(what);
}

// The outgoing stream: positions stay ordered, acked <= sent <= queued end, and resends never
// reach past the queued end.
void check_out(const Link& link) {
  require(link.out_acked <= link.out_sent, "a link's acked position never passes its sent one");
  require(link.out_sent <= out_end(link), "a link never sends past its queued end");
  require(link.out_resend_until <= out_end(link), "a link never resends past its queued end");
}

// The incoming stream: the ranges held beyond the contiguous prefix are non-empty, above it,
// disjoint and apart (touching ranges are merged), and bounded in number.
void check_in(const Link& link) {
  require(link.in_ranges.size() <= in_ranges_max, "a link keeps at most in_ranges_max ranges");
  std::uint64_t floor = link.in_contiguous;
  for (const auto& [begin, end] : link.in_ranges) {
    require(begin > floor, "received ranges lie apart, above the contiguous prefix");
    require(begin < end, "received ranges are non-empty");
    floor = end;
  }
}

}  // namespace

void link_on_ack(Link& link, std::uint64_t ack, std::int64_t now_ms, const Profile& profile) {
  // An ack past what we ever sent is nonsense (a confused peer); never let it drop unsent data.
  ack = std::min(ack, link.out_sent);
  if (ack <= link.out_acked) return;
  link.out_unacked.pop_front(static_cast<std::size_t>(ack - link.out_acked));
  link.out_acked = ack;
  if (link.out_sent > link.out_acked) {
    link.out_retransmit_due_ms = saturating_add(now_ms, profile.retransmit_ms);
  }
  check_out(link);
}

void link_on_data(Link& link, std::uint64_t begin, std::uint64_t end, std::int64_t now_ms,
                  const Profile& profile) {
  if (end <= begin) return;
  const bool resend = begin < link.in_contiguous;
  const bool full = end - begin >= profile.values_per_message_max;
  if (begin <= link.in_contiguous) {
    link.in_contiguous = std::max(link.in_contiguous, end);
  } else {
    insert_range(link, begin, end);
  }
  absorb_ranges(link);
  check_in(link);
  if (!link.ack_owed_since_ms) link.ack_owed_since_ms = now_ms;
  if (resend || full) {
    link.ack_owed_since_ms =
        std::min(*link.ack_owed_since_ms, saturating_sub(now_ms, profile.ack_delay_ms));
  }
}

std::optional<Gossip> link_poll(Link& link, std::int64_t now_ms, const BatchGrid& grid,
                                const Profile& profile, std::uint64_t& rng) {
  if (link.out_sent > link.out_acked && now_ms >= link.out_retransmit_due_ms) {
    link.out_resend_until = std::max(link.out_resend_until, link.out_sent);
    link.out_sent = link.out_acked;
  }
  const std::uint64_t end = out_end(link);
  const std::uint64_t in_flight = link.out_sent - link.out_acked;
  const std::uint64_t window = window_values_max(profile);
  const bool has_unsent = link.out_sent < end && in_flight < window;
  const bool data_due = has_unsent && (link.out_sent < link.out_resend_until ||
                                       now_ms >= next_grid_point(link.out_first_unsent_ms, grid));
  const bool ack_due = link.ack_owed_since_ms &&
                       now_ms >= saturating_add(*link.ack_owed_since_ms, profile.ack_delay_ms);
  if (!data_due && !ack_due) return std::nullopt;

  Gossip gossip;
  gossip.offset = link.out_sent;
  gossip.ack = link.in_contiguous;
  if (data_due) {
    std::uint64_t count = std::min<std::uint64_t>(
        {end - link.out_sent, profile.values_per_message_max, window - in_flight});
    link.out_unacked.copy(static_cast<std::size_t>(in_flight), static_cast<std::size_t>(count),
                          gossip.values);
    // The timer runs from the oldest unacknowledged send (or the last ack progress), so a steady
    // stream of new data cannot keep pushing back the resend of lost data.
    if (in_flight == 0) {
      const auto jitter_span = static_cast<std::uint64_t>(profile.retransmit_ms / 4 + 1);
      const auto jitter_ms = static_cast<std::int64_t>(next_random(rng) % jitter_span);
      link.out_retransmit_due_ms =
          saturating_add(now_ms, saturating_add(profile.retransmit_ms, jitter_ms));
    }
    link.out_sent += count;
  }
  link.ack_owed_since_ms.reset();
  check_out(link);
  require(link.out_sent - link.out_acked <= window, "a link's values in flight fit its window");
  return gossip;
}

}  // namespace rumor::core
