// Maelstrom's --topology maps (Maelstrom's workload/broadcast.clj, topologies) over a cluster's
// node order, node and client ids, and the hop count a value may need to cross a cluster.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/node_names.hpp"

namespace rumor::replay::world {

using TopologyMap = std::map<std::string, std::vector<std::string>>;

// True for grid, line, total, tree, tree2, tree3, tree4.
bool is_topology_name(std::string_view name);
// The distinct kinds: grid, line, total, tree2, tree3, tree4 (tree is tree2).
std::vector<std::string> topology_kinds();

using core::client_name;  // "c<index>"
using core::node_name;    // "n<index>"
using core::node_names;   // n0 .. n<count-1>

// The neighbour map for `kind` over `nodes`, neighbour lists in Maelstrom's exact order; nullopt
// for an unknown kind.
std::optional<TopologyMap> make_topology(std::string_view kind,
                                         const std::vector<std::string>& nodes);

// The longest shortest path between two of `nodes` nodes (0 for one node); the node count minus
// one when the graph is not connected, as a safe upper bound. An unknown kind counts as grid.
int topology_diameter(std::string_view kind, int nodes);

}  // namespace rumor::replay::world
