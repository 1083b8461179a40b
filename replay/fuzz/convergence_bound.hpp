// How long the liveness phase may take: derived from the configuration, never a magic constant.
#pragma once

#include <cstdint>

#include "replay/fuzz/schedule.hpp"

namespace rumor::replay::fuzz {

// The hops a value crosses from the node a client told to the farthest node, per overlay: one in
// a mesh, two in a star (leaf, hub, leaf), the topology's diameter when flooding along it.
int overlay_hops(const Config& config);

// After the heal at fault_phase_ms, every node must hold every value within this many ms:
//   2 * retransmit_ms + jitter               a send lost before the heal goes out again; the timer
//     + ack_delay_ms + tick                  restarts on ack progress, and the ack that makes
//                                            progress may itself wait for the peer's resend
// + hops * (batch + 2 ticks + latency_max    each hop relays after its batch wait
//           + rounds * round_trip)           a backlog crosses a link window by window,
// where round_trip = 2 * latency_max + ack_delay_ms + 2 ticks (the ack may wait ack_delay_ms)
// and rounds = ceil(values / window) + 1, plus the longest extra delay a message sent before
// the heal may still carry, plus one second of slack for tick phases and skew.
std::int64_t convergence_bound_ms(const Schedule& schedule);

}  // namespace rumor::replay::fuzz
