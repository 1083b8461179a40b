#include "core/overlay.hpp"

#include <algorithm>

namespace rumor::core {

namespace {

std::optional<std::size_t> index_of(const State& state, const std::string& id) {
  auto it = std::find(state.node_ids.begin(), state.node_ids.end(), id);
  if (it == state.node_ids.end()) return std::nullopt;
  return static_cast<std::size_t>(it - state.node_ids.begin());
}

}  // namespace

namespace overlay_detail {

std::vector<std::size_t> topology_neighbours(const State& state, std::optional<std::size_t> from) {
  std::vector<std::size_t> peers;
  auto entry = state.topology.find(state.self);
  if (entry == state.topology.end()) {
    // Without a usable topology entry every node is a neighbour: spreading must not depend on it.
    for (std::size_t i = 0; i < state.node_ids.size(); ++i) {
      if (i != state.self_index && (!from || i != *from)) peers.push_back(i);
    }
    return peers;
  }
  for (const auto& id : entry->second) {
    auto index = index_of(state, id);
    if (index && *index != state.self_index && (!from || *index != *from)) peers.push_back(*index);
  }
  std::sort(peers.begin(), peers.end());
  peers.erase(std::unique(peers.begin(), peers.end()), peers.end());
  return peers;
}

}  // namespace overlay_detail

std::vector<std::size_t> relay_targets(const State& state, std::optional<std::size_t> from) {
  std::vector<std::size_t> peers;
  for_each_relay_target(state, from, [&](std::size_t peer) { peers.push_back(peer); });
  return peers;
}

BatchGrid batch_grid(const State& state, std::size_t /*peer*/) {
  const auto& profile = state.profile;
  const bool relays = state.profile.overlay == Overlay::star
                          ? state.self_index == star_hub_index
                          : state.profile.overlay == Overlay::topology;
  if (relays) return {profile.relay_batch_ms, profile.relay_phase_ms};
  return {profile.origin_batch_ms, 0};
}

}  // namespace rumor::core
