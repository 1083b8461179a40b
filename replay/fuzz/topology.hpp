// Maelstrom's topology kinds (Maelstrom's workload/broadcast.clj, topologies), computed for the
// fuzzer's clusters, and the hop count a value may need to cross a cluster (used by the convergence
// bound).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace rumor::replay::fuzz {

std::vector<std::string> topology_kinds();  // grid, line, total, tree2, tree3, tree4

std::string node_name(int index);    // "n<index>"
std::string client_name(int index);  // "c<index>": the client that talks to node n<index>

// The topology map Maelstrom would send for `nodes` nodes; kind must be one of topology_kinds().
std::map<std::string, std::vector<std::string>> maelstrom_topology(const std::string& kind,
                                                                   int nodes);

// The longest shortest path between two nodes of the topology (0 for one node); the node count
// minus one when the graph is not connected, as a safe upper bound.
int topology_diameter(const std::string& kind, int nodes);

}  // namespace rumor::replay::fuzz
