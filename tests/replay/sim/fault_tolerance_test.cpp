// Challenge 3c's property under Maelstrom's own partition nemesis, for every profile: nothing
// acknowledged is lost and the run is valid, at 5 nodes (3c) and at 25 nodes (3d/3e settings).
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/history/check.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"

namespace rumor::replay::sim {
namespace {

history::Edn check_run(const SimResult& r) { return history::check(r.history, r.net); }

using Case = std::tuple<std::string, int, std::uint64_t>;  // profile, node count, seed

class PartitionedRun : public ::testing::TestWithParam<Case> {};

TEST_P(PartitionedRun, IsValidAndLosesNothing) {
  const auto& [profile, node_count, seed] = GetParam();
  SimConfig config;
  config.nodes = core::node_names(static_cast<std::size_t>(node_count));
  config.time_limit_s = 20;
  config.rate = node_count >= 25 ? 100 : 10;
  config.latency.mean_ms = node_count >= 25 ? 100 : 0;
  config.nemesis_partition = true;
  config.seed = seed;
  config.profile = *core::profile_named(profile);
  const SimResult run = run_simulation(config);
  ASSERT_FALSE(run.abort_reason) << *run.abort_reason;
  EXPECT_TRUE(run.problems.empty());
  const history::Edn results = check_run(run);
  const history::Edn* lost = results.find("workload")->find("lost-count");
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->integer, 0);
  EXPECT_EQ(history::validity_of(results), history::Validity::valid);
}

INSTANTIATE_TEST_SUITE_P(EveryProfile, PartitionedRun,
                         ::testing::Combine(::testing::ValuesIn(core::profile_names()),
                                            ::testing::Values(5, 25),
                                            ::testing::Values(1u, 2u, 3u, 4u)),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::get<0>(info.param) + "_" +
                                  std::to_string(std::get<1>(info.param)) + "_nodes_seed_" +
                                  std::to_string(std::get<2>(info.param));
                         });

}  // namespace
}  // namespace rumor::replay::sim
