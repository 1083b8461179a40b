// The `partition` nemesis (Maelstrom's nemesis.clj): Jepsen's four grudge kinds over the node
// order, and the EDN text Jepsen records for them in the history.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "replay/world/grudge.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::sim {

using world::Grudge;
using world::Rng;

enum class PartitionKind { one, minority_third, majority, majorities_ring };

inline constexpr PartitionKind all_partition_kinds[] = {
    PartitionKind::one, PartitionKind::minority_third, PartitionKind::majority,
    PartitionKind::majorities_ring};

std::string_view partition_kind_keyword(PartitionKind kind);  // ":one", ":majority", ...

std::size_t majority(std::size_t n);  // floor(n/2) + 1

// Every node drops the nodes outside its own component (Jepsen's complete-grudge).
Grudge complete_grudge(std::size_t node_count,
                       const std::vector<std::vector<std::size_t>>& components);

Grudge one_grudge(std::size_t node_count, Rng& rng);
Grudge minority_third_grudge(std::size_t node_count, Rng& rng);
Grudge majority_grudge(std::size_t node_count, Rng& rng);
// N ≤ 5: ring windows (Jepsen's majorities-ring-perfect); N > 5: the least-connected-pairs
// construction (majorities-ring-stochastic).
Grudge majorities_ring_grudge(std::size_t node_count, Rng& rng);
Grudge make_grudge(PartitionKind kind, std::size_t node_count, Rng& rng);

// `[:isolated {"n0" #{"n3" "n4"}, ...}]`: every node of the test, in node order, with the set of
// nodes it drops (possibly empty), as Jepsen records a start-partition completion.
std::string isolated_edn(const Grudge& grudge, const std::vector<std::string>& nodes);

// Fisher–Yates with the given generator.
std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng);

}  // namespace rumor::replay::sim
