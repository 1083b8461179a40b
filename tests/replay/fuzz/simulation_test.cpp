// Whole runs on the real core: clean seeds pass, runs are deterministic, campaigns do not depend
// on --jobs, and hand-made schedules with harsh faults still converge after the heal.
#include "replay/fuzz/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "core/profile.hpp"
#include "replay/fuzz/campaign.hpp"
#include "replay/fuzz/convergence_bound.hpp"
#include "replay/fuzz/generate.hpp"

namespace rumor::replay::fuzz {
namespace {

TEST(Simulation, CleanSeedsPassForEveryProfile) {
  for (const auto& profile : core::profile_names()) {
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
      const Schedule schedule = generate_schedule(seed, SwarmLimits{1, 12, profile});
      const Verdict verdict = simulate(schedule);
      ASSERT_EQ(verdict.outcome, Outcome::pass)
          << profile << " seed " << seed << ": " << verdict.reason;
      EXPECT_GT(verdict.events, 0u);
    }
  }
}

TEST(Simulation, SameScheduleSameFingerprint) {
  for (std::uint64_t seed : {3u, 77u, 1234u}) {
    const Schedule schedule = generate_schedule(seed, SwarmLimits{});
    const Verdict first = simulate(schedule);
    const Verdict second = simulate(schedule);
    EXPECT_EQ(first.fingerprint, second.fingerprint);
    EXPECT_EQ(first.events, second.events);
  }
}

TEST(Simulation, DifferentSeedsDifferentFingerprints) {
  const Verdict a = simulate(generate_schedule(1, SwarmLimits{}));
  const Verdict b = simulate(generate_schedule(2, SwarmLimits{}));
  EXPECT_NE(a.fingerprint, b.fingerprint);
}

TEST(Simulation, CampaignResultDoesNotDependOnJobs) {
  CampaignOptions options;
  options.seeds = 40;
  options.seed_start = 500;
  options.limits = SwarmLimits{1, 10, ""};
  options.jobs = 1;
  const CampaignResult one = run_campaign(options, nullptr);
  options.jobs = 3;
  const CampaignResult three = run_campaign(options, nullptr);
  EXPECT_EQ(one.runs, 40u);
  EXPECT_EQ(one.runs, three.runs);
  EXPECT_EQ(one.events, three.events);
  EXPECT_EQ(one.fingerprint, three.fingerprint);
  EXPECT_TRUE(one.failures.empty());
}

// Four nodes; the hub (n0) cut off for the first half, then n1 unable to reach n2 and n3; n2
// paused for over a second; half of all messages lost, some duplicated, some held back by up to
// 1.5 s; and one value broadcast twice.
Schedule harsh(const std::string& profile) {
  Schedule schedule;
  Config& config = schedule.config;
  config.seed = 42;
  config.nodes = 4;
  config.profile = profile;
  config.topology = "line";
  config.latency = {LatencyKind::uniform, 20, 39};
  config.clocks = {{10, 0, 0}, {9, 3, 700}, {11, 5, 20}, {10, 7, 2500}};
  config.fault_phase_ms = 4000;
  std::uint32_t id = 1;
  for (int value = 0; value < 40; ++value) {
    schedule.events.push_back({id++, ClientBroadcast{value * 95, value % 4, value}});
    schedule.events.push_back({id++, ClientRead{value * 95 + 40, (value + 2) % 4}});
  }
  schedule.events.push_back({id++, ClientBroadcast{3000, 1, 7}});
  const NodeSet everyone = 0b1111;
  schedule.events.push_back({id++, Partition{0, 2000, only(0), everyone & ~only(0), true}});
  schedule.events.push_back({id++, Partition{2000, 3000, only(1), only(2) | only(3), false}});
  schedule.events.push_back({id++, Pause{500, 2200, 2}});
  schedule.events.push_back(
      {id++, LinkFault{LinkFaultKind::loss, 1500, 4000, everyone, everyone, 500, 0}});
  schedule.events.push_back(
      {id++, LinkFault{LinkFaultKind::duplicate, 0, 4000, everyone, everyone, 300, 0}});
  schedule.events.push_back(
      {id++, LinkFault{LinkFaultKind::delay, 1000, 3000, only(3), only(0) | only(1), 800, 1500}});
  config.liveness_ms = convergence_bound_ms(schedule);
  return schedule;
}

TEST(Simulation, HarshFaultsStillConvergeAfterTheHeal) {
  for (const auto& profile : core::profile_names()) {
    const Verdict verdict = simulate(harsh(profile));
    EXPECT_EQ(verdict.outcome, Outcome::pass) << profile << ": " << verdict.reason;
    // It converged after the heal, not before it: the partition held values back.
    EXPECT_GE(verdict.at_ms, 4000) << profile;
  }
}

TEST(Simulation, LogHasOneLinePerDeliveryAndDrop) {
  std::ostringstream log;
  simulate(harsh("default"), &log);
  const std::string text = log.str();
  EXPECT_NE(text.find(" recv c1->n1 broadcast 1\n"), std::string::npos);
  EXPECT_NE(text.find(" partitioned\n"), std::string::npos);
  EXPECT_NE(text.find(" lost\n"), std::string::npos);
  EXPECT_NE(text.find(" reply n1->c1 broadcast_ok\n"), std::string::npos);
}

TEST(Simulation, PausedNodeAnswersOnlyAfterThePause) {
  Schedule schedule;
  schedule.config.nodes = 2;
  schedule.config.clocks.assign(2, NodeClock{});
  schedule.config.fault_phase_ms = 3000;
  schedule.events = {{1, Pause{100, 2500, 1}}, {2, ClientBroadcast{200, 1, 0}}};
  schedule.config.liveness_ms = convergence_bound_ms(schedule);
  std::ostringstream log;
  EXPECT_EQ(simulate(schedule, &log).outcome, Outcome::pass);
  EXPECT_NE(log.str().find("2500 recv c1->n1 broadcast 0\n"), std::string::npos) << log.str();
}

// The simulator keeps client events apart from its event queue, in time order: a schedule file
// may list them in any order, and those at one instant go in the order the file lists them.
TEST(Simulation, ClientEventsRunInTimeOrderWhateverTheirListing) {
  const Schedule listed = harsh("default");
  Schedule reversed = listed;
  std::reverse(reversed.events.begin(), reversed.events.end());
  std::ostringstream listed_log;
  std::ostringstream reversed_log;
  const Verdict a = simulate(listed, &listed_log);
  const Verdict b = simulate(reversed, &reversed_log);
  EXPECT_EQ(a.outcome, Outcome::pass) << a.reason;
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(listed_log.str(), reversed_log.str());
}

TEST(Simulation, ClientEventsAtOneInstantGoInScheduleOrder) {
  Schedule schedule;
  schedule.config.nodes = 2;
  schedule.config.clocks.assign(2, NodeClock{});
  schedule.config.fault_phase_ms = 1000;
  // Out of time order (the value at 50 listed second), with a read and a broadcast at 100.
  schedule.events = {
      {1, ClientRead{100, 0}}, {2, ClientBroadcast{50, 1, 4}}, {3, ClientBroadcast{100, 0, 5}}};
  schedule.config.liveness_ms = convergence_bound_ms(schedule);
  std::ostringstream log;
  EXPECT_EQ(simulate(schedule, &log).outcome, Outcome::pass);
  const std::string text = log.str();
  const auto first_read = text.find("100 recv c0->n0 read");
  const auto broadcast = text.find("100 recv c0->n0 broadcast 5");
  ASSERT_NE(first_read, std::string::npos) << text;
  ASSERT_NE(broadcast, std::string::npos) << text;
  EXPECT_LT(first_read, broadcast) << text;
}

TEST(Simulation, RejectsAScheduleWithoutClocks) {
  Schedule schedule;
  schedule.config.nodes = 3;
  EXPECT_EQ(simulate(schedule).outcome, Outcome::safety);
}

}  // namespace
}  // namespace rumor::replay::fuzz
