// Swarm testing: each seed chooses its own run — cluster size, profile, topology, latency, client
// rate, clock skew, and which kinds of faults are on and how hard they hit — so a campaign covers
// many different corners instead of one average mix.
#pragma once

#include <cstdint>
#include <string>

#include "replay/fuzz/schedule.hpp"

namespace rumor::replay::fuzz {

struct SwarmLimits {
  int nodes_min = 1;
  int nodes_max = 50;
  std::string profile;  // empty: each seed picks one
};

// The schedule of seed `seed`, a pure function of (seed, limits), with its convergence bound set.
Schedule generate_schedule(std::uint64_t seed, const SwarmLimits& limits);

}  // namespace rumor::replay::fuzz
