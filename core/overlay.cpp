#include "core/overlay.hpp"

#include <algorithm>
#include <memory>
#include <utility>

namespace rumor::core {

void set_topology(State& state, const std::map<std::string, std::vector<std::string>>& neighbours) {
  auto cluster = std::make_shared<ClusterView>(take_cluster_view(state));
  cluster->topology_neighbours.reset();
  cluster->topology_peers.reset();
  auto entry = neighbours.find(cluster->self);
  if (entry != neighbours.end()) {
    std::vector<std::size_t> peers;
    for (const auto& id : entry->second) {
      auto index = find_node(*cluster, id);
      if (index && *index != cluster->self_index) peers.push_back(*index);
    }
    std::sort(peers.begin(), peers.end());
    peers.erase(std::unique(peers.begin(), peers.end()), peers.end());
    cluster->topology_neighbours = entry->second;
    cluster->topology_peers = std::move(peers);
  }
  state.cluster = std::move(cluster);
}

std::vector<std::size_t> relay_targets(const State& state, std::optional<std::size_t> from) {
  std::vector<std::size_t> peers;
  for_each_relay_target(state, from, [&](std::size_t peer) { peers.push_back(peer); });
  return peers;
}

}  // namespace rumor::core
