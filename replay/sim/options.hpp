// `rumor test` command-line options (Maelstrom's CLI, core.clj): Maelstrom's flag names and
// defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/step.hpp"
#include "replay/world/latency.hpp"

namespace rumor::replay::sim {

using world::latency_dist_named;
using world::LatencyDist;
using world::LatencyModel;

inline constexpr std::uint64_t default_seed = 1;

struct TestOptions {
  std::string workload;            // -w / --workload; must be "broadcast"
  std::vector<std::string> nodes;  // resolved node ids (default n1..n5, like Jepsen)
  std::int64_t time_limit_s = 60;
  double rate = 5;
  LatencyModel latency;  // --latency, --latency-dist
  std::string topology = "grid";
  bool nemesis_partition = false;
  double nemesis_interval_s = 10;
  std::string concurrency = "1n";
  std::size_t workers = 0;  // resolved from `concurrency`
  std::uint64_t seed = default_seed;
  std::string profile;  // "" = the core's default profile
  std::int64_t tick_ms = core::tick_ms_default;
  double jepsen_slip_ms = 0;  // added to every client op gap, to match a given Jepsen host
  std::optional<std::string> availability;
  bool json = false;
  bool store = true;
  // Process mode: run this program (absolute path) as every node, with these arguments.
  std::optional<std::string> bin;
  std::vector<std::string> bin_args;
  bool help = false;
};

struct ParsedOptions {
  std::optional<TestOptions> options;  // nullopt on error
  std::string error;                   // why, for the usage message
};

ParsedOptions parse_test_options(const std::vector<std::string>& args);
std::string test_usage();

}  // namespace rumor::replay::sim
