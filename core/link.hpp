// One reliable, batched stream per peer (see Link in state.hpp). Each value queued for a peer gets
// a stream position; the peer acknowledges cumulatively (the first position it lacks), riding on
// whatever it sends us anyway, or alone after ack_delay_ms. What stays unacknowledged for
// retransmit_ms is sent again from the first unacknowledged position, in bounded messages.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "core/message.hpp"
#include "core/overlay.hpp"
#include "core/profile.hpp"
#include "core/saturating.hpp"
#include "core/state.hpp"

namespace rumor::core {

// A window of this many full messages keeps a link busy across a round trip without letting a
// backlog go out in one burst.
inline constexpr std::size_t window_messages = 4;

// At most this many values may be in flight (sent, unacknowledged) per link, so catching up after
// a partition sends a bounded burst however long the partition was.
inline std::size_t window_values_max(const Profile& profile) {
  return window_messages * std::max<std::size_t>(profile.values_per_message_max, 1);
}

// The stream position after the last queued value: acknowledged plus still unacknowledged.
inline std::uint64_t out_end(const Link& link) { return link.out_acked + link.out_unacked.size(); }

// Queues a value for the peer. True when it is the link's first unsent value: only then does the
// link's due time move (to the next grid point), so only then must a cached due time be lowered.
// Inline, and without the outgoing stream's invariant checks: a hub queues every value it learns on
// every other link, and queuing only moves the queued end forward, which no invariant bounds
// (acked <= sent <= queued end and resends below the queued end stay true).
inline bool link_queue(Link& link, Value value, std::int64_t now_ms) {
  const bool first_unsent = link.out_sent == out_end(link);
  if (first_unsent) link.out_first_unsent_ms = now_ms;
  link.out_unacked.push_back(value);
  return first_unsent;
}

// Nothing to send, nothing in flight, no ack owed: polling it could not produce anything. Inline:
// every step that polls asks it of every link.
inline bool link_idle(const Link& link) {
  return link.out_unacked.empty() && !link.ack_owed_since_ms;
}

// The peer acknowledged every position before `ack`.
void link_on_ack(Link& link, std::uint64_t ack, std::int64_t now_ms, const Profile& profile);

// The peer sent positions [begin, end) of its stream. A resend or a full-sized message asks for a
// prompt ack: the sender is catching up, or our last ack was lost.
void link_on_data(Link& link, std::uint64_t begin, std::uint64_t end, std::int64_t now_ms,
                  const Profile& profile);

// What to send the peer now, if anything: due data (its batch grid point has passed, or it is a
// resend), and/or a due acknowledgement. Retransmission timers get a jitter of up to a quarter
// of retransmit_ms, drawn from `rng` only when a timer starts (so polling draws nothing).
std::optional<Gossip> link_poll(Link& link, std::int64_t now_ms, const BatchGrid& grid,
                                const Profile& profile, std::uint64_t& rng);

// The first grid point (interval * k + phase) strictly after time_ms; time_ms itself when
// interval is 0. Inline, like link_due_ms: every step that changes or polls a link asks them.
inline std::int64_t next_grid_point(std::int64_t time_ms, const BatchGrid& grid) {
  if (grid.interval_ms <= 0) return time_ms;
  // Back to the point at or before (a floor remainder, so times before the phase work too),
  // then one interval on. Saturating: times come from input.
  const std::int64_t since_phase = saturating_sub(time_ms, grid.phase_ms);
  std::int64_t remainder = since_phase % grid.interval_ms;
  if (remainder < 0) remainder += grid.interval_ms;
  return saturating_add(grid.phase_ms, saturating_add(since_phase, grid.interval_ms - remainder));
}

// The earliest time link_poll could send anything on this link, as things stand (the lowest
// representable time when something is due at once). Steps skip polling until then.
inline std::int64_t link_due_ms(const Link& link, const BatchGrid& grid, const Profile& profile) {
  constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t at_once = std::numeric_limits<std::int64_t>::min();
  std::int64_t due = never;
  if (link.out_sent > link.out_acked) due = link.out_retransmit_due_ms;
  const std::uint64_t in_flight = link.out_sent - link.out_acked;
  if (link.out_sent < out_end(link) && in_flight < window_values_max(profile)) {
    if (link.out_sent < link.out_resend_until) return at_once;
    due = std::min(due, next_grid_point(link.out_first_unsent_ms, grid));
  }
  if (link.ack_owed_since_ms) {
    due = std::min(due, saturating_add(*link.ack_owed_since_ms, profile.ack_delay_ms));
  }
  return due;
}

}  // namespace rumor::core
