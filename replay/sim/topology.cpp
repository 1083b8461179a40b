#include "replay/sim/topology.hpp"

#include <cmath>

namespace rumor::replay::sim {

bool is_topology_name(std::string_view name) {
  return name == "grid" || name == "line" || name == "total" || name == "tree" || name == "tree2" ||
         name == "tree3" || name == "tree4";
}

std::optional<TopologyMap> make_topology(std::string_view kind,
                                         const std::vector<std::string>& nodes) {
  if (kind == "grid") return grid_topology(nodes);
  if (kind == "line") return line_topology(nodes);
  if (kind == "total") return total_topology(nodes);
  if (kind == "tree" || kind == "tree2") return tree_topology(nodes, 2);
  if (kind == "tree3") return tree_topology(nodes, 3);
  if (kind == "tree4") return tree_topology(nodes, 4);
  return std::nullopt;
}

TopologyMap grid_topology(const std::vector<std::string>& nodes) {
  const auto count = static_cast<long>(nodes.size());
  // Integer ceil(sqrt(N)), avoiding floating point surprises at perfect squares.
  long side = static_cast<long>(std::sqrt(static_cast<double>(count)));
  while (side * side < count) ++side;
  while (side > 0 && (side - 1) * (side - 1) >= count) --side;
  TopologyMap map;
  auto at = [&](long row, long column) -> const std::string* {
    if (row < 0 || column < 0 || column >= side) return nullptr;
    const long k = row * side + column;
    return k < count ? &nodes[static_cast<std::size_t>(k)] : nullptr;
  };
  for (long k = 0; k < count; ++k) {
    const long row = k / side;
    const long column = k % side;
    auto& neighbours = map[nodes[static_cast<std::size_t>(k)]];
    // Maelstrom's order: below, above, right, left.
    for (const std::string* n :
         {at(row + 1, column), at(row - 1, column), at(row, column + 1), at(row, column - 1)}) {
      if (n != nullptr) neighbours.push_back(*n);
    }
  }
  return map;
}

TopologyMap line_topology(const std::vector<std::string>& nodes) {
  TopologyMap map;
  if (nodes.size() < 2) return map;  // Maelstrom gives {} here, not {"n0" []}
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    auto& neighbours = map[nodes[k]];
    if (k > 0) neighbours.push_back(nodes[k - 1]);
    if (k + 1 < nodes.size()) neighbours.push_back(nodes[k + 1]);
  }
  return map;
}

TopologyMap total_topology(const std::vector<std::string>& nodes) {
  TopologyMap map;
  for (const auto& node : nodes) {
    auto& neighbours = map[node];
    for (const auto& other : nodes) {
      if (other != node) neighbours.push_back(other);
    }
  }
  return map;
}

TopologyMap tree_topology(const std::vector<std::string>& nodes, std::size_t branching) {
  TopologyMap map;
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    auto& neighbours = map[nodes[k]];
    if (k > 0) neighbours.push_back(nodes[(k - 1) / branching]);
    for (std::size_t c = branching * k + 1; c <= branching * k + branching && c < nodes.size();
         ++c) {
      neighbours.push_back(nodes[c]);
    }
  }
  return map;
}

}  // namespace rumor::replay::sim
