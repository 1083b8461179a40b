#include "core/profile.hpp"

namespace rumor::core {

namespace {

// Every figure here was tuned with `rumor test` at Maelstrom's 3d/3e settings (25 nodes, rate
// 100, latency 100); docs in the benchmark document explain the trade-offs.
std::vector<Profile> all_profiles() {
  return {
      // A star: a leaf sends a client's value to the hub at once; the hub relays in 100 ms
      // batches, so one value costs about one message plus a share of 24 batch messages.
      Profile{.name = "default",
              .overlay = Overlay::star,
              .origin_batch_ms = 0,
              .relay_batch_ms = 100,
              .relay_phase_ms = 0,
              .ack_delay_ms = 1000,
              .retransmit_ms = 2000,
              .values_per_message_max = 256},
      // A star batched on both hops, on a shared grid: leaves flush at multiples of 500 ms, the
      // hub flushes one latency later, when the leaves' batches have arrived.
      Profile{.name = "frugal",
              .overlay = Overlay::star,
              .origin_batch_ms = 500,
              .relay_batch_ms = 500,
              .relay_phase_ms = 120,
              .ack_delay_ms = 1500,
              .retransmit_ms = 3000,
              .values_per_message_max = 256},
      // A full mesh: the node a client told sends straight to every other node (one hop).
      Profile{.name = "fast",
              .overlay = Overlay::mesh,
              .origin_batch_ms = 0,
              .relay_batch_ms = 0,
              .relay_phase_ms = 0,
              .ack_delay_ms = 2000,
              .retransmit_ms = 3000,
              .values_per_message_max = 256},
      // Flooding along Maelstrom's own topology, unbatched: the plain 3b design, for comparison.
      Profile{.name = "topology",
              .overlay = Overlay::topology,
              .origin_batch_ms = 0,
              .relay_batch_ms = 0,
              .relay_phase_ms = 0,
              .ack_delay_ms = 500,
              .retransmit_ms = 1500,
              .values_per_message_max = 256},
  };
}

}  // namespace

std::optional<Profile> profile_named(std::string_view name) {
  if (name.empty()) name = "default";
  for (auto& profile : all_profiles()) {
    if (profile.name == name) return profile;
  }
  return std::nullopt;
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  for (const auto& profile : all_profiles()) names.push_back(profile.name);
  return names;
}

Profile default_profile() { return *profile_named("default"); }

}  // namespace rumor::core
