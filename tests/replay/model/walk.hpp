// Reachable model states for tests: a walk from the initialised cluster, each step picking one
// of the enabled transitions by the given numbers (skipping violations and pruned steps).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/profile.hpp"
#include "core/state.hpp"
#include "replay/model/fingerprint.hpp"
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

// Every state the search reaches (breadth-first, one per fingerprint, pruned steps left out), each
// handed to `visit` with its enabled transitions; returns how many. Safety violations are
// reported to `visit` as a second argument and not followed.
inline std::size_t for_each_reachable(
    const ModelConfig& config,
    const std::function<void(const World&, const std::vector<Transition>&)>& visit,
    const std::function<void(const std::string&)>& violation) {
  const Successor initial = initial_world(config, *core::profile_named(config.profile));
  const Fingerprinter fingerprint(initial.world, true, config.values);
  std::unordered_set<std::uint64_t> seen{fingerprint(initial.world)};
  std::deque<World> queue{initial.world};
  std::vector<Transition> enabled;
  while (!queue.empty()) {
    const World world = std::move(queue.front());
    queue.pop_front();
    enabled_transitions(world, config, enabled);
    visit(world, enabled);
    for (const auto& transition : enabled) {
      Successor next = apply(world, transition, config);
      if (next.violation) violation(*next.violation);
      if (next.violation || next.pruned || !seen.insert(fingerprint(next.world)).second) continue;
      queue.push_back(std::move(next.world));
    }
  }
  return seen.size();
}

// `state` with every time it holds moved by `delta_ms` (the "never" and "long ago" sentinels stay):
// the fingerprint sees times only relative to the present, so this must not change it.
inline void shift_time(core::State& state, std::int64_t delta_ms) {
  const auto shift = [delta_ms](std::int64_t& t) {
    if (t != std::numeric_limits<std::int64_t>::min() &&
        t != std::numeric_limits<std::int64_t>::max())
      t += delta_ms;
  };
  shift(state.last_now_ms);
  shift(state.links_due_ms);
  for (auto& link : state.links) {
    shift(link.out_first_unsent_ms);
    shift(link.out_retransmit_due_ms);
    if (link.ack_owed_since_ms) shift(*link.ack_owed_since_ms);
  }
}

}  // namespace rumor::replay::model::test
