// The overlay: which peers a newly learnt value goes to, per profile. Peers are node indices.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/state.hpp"

namespace rumor::core {

// The star's hub: the first node, so its own clients' values skip the first hop.
inline constexpr std::size_t star_hub_index = 0;

// Peers that must receive a value this node just learnt; `from` is the peer it came from, or
// nullopt when a client broadcast it. Never contains self or `from`. Sorted ascending.
std::vector<std::size_t> relay_targets(const State& state, std::optional<std::size_t> from);

// How long values queued for `peer` may wait before they leave (the batch grid's interval and
// phase), given the node's role towards that peer.
struct BatchGrid {
  std::int64_t interval_ms = 0;
  std::int64_t phase_ms = 0;
};
BatchGrid batch_grid(const State& state, std::size_t peer);

}  // namespace rumor::core
