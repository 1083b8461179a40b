// Maelstrom's --topology maps (Maelstrom's workload/broadcast.clj, topologies), computed over the
// test's node order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::replay::sim {

using TopologyMap = std::map<std::string, std::vector<std::string>>;

// True for grid, line, total, tree, tree2, tree3, tree4.
bool is_topology_name(std::string_view name);

// The neighbour map for `kind` over `nodes`, neighbour lists in Maelstrom's exact order; nullopt
// for an unknown kind.
std::optional<TopologyMap> make_topology(std::string_view kind,
                                         const std::vector<std::string>& nodes);

TopologyMap grid_topology(const std::vector<std::string>& nodes);
TopologyMap line_topology(const std::vector<std::string>& nodes);
TopologyMap total_topology(const std::vector<std::string>& nodes);
TopologyMap tree_topology(const std::vector<std::string>& nodes, std::size_t branching);

}  // namespace rumor::replay::sim
