// The swarm generator: deterministic per seed, within the limits asked for, with every fault
// window inside the fault phase; and the topologies and convergence bound it relies on.
#include "replay/fuzz/generate.hpp"

#include <gtest/gtest.h>

#include <set>

#include "replay/fuzz/convergence_bound.hpp"
#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {
namespace {

TEST(Generate, SameSeedSameSchedule) {
  EXPECT_EQ(generate_schedule(99, SwarmLimits{}), generate_schedule(99, SwarmLimits{}));
  EXPECT_NE(generate_schedule(99, SwarmLimits{}), generate_schedule(100, SwarmLimits{}));
}

TEST(Generate, StaysWithinLimitsAndThePhase) {
  std::set<int> sizes;
  std::set<std::string> profiles;
  bool short_pause = false;
  bool whole_phase_pause = false;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const Schedule schedule = generate_schedule(seed, SwarmLimits{3, 9, ""});
    const Config& config = schedule.config;
    ASSERT_GE(config.nodes, 3);
    ASSERT_LE(config.nodes, 9);
    ASSERT_EQ(config.clocks.size(), static_cast<std::size_t>(config.nodes));
    EXPECT_EQ(config.liveness_ms, convergence_bound_ms(schedule));
    sizes.insert(config.nodes);
    profiles.insert(config.profile);
    const NodeSet everyone = (NodeSet{1} << config.nodes) - 1;
    for (const auto& event : schedule.events) {
      EXPECT_EQ(nodes_of(event.body) & ~everyone, 0u);
      std::visit(
          [&](const auto& body) {
            if constexpr (requires { body.end_ms; }) {
              EXPECT_LE(body.start_ms, body.end_ms);
              EXPECT_LE(body.end_ms, config.fault_phase_ms);
            } else {
              EXPECT_LT(body.at_ms, config.fault_phase_ms);
            }
          },
          event.body);
      if (const auto* pause = std::get_if<Pause>(&event.body)) {
        short_pause = short_pause || pause->end_ms - pause->start_ms < 100;
        whole_phase_pause =
            whole_phase_pause || (pause->start_ms == 0 && pause->end_ms == config.fault_phase_ms &&
                                  config.fault_phase_ms >= 5000);
      }
    }
  }
  EXPECT_EQ(sizes.size(), 7u);  // every size in 3..9 comes up
  EXPECT_EQ(profiles.size(), 4u);
  // Pauses come at every scale, from a blip to seconds-long stretches of the fault phase.
  EXPECT_TRUE(short_pause);
  EXPECT_TRUE(whole_phase_pause);
}

TEST(Generate, FixedProfileAndSize) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const Schedule schedule = generate_schedule(seed, SwarmLimits{5, 5, "frugal"});
    EXPECT_EQ(schedule.config.nodes, 5);
    EXPECT_EQ(schedule.config.profile, "frugal");
  }
}

TEST(Generate, RestrictNodesDropsWhatNamesOnlyDroppedNodes) {
  Schedule schedule;
  schedule.config.nodes = 4;
  schedule.config.clocks.assign(4, NodeClock{});
  schedule.events = {{1, ClientBroadcast{0, 3, 1}},
                     {2, ClientRead{0, 1}},
                     {3, Partition{0, 10, only(0) | only(3), only(1), true}},
                     {4, Partition{0, 10, only(3), only(1), true}}};
  const Schedule smaller = restrict_nodes(schedule, 2);
  EXPECT_EQ(smaller.config.nodes, 2);
  EXPECT_EQ(smaller.config.clocks.size(), 2u);
  ASSERT_EQ(smaller.events.size(), 2u);
  EXPECT_EQ(smaller.events[0].id, 2u);
  EXPECT_EQ(std::get<Partition>(smaller.events[1].body).from, only(0));
}

TEST(Generate, RemoveNodeRenumbersTheRest) {
  Schedule schedule;
  schedule.config.nodes = 4;
  schedule.config.clocks = {{10, 0, 0}, {11, 0, 0}, {12, 0, 0}, {13, 0, 0}};
  schedule.events = {{1, ClientBroadcast{0, 1, 1}},
                     {2, ClientRead{0, 3}},
                     {3, Partition{0, 10, only(0) | only(3), only(1) | only(2), true}},
                     {4, LinkFault{LinkFaultKind::loss, 0, 10, only(1), only(2), 1000, 0}}};
  const Schedule smaller = remove_node(schedule, 1);
  EXPECT_EQ(smaller.config.nodes, 3);
  EXPECT_EQ(smaller.config.clocks[1].period_ms, 12);
  ASSERT_EQ(smaller.events.size(), 2u);
  EXPECT_EQ(smaller.events[0], (Event{2, ClientRead{0, 2}}));
  const auto& partition = std::get<Partition>(smaller.events[1].body);
  EXPECT_EQ(partition.from, only(0) | only(2));
  EXPECT_EQ(partition.to, only(1));
}

TEST(Topology, MatchesMaelstromForFiveNodes) {
  using Map = std::map<std::string, std::vector<std::string>>;
  EXPECT_EQ(maelstrom_topology("grid", 5), (Map{{"n0", {"n3", "n1"}},
                                                {"n1", {"n4", "n2", "n0"}},
                                                {"n2", {"n1"}},
                                                {"n3", {"n0", "n4"}},
                                                {"n4", {"n1", "n3"}}}));
  EXPECT_EQ(maelstrom_topology("tree3", 5), (Map{{"n0", {"n1", "n2", "n3"}},
                                                 {"n1", {"n0", "n4"}},
                                                 {"n2", {"n0"}},
                                                 {"n3", {"n0"}},
                                                 {"n4", {"n1"}}}));
  EXPECT_TRUE(maelstrom_topology("line", 1).empty());
}

TEST(Topology, Diameters) {
  EXPECT_EQ(topology_diameter("line", 7), 6);
  EXPECT_EQ(topology_diameter("total", 7), 1);
  EXPECT_EQ(topology_diameter("grid", 25), 8);
  EXPECT_EQ(topology_diameter("tree4", 25), 5);
  EXPECT_EQ(topology_diameter("grid", 1), 0);
}

TEST(ConvergenceBound, GrowsWithHopsValuesAndDelay) {
  Schedule schedule;
  schedule.config.nodes = 10;
  schedule.config.clocks.assign(10, NodeClock{});
  schedule.config.topology = "line";
  schedule.config.latency = {LatencyKind::constant, 100, 100};
  schedule.config.profile = "fast";
  const auto mesh_ms = convergence_bound_ms(schedule);
  schedule.config.profile = "topology";
  EXPECT_EQ(overlay_hops(schedule.config), 9);
  schedule.config.profile = "default";
  EXPECT_EQ(overlay_hops(schedule.config), 2);
  const auto star_ms = convergence_bound_ms(schedule);
  for (std::uint32_t value = 0; value < 3000; ++value) {
    schedule.events.push_back({value, ClientBroadcast{0, 0, value}});
  }
  const auto many_values_ms = convergence_bound_ms(schedule);
  schedule.events.push_back({9999, LinkFault{LinkFaultKind::delay, 0, 1, 1, 2, 1000, 5000}});
  EXPECT_GT(mesh_ms, 4000);  // at least the fast profile's retransmit interval
  EXPECT_GT(many_values_ms, star_ms);
  EXPECT_EQ(convergence_bound_ms(schedule), many_values_ms + 5000);
}

}  // namespace
}  // namespace rumor::replay::fuzz
