// The overlay: which peers a newly learnt value goes to, per profile. Peers are node indices.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/state.hpp"

namespace rumor::core {

// The star's hub: the first node, so its own clients' values skip the first hop.
inline constexpr std::size_t star_hub_index = 0;

// Peers that must receive a value this node just learnt; `from` is the peer it came from, or
// nullopt when a client broadcast it. Never contains self or `from`. Sorted ascending.
std::vector<std::size_t> relay_targets(const State& state, std::optional<std::size_t> from);

// The same peers, visited in the same order without allocating (the hot path of every step).
template <typename Visit>
void for_each_relay_target(const State& state, std::optional<std::size_t> from, Visit&& visit);

// False only when for_each_relay_target would visit no peer: a star's leaf or a mesh node given a
// value by a peer, the case of most values most nodes learn. (True may still visit none, as a
// hub alone in its cluster does.)
inline bool relays_any(const State& state, std::optional<std::size_t> from) {
  switch (state.profile.overlay) {
    case Overlay::star:
      return !from || state.cluster->self_index == star_hub_index;
    case Overlay::mesh:
      return !from;
    case Overlay::topology:
      return true;
  }
  return true;
}

// Keeps self's entry of the topology Maelstrom gave and indexes those neighbours once, so
// relaying a value costs the same whatever the number of nodes the topology names. Gives the
// state a new ClusterView: copies of the state taken before keep the old one.
void set_topology(State& state, const std::map<std::string, std::vector<std::string>>& neighbours);

// How long queued values may wait before they leave (the batch grid's interval and phase), given
// the node's role in the overlay: the same for every peer.
struct BatchGrid {
  std::int64_t interval_ms = 0;
  std::int64_t phase_ms = 0;
};
// Inline: every step that changes or polls a link needs it.
inline BatchGrid batch_grid(const State& state) {
  const auto& profile = state.profile;
  const bool relays = profile.overlay == Overlay::star ? state.cluster->self_index == star_hub_index
                                                       : profile.overlay == Overlay::topology;
  if (relays) return {profile.relay_batch_ms, profile.relay_phase_ms};
  return {profile.origin_batch_ms, 0};
}

// ---- implementation of the template above ----

template <typename Visit>
void for_each_relay_target(const State& state, std::optional<std::size_t> from, Visit&& visit) {
  const ClusterView& cluster = *state.cluster;
  const auto everyone_but_from = [&] {
    for (std::size_t i = 0; i < cluster.node_ids.size(); ++i) {
      if (i != cluster.self_index && (!from || i != *from)) visit(i);
    }
  };
  switch (state.profile.overlay) {
    case Overlay::star:
      if (cluster.self_index == star_hub_index) return everyone_but_from();
      if (!from) visit(star_hub_index);
      return;  // a leaf hears only from the hub, which already relays to everyone
    case Overlay::mesh:
      if (!from) everyone_but_from();
      return;  // the origin sends to every node itself
    case Overlay::topology:
      // Without a usable topology entry every node is a neighbour: spreading must not depend on it.
      if (!cluster.topology_peers) return everyone_but_from();
      for (std::size_t peer : *cluster.topology_peers) {
        if (!from || peer != *from) visit(peer);
      }
      return;
  }
}

}  // namespace rumor::core
