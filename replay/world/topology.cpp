#include "replay/world/topology.hpp"

#include <algorithm>
#include <deque>

namespace rumor::replay::world {

namespace {

// Neighbours by node index, in Maelstrom's order.
using Adjacency = std::vector<std::vector<int>>;

Adjacency grid(int nodes) {
  int side = 1;  // ceil(sqrt(nodes)), in integers so perfect squares hold no surprise
  while (side * side < nodes) ++side;
  Adjacency adjacency(static_cast<std::size_t>(nodes));
  for (int k = 0; k < nodes; ++k) {
    const int row = k / side;
    const int column = k % side;
    auto add = [&](int r, int c) {
      if (r < 0 || c < 0 || c >= side) return;
      const int other = r * side + c;
      if (other < nodes) adjacency[static_cast<std::size_t>(k)].push_back(other);
    };
    // Maelstrom's order: below, above, right, left.
    add(row + 1, column);
    add(row - 1, column);
    add(row, column + 1);
    add(row, column - 1);
  }
  return adjacency;
}

Adjacency line(int nodes) {
  Adjacency adjacency(static_cast<std::size_t>(nodes));
  for (int k = 0; k < nodes && nodes >= 2; ++k) {
    if (k > 0) adjacency[static_cast<std::size_t>(k)].push_back(k - 1);
    if (k + 1 < nodes) adjacency[static_cast<std::size_t>(k)].push_back(k + 1);
  }
  return adjacency;
}

Adjacency total(int nodes) {
  Adjacency adjacency(static_cast<std::size_t>(nodes));
  for (int k = 0; k < nodes; ++k) {
    for (int other = 0; other < nodes; ++other) {
      if (other != k) adjacency[static_cast<std::size_t>(k)].push_back(other);
    }
  }
  return adjacency;
}

Adjacency tree(int nodes, int branching) {
  Adjacency adjacency(static_cast<std::size_t>(nodes));
  for (int k = 0; k < nodes; ++k) {
    if (k > 0) adjacency[static_cast<std::size_t>(k)].push_back((k - 1) / branching);
    for (int child = branching * k + 1; child <= branching * k + branching && child < nodes;
         ++child) {
      adjacency[static_cast<std::size_t>(k)].push_back(child);
    }
  }
  return adjacency;
}

std::optional<Adjacency> adjacency_of(std::string_view kind, int nodes) {
  if (kind == "grid") return grid(nodes);
  if (kind == "line") return line(nodes);
  if (kind == "total") return total(nodes);
  if (kind == "tree" || kind == "tree2") return tree(nodes, 2);
  if (kind == "tree3") return tree(nodes, 3);
  if (kind == "tree4") return tree(nodes, 4);
  return std::nullopt;
}

}  // namespace

bool is_topology_name(std::string_view name) {
  return name == "grid" || name == "line" || name == "total" || name == "tree" || name == "tree2" ||
         name == "tree3" || name == "tree4";
}

std::vector<std::string> topology_kinds() {
  return {"grid", "line", "total", "tree2", "tree3", "tree4"};
}

std::optional<TopologyMap> make_topology(std::string_view kind,
                                         const std::vector<std::string>& nodes) {
  const auto count = static_cast<int>(nodes.size());
  const auto adjacency = adjacency_of(kind, count);
  if (!adjacency) return std::nullopt;
  TopologyMap map;
  if (kind == "line" && count < 2) return map;  // Maelstrom gives {} here, not {"n0" []}
  for (int k = 0; k < count; ++k) {
    auto& neighbours = map[nodes[static_cast<std::size_t>(k)]];
    for (int other : (*adjacency)[static_cast<std::size_t>(k)]) {
      neighbours.push_back(nodes[static_cast<std::size_t>(other)]);
    }
  }
  return map;
}

int topology_diameter(std::string_view kind, int nodes) {
  const Adjacency adjacency = adjacency_of(kind, nodes).value_or(grid(nodes));
  int diameter = 0;
  for (int start = 0; start < nodes; ++start) {
    std::vector<int> distance(static_cast<std::size_t>(nodes), -1);
    std::deque<int> queue{start};
    distance[static_cast<std::size_t>(start)] = 0;
    while (!queue.empty()) {
      const int node = queue.front();
      queue.pop_front();
      for (int other : adjacency[static_cast<std::size_t>(node)]) {
        if (distance[static_cast<std::size_t>(other)] >= 0) continue;
        distance[static_cast<std::size_t>(other)] = distance[static_cast<std::size_t>(node)] + 1;
        queue.push_back(other);
      }
    }
    for (int d : distance) {
      if (d < 0) return std::max(nodes - 1, 0);
      diameter = std::max(diameter, d);
    }
  }
  return diameter;
}

}  // namespace rumor::replay::world
