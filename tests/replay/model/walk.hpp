// Reachable model states for tests: a walk from the initialised cluster, each step picking one
// of the enabled transitions by the given numbers (skipping violations and pruned steps).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/profile.hpp"
#include "replay/model/transitions.hpp"

namespace rumor::replay::model::test {

// A configuration the property tests walk: 3 values and one fault of each kind.
inline ModelConfig config_for(const std::string& profile, int nodes) {
  ModelConfig config;
  config.nodes = nodes;
  config.values = 3;
  config.drops = 1;
  config.dups = 1;
  config.partitions = 1;
  config.profile = profile;
  return config;
}

inline World walk(const ModelConfig& config, const std::vector<std::uint32_t>& choices) {
  Successor state = initial_world(config, *core::profile_named(config.profile));
  std::vector<Transition> enabled;
  for (std::uint32_t choice : choices) {
    enabled_transitions(state.world, config, enabled);
    if (enabled.empty()) break;
    Successor next = apply(state.world, enabled[choice % enabled.size()], config);
    if (next.violation || next.pruned) continue;
    state = std::move(next);
  }
  return state.world;
}

}  // namespace rumor::replay::model::test
