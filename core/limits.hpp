// Bounds on what input can make a node hold, each refused with error 12 (malformed-request) and
// stated in the README's "Bad input" paragraph. Every Maelstrom test stays far below them.
#pragma once

#include <cstddef>

namespace rumor::core {

// An init naming more nodes is refused. Every node keeps one link per node, and the topology
// benchmark (tests/core/topology_bench.cpp) measures up to this many.
inline constexpr std::size_t node_ids_max = 10'000;
inline constexpr const char* node_ids_too_many = "node_ids must name at most 10000 nodes";

}  // namespace rumor::core
