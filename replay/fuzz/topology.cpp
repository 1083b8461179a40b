#include "replay/fuzz/topology.hpp"

#include <algorithm>
#include <deque>

namespace rumor::replay::fuzz {

namespace {

using Adjacency = std::vector<std::vector<int>>;

Adjacency grid(int nodes) {
  int side = 1;
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
    add(row + 1, column);
    add(row - 1, column);
    add(row, column + 1);
    add(row, column - 1);
  }
  return adjacency;
}

Adjacency line(int nodes) {
  Adjacency adjacency(static_cast<std::size_t>(nodes));
  if (nodes < 2) return adjacency;
  for (int k = 0; k < nodes; ++k) {
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

Adjacency adjacency_of(const std::string& kind, int nodes) {
  if (kind == "line") return line(nodes);
  if (kind == "total") return total(nodes);
  if (kind == "tree2" || kind == "tree") return tree(nodes, 2);
  if (kind == "tree3") return tree(nodes, 3);
  if (kind == "tree4") return tree(nodes, 4);
  return grid(nodes);
}

}  // namespace

std::vector<std::string> topology_kinds() {
  return {"grid", "line", "total", "tree2", "tree3", "tree4"};
}

namespace {

// Appending (rather than "n" + std::to_string(...)) dodges a g++ 12 -Wrestrict false positive.
std::string prefixed(char prefix, int index) {
  std::string name(1, prefix);
  name += std::to_string(index);
  return name;
}

}  // namespace

std::string node_name(int index) { return prefixed('n', index); }

std::string client_name(int index) { return prefixed('c', index); }

std::map<std::string, std::vector<std::string>> maelstrom_topology(const std::string& kind,
                                                                   int nodes) {
  std::map<std::string, std::vector<std::string>> out;
  if (kind == "line" && nodes < 2) return out;  // Maelstrom sends {} here
  const Adjacency adjacency = adjacency_of(kind, nodes);
  for (int k = 0; k < nodes; ++k) {
    auto& names = out[node_name(k)];
    for (int other : adjacency[static_cast<std::size_t>(k)]) names.push_back(node_name(other));
  }
  return out;
}

int topology_diameter(const std::string& kind, int nodes) {
  const Adjacency adjacency = adjacency_of(kind, nodes);
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

}  // namespace rumor::replay::fuzz
