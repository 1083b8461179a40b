// What the simulator's benchmarks share: CPU time (on a machine shared with other jobs, wall time
// varies too much), the median of the runs, and the run they time (25 nodes, 20 s at 100 ops/s,
// 100 ms mean latency, the default profile).
#pragma once

#include <time.h>

#include <algorithm>
#include <vector>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"

namespace rumor::replay::sim::bench {

inline double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

inline double median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

inline SimConfig benchmark_run() {
  SimConfig config;
  config.nodes = core::node_names(25);
  config.time_limit_s = 20;
  config.rate = 100;
  config.latency.mean_ms = 100;
  config.profile = core::default_profile();
  return config;
}

}  // namespace rumor::replay::sim::bench
