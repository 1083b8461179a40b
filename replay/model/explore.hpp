// Breadth-first exploration of every state the model can reach (README, `rumor model`), safety
// checked on every transition, then liveness over the fault-free part of the graph.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "replay/model/transitions.hpp"
#include "replay/model/world.hpp"

namespace rumor::replay::model {

struct ExploreStats {
  std::uint64_t explored = 0;  // states expanded
  std::uint64_t distinct = 0;  // distinct fingerprints seen
  std::array<std::uint64_t, kind_count> transitions{};
  std::uint64_t pruned = 0;                 // transitions cut off by --in-flight-max
  std::uint64_t depth_cut = 0;              // states left unexpanded at --max-depth
  std::uint64_t shard_left = 0;             // states of the split level left to the other shards
  int depth = 0;                            // the deepest level reached
  std::uint64_t queue = 0;                  // the current frontier
  std::vector<std::uint64_t> level_states;  // states first reached at each depth
  std::uint64_t level_bytes_max = 0;        // the largest level's encoded size (frontier.hpp)
  double seconds = 0;
  double cpu_seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::uint64_t symmetries = 1;
};

enum class Verdict { pass, safety, stuck, livelock };
const char* verdict_name(Verdict verdict);

struct Counterexample {
  Verdict verdict = Verdict::safety;
  std::string what;
  std::vector<Transition> path;  // from the initialised cluster
  std::size_t cycle_start = 0;   // livelock: path[cycle_start..] returns to the same state
};

struct ExploreResult {
  ExploreStats stats;
  std::optional<Counterexample> counterexample;
  // No state left unexpanded: every state reachable within the bounds was checked.
  bool exhausted = false;
  // Fault-free transitions that suffice, from any reachable state, to reach convergence.
  std::uint64_t convergence_bound = 0;
  std::uint64_t inconclusive = 0;  // states a bound cut off, left out of the liveness check
  std::vector<std::uint64_t> fingerprints;  // filled when asked (sharding)
};

struct ExploreOptions {
  bool keep_fingerprints = false;
  bool reduce_symmetry = true;
  // Called now and then from the exploring thread with the figures so far.
  std::function<void(const ExploreStats&)> progress;
};

ExploreResult explore(const ModelConfig& config, const ExploreOptions& options);

}  // namespace rumor::replay::model
