// `--message-wakes W` (README, `rumor model`): no reachable state holds a packet that waited more
// than W time advances, time stands still while one has waited W, the bound is reached (so the
// checks above can fail), an unbounded search is today's, and a path under the bound replays.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>

#include "replay/model/explore.hpp"
#include "replay/model/path_file.hpp"
#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

int oldest_age(const World& world) {
  int oldest = 0;
  for (const auto& packet : world.in_flight) oldest = std::max(oldest, int{packet.age});
  return oldest;
}

bool advance_enabled(const std::vector<Transition>& enabled) {
  return std::any_of(enabled.begin(), enabled.end(),
                     [](const Transition& t) { return t.kind == Kind::advance; });
}

// What a state may hold under bound `wakes` (no_message_bound: none): ages within it, and no
// advance while a packet has reached it (at 0: while any packet is in flight).
::testing::AssertionResult bound_holds(const World& world, const std::vector<Transition>& enabled,
                                       int wakes) {
  const int oldest = oldest_age(world);
  if (wakes == no_message_bound) {
    if (oldest == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "a packet aged " << oldest << " without a bound";
  }
  if (oldest > wakes) {
    return ::testing::AssertionFailure() << "a packet waited " << oldest << " > " << wakes;
  }
  if (!world.in_flight.empty() && oldest == wakes && advance_enabled(enabled)) {
    return ::testing::AssertionFailure() << "time may advance past an overdue packet";
  }
  return ::testing::AssertionSuccess();
}

RC_GTEST_PROP(ModelMessageWakes, EveryWalkKeepsItsPacketsWithinTheBound, ()) {
  const auto profile = *rc::gen::element<std::string>("default", "frugal", "fast");
  ModelConfig config = test::config_for(profile, *rc::gen::inRange(2, 4));
  config.message_wakes = *rc::gen::inRange(no_message_bound, 4);
  const auto choices = *rc::gen::container<std::vector<std::uint32_t>>(rc::gen::inRange(0u, 1000u));
  Successor state = initial_world(config, *core::profile_named(config.profile));
  std::vector<Transition> enabled;
  for (std::uint32_t choice : choices) {
    enabled_transitions(state.world, config, enabled);
    RC_ASSERT(bound_holds(state.world, enabled, config.message_wakes));
    if (enabled.empty()) break;
    Successor next = apply(state.world, enabled[choice % enabled.size()], config);
    if (next.violation || next.pruned) continue;
    state = std::move(next);
  }
}

// Every state of 2 nodes × 2 values with one drop under W = 0 and W = 1, breadth-first.
TEST(ModelMessageWakes, NoReachableStateHoldsAPacketOlderThanTheBound) {
  for (int wakes : {0, 1}) {
    ModelConfig config;
    config.nodes = 2;
    config.values = 2;
    config.drops = 1;
    config.message_wakes = wakes;
    std::size_t at_bound = 0;
    const std::size_t reached = test::for_each_reachable(
        config,
        [&](const World& world, const std::vector<Transition>& enabled) {
          EXPECT_TRUE(bound_holds(world, enabled, wakes)) << "W " << wakes;
          if (!world.in_flight.empty() && oldest_age(world) == wakes) ++at_bound;
        },
        [](const std::string& violation) { ADD_FAILURE() << violation; });
    EXPECT_GT(at_bound, 0u) << "W " << wakes;  // the bound is reached: the checks were exercised
    const ExploreResult result = explore(config, {});
    EXPECT_EQ(result.stats.distinct, reached);
    EXPECT_FALSE(result.counterexample);
    EXPECT_TRUE(result.exhausted);
  }
}

// Without the bound nothing changes: the same search as before ages existed, state for state
// (2 nodes × 2 values × 1 drop, default profile: the figure main's search gave; a change of the
// transitions or the fingerprint moves it). A bound only removes interleavings and tells packets
// apart by age; a loose one finds the unbounded search's behaviour with ages told apart.
TEST(ModelMessageWakes, NoBoundIsTodaysSearchAndABoundNarrowsIt) {
  ModelConfig config;
  config.nodes = 2;
  config.values = 2;
  config.drops = 1;
  const ExploreResult unbounded = explore(config, {});
  EXPECT_EQ(unbounded.stats.distinct, 30397u);
  EXPECT_FALSE(unbounded.counterexample);
  config.message_wakes = 1;
  const ExploreResult tight = explore(config, {});
  EXPECT_FALSE(tight.counterexample);
  EXPECT_TRUE(tight.exhausted);
  EXPECT_LT(tight.stats.distinct, unbounded.stats.distinct);
  EXPECT_LE(tight.convergence_bound, unbounded.convergence_bound);
}

TEST(ModelMessageWakes, APathUnderTheBoundReplaysAndAnOverdueAdvanceIsRefused) {
  ModelConfig config;
  config.nodes = 2;
  config.values = 2;
  config.message_wakes = 1;
  // Broadcast to n0, then advance time while the gossip is in flight until advancing is refused.
  Successor state = initial_world(config, *core::profile_named(config.profile));
  std::vector<Transition> path{{Kind::broadcast, 0}};
  state = apply(state.world, path.back(), config);
  std::vector<Transition> enabled;
  // Ticks and time only (ticks first, so every due node runs), until a packet has waited W
  // advances and no node is due: only the overdue packet then holds time back.
  const auto timer = [](const Transition& t) {
    return t.kind == Kind::tick || t.kind == Kind::advance;
  };
  for (int step = 0; step < 200; ++step) {
    enabled_transitions(state.world, config, enabled);
    const auto next = std::find_if(enabled.begin(), enabled.end(), timer);
    if (next == enabled.end()) break;
    path.push_back(*next);
    state = apply(state.world, *next, config);
    ASSERT_FALSE(state.violation);
    ASSERT_FALSE(state.pruned);
  }
  ASSERT_EQ(oldest_age(state.world), config.message_wakes);
  const auto dir = std::filesystem::temp_directory_path() / "rumor-model-wakes-test";
  std::filesystem::create_directories(dir);
  const auto file = (dir / "aged.path").string();
  write_path_file(file, PathFile{config, path, "a gossip left waiting"});
  const PathFile read = read_path_file(file);
  EXPECT_EQ(read.config.message_wakes, 1);
  const PathReplay replay = replay_path(read, nullptr, (dir / "journal.jsonl").string());
  EXPECT_EQ(replay.steps, path.size());
  EXPECT_EQ(replay.verdict, Verdict::pass);
  // One more advance would leave the packet waiting two wake-ups: not a step of this model.
  PathFile overdue = read;
  overdue.path.push_back({Kind::advance, 0});
  EXPECT_THROW(replay_path(overdue, nullptr, std::nullopt), std::runtime_error);
  // Without the bound the same path goes on.
  overdue.config.message_wakes = no_message_bound;
  EXPECT_EQ(replay_path(overdue, nullptr, std::nullopt).steps, overdue.path.size());
}

}  // namespace
}  // namespace rumor::replay::model
