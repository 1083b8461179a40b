// Speed benchmark (not a test): simulated seconds per wall second for the Gossip Glomers 3e
// configuration (25 nodes, rate 100, latency 100, 20 s; ~30 s simulated with recovery).
// Usage: sim_speed_bench [runs] [profile]. Reports the best and median of the runs, simulation
// only (the checker is timed separately). The heap is set up as `rumor test` sets it
// (replay/main_heap.hpp), so the figure is the one the tool's own runs see; with glibc's default
// heap every run after the first pays fresh page faults for what the previous run gave back.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/history/check.hpp"
#include "replay/main_heap.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"

namespace {

// CPU time of this process: on a machine shared with other jobs, wall time understates speed.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  rumor::replay::prepare_heap();
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::string profile = argc > 2 ? argv[2] : "";
  rumor::replay::sim::SimConfig config;
  config.nodes = rumor::core::node_names(25);
  config.time_limit_s = 20;
  config.rate = 100;
  config.latency.mean_ms = 100;
  config.profile = *rumor::core::profile_named(profile);
  std::vector<double> ratios;
  std::vector<double> cpu_ratios;
  double check_ms = 0;
  for (int run = 0; run < runs; ++run) {
    config.seed = static_cast<std::uint64_t>(run + 1);
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    const auto result = rumor::replay::sim::run_simulation(config);
    const double cpu_s = cpu_seconds() - cpu_start;
    const auto simulated = std::chrono::steady_clock::now();
    rumor::replay::history::check(result.history, std::nullopt);
    const auto checked = std::chrono::steady_clock::now();
    const double wall_s = std::chrono::duration<double>(simulated - start).count();
    check_ms += std::chrono::duration<double, std::milli>(checked - simulated).count();
    const double ratio = static_cast<double>(result.simulated_ns) / 1e9 / wall_s;
    ratios.push_back(ratio);
    cpu_ratios.push_back(static_cast<double>(result.simulated_ns) / 1e9 / cpu_s);
    std::cout << "run " << run << ": simulated " << static_cast<double>(result.simulated_ns) / 1e9
              << " s, " << result.events << " events, " << result.net.all.msg_count
              << " messages in " << wall_s * 1e3 << " ms = " << static_cast<long>(ratio)
              << "x real time\n";
  }
  std::sort(ratios.begin(), ratios.end());
  std::sort(cpu_ratios.begin(), cpu_ratios.end());
  std::cout << "3e sim speed: best " << static_cast<long>(ratios.back()) << "x, median "
            << static_cast<long>(ratios[ratios.size() / 2]) << "x real time (wall); median "
            << static_cast<long>(cpu_ratios[cpu_ratios.size() / 2]) << "x per CPU second; checker "
            << check_ms / runs << " ms per run\n";
  return 0;
}
