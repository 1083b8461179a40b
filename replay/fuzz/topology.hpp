// The fuzzer's clusters are named and wired as the simulated world's (replay/world/topology.hpp):
// nodes n0..n<N-1>, each talked to by client c<k>.
#pragma once

#include <string>

#include "replay/world/topology.hpp"

namespace rumor::replay::fuzz {

using world::client_name;
using world::node_name;
using world::topology_diameter;
using world::topology_kinds;
using world::TopologyMap;

// The topology map Maelstrom would send for `nodes` nodes n0..; an unknown kind counts as grid.
inline TopologyMap maelstrom_topology(const std::string& kind, int nodes) {
  const auto names = world::node_names(nodes);
  if (auto map = world::make_topology(kind, names)) return *map;
  return *world::make_topology("grid", names);
}

}  // namespace rumor::replay::fuzz
