// Named tuning profiles: how a node spreads values (overlay) and how long it batches.
// Chosen by the first command-line argument of rumor-node and by `rumor test --profile NAME`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::core {

enum class Overlay {
  star,      // leaves send to one hub, the hub relays to every leaf
  mesh,      // the node a client told relays to every other node directly
  topology,  // flood along the topology Maelstrom gave (every neighbour but the sender)
};

struct Profile {
  std::string name;
  Overlay overlay = Overlay::star;
  // How long a value a client gave this node may wait before it goes out (0 = in the same step).
  std::int64_t origin_batch_ms = 0;
  // How long a value learnt from a peer may wait before the node relays it (0 = same step).
  std::int64_t relay_batch_ms = 0;
  // Batches leave on a shared time grid (multiples of the batch interval, plus this phase), so a
  // relay flush can be lined up right after the origins' flushes arrive.
  std::int64_t relay_phase_ms = 0;
  // A peer's data waits at most this long for a message to ride on before a pure ack is sent.
  std::int64_t ack_delay_ms = 0;
  // Unacknowledged data is sent again after this long.
  std::int64_t retransmit_ms = 0;
  // Bounds every gossip message, so catching up after a long partition never bursts.
  std::size_t values_per_message_max = 0;
};

std::optional<Profile> profile_named(std::string_view name);  // "" means the default profile
std::vector<std::string> profile_names();                     // "default" first
Profile default_profile();

}  // namespace rumor::core
