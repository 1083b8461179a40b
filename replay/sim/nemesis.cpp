#include "replay/sim/nemesis.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace rumor::replay::sim {

std::string_view partition_kind_keyword(PartitionKind kind) {
  switch (kind) {
    case PartitionKind::one:
      return ":one";
    case PartitionKind::minority_third:
      return ":minority-third";
    case PartitionKind::majority:
      return ":majority";
    case PartitionKind::majorities_ring:
      return ":majorities-ring";
  }
  return ":one";
}

std::size_t majority(std::size_t n) { return n / 2 + 1; }

std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = n; i > 1; --i) {
    std::swap(order[i - 1], order[rng.below(i)]);
  }
  return order;
}

Grudge complete_grudge(std::size_t node_count,
                       const std::vector<std::vector<std::size_t>>& components) {
  Grudge grudge(node_count);
  std::vector<int> component_of(node_count, -1);
  for (std::size_t c = 0; c < components.size(); ++c) {
    for (std::size_t node : components[c]) component_of[node] = static_cast<int>(c);
  }
  for (std::size_t receiver = 0; receiver < node_count; ++receiver) {
    if (component_of[receiver] < 0) continue;
    for (std::size_t sender = 0; sender < node_count; ++sender) {
      if (component_of[sender] >= 0 && component_of[sender] != component_of[receiver]) {
        grudge.set_drop(receiver, sender);
      }
    }
  }
  return grudge;
}

namespace {

Grudge split_at(std::size_t node_count, std::size_t first_size, Rng& rng) {
  const auto order = shuffled_indices(node_count, rng);
  first_size = std::min(first_size, node_count);
  std::vector<std::vector<std::size_t>> components{
      std::vector<std::size_t>(order.begin(), order.begin() + static_cast<long>(first_size)),
      std::vector<std::size_t>(order.begin() + static_cast<long>(first_size), order.end())};
  return complete_grudge(node_count, components);
}

Grudge ring_perfect(std::size_t n, Rng& rng) {
  const auto ring = shuffled_indices(n, rng);
  const std::size_t m = majority(n);
  Grudge grudge(n);
  for (std::size_t start = 0; start < n; ++start) {
    std::vector<bool> in_window(n, false);
    for (std::size_t k = 0; k < m; ++k) in_window[ring[(start + k) % n]] = true;
    const std::size_t self = ring[(start + m / 2) % n];  // the window's middle member
    for (std::size_t other = 0; other < n; ++other) {
      if (!in_window[other]) grudge.set_drop(self, other);
    }
  }
  return grudge;
}

// Start with every node linked to itself; repeatedly take a least-connected node (ties broken
// by a fresh shuffle) and link it, both ways, to a least-connected node it is not linked to yet,
// until every node reaches a majority; then each node drops everything it is not linked to.
Grudge ring_stochastic(std::size_t n, Rng& rng) {
  const std::size_t m = majority(n);
  std::vector<std::vector<bool>> linked(n, std::vector<bool>(n, false));
  std::vector<std::size_t> degree(n, 1);
  for (std::size_t i = 0; i < n; ++i) linked[i][i] = true;
  auto least_connected = [&](auto&& eligible) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    for (std::size_t node : shuffled_indices(n, rng)) {
      if (!eligible(node)) continue;
      if (!best || degree[node] < degree[*best]) best = node;
    }
    return best;
  };
  for (std::size_t guard = 0; guard < n * n; ++guard) {
    const auto a = least_connected([](std::size_t) { return true; });
    if (!a || degree[*a] >= m) break;
    const auto b = least_connected([&](std::size_t node) { return !linked[*a][node]; });
    if (!b) break;
    linked[*a][*b] = linked[*b][*a] = true;
    ++degree[*a];
    ++degree[*b];
  }
  Grudge grudge(n);
  for (std::size_t receiver = 0; receiver < n; ++receiver) {
    for (std::size_t sender = 0; sender < n; ++sender) {
      if (!linked[receiver][sender]) grudge.set_drop(receiver, sender);
    }
  }
  return grudge;
}

}  // namespace

Grudge one_grudge(std::size_t node_count, Rng& rng) { return split_at(node_count, 1, rng); }

Grudge minority_third_grudge(std::size_t node_count, Rng& rng) {
  return split_at(node_count, node_count == 0 ? 0 : (node_count - 1) / 3, rng);
}

Grudge majority_grudge(std::size_t node_count, Rng& rng) {
  return split_at(node_count, node_count / 2, rng);
}

Grudge majorities_ring_grudge(std::size_t node_count, Rng& rng) {
  if (node_count == 0) return Grudge(0);
  return node_count <= 5 ? ring_perfect(node_count, rng) : ring_stochastic(node_count, rng);
}

Grudge make_grudge(PartitionKind kind, std::size_t node_count, Rng& rng) {
  switch (kind) {
    case PartitionKind::one:
      return one_grudge(node_count, rng);
    case PartitionKind::minority_third:
      return minority_third_grudge(node_count, rng);
    case PartitionKind::majority:
      return majority_grudge(node_count, rng);
    case PartitionKind::majorities_ring:
      return majorities_ring_grudge(node_count, rng);
  }
  return Grudge(node_count);
}

std::string isolated_edn(const Grudge& grudge, const std::vector<std::string>& nodes) {
  std::string out = "[:isolated {";
  for (std::size_t receiver = 0; receiver < nodes.size(); ++receiver) {
    if (receiver > 0) out += ", ";
    out += '"' + nodes[receiver] + "\" #{";
    bool first = true;
    for (std::size_t sender = 0; sender < nodes.size(); ++sender) {
      if (!grudge.drops(receiver, sender)) continue;
      if (!first) out += ' ';
      first = false;
      out += '"' + nodes[sender] + '"';
    }
    out += '}';
  }
  out += "}]";
  return out;
}

}  // namespace rumor::replay::sim
