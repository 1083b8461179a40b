// Delta debugging finds 1-minimal failing subsets, and shrinking a real failing schedule keeps
// it failing the same way while making it smaller.
#include "replay/fuzz/shrink.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "replay/fuzz/simulation.hpp"

namespace rumor::replay::fuzz {
namespace {

bool has_all(const std::vector<std::size_t>& items, std::initializer_list<std::size_t> needed) {
  return std::all_of(needed.begin(), needed.end(), [&](std::size_t n) {
    return std::find(items.begin(), items.end(), n) != items.end();
  });
}

TEST(Ddmin, FindsTheTwoElementsThatMatter) {
  int tests = 0;
  const auto kept = ddmin(100, [&](const std::vector<std::size_t>& items) {
    ++tests;
    return has_all(items, {13, 77});
  });
  EXPECT_EQ(kept, (std::vector<std::size_t>{13, 77}));
  EXPECT_LT(tests, 100);  // far fewer than trying every subset
}

TEST(Ddmin, ReducesToNothingWhenNothingIsNeeded) {
  EXPECT_TRUE(ddmin(10, [](const std::vector<std::size_t>&) { return true; }).empty());
  EXPECT_TRUE(ddmin(1, [](const std::vector<std::size_t>&) { return true; }).empty());
}

TEST(Ddmin, ResultIsOneMinimal) {
  // Fails when it holds at least three of the even indices below 20.
  auto fails = [](const std::vector<std::size_t>& items) {
    return std::count_if(items.begin(), items.end(),
                         [](std::size_t i) { return i % 2 == 0 && i < 20; }) >= 3;
  };
  const auto kept = ddmin(40, fails);
  ASSERT_TRUE(fails(kept));
  EXPECT_EQ(kept.size(), 3u);
  for (std::size_t drop = 0; drop < kept.size(); ++drop) {
    auto smaller = kept;
    smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(drop));
    EXPECT_FALSE(fails(smaller));
  }
}

TEST(Ddmin, StopsWhenThePredicateRunsOutOfBudget) {
  int budget = 5;
  const auto kept = ddmin(1000, [&](const std::vector<std::size_t>& items) {
    return budget-- > 0 && has_all(items, {1, 500});
  });
  EXPECT_TRUE(has_all(kept, {1, 500}));  // still a failing set, just not minimal
}

// A run that fails for a reason the fuzzer can see without any planted bug: a schedule whose
// liveness bound is far too short for a value held back by a partition until the heal.
Schedule too_impatient() {
  Schedule schedule;
  schedule.config.nodes = 4;
  schedule.config.profile = "default";
  schedule.config.clocks.assign(4, NodeClock{});
  schedule.config.fault_phase_ms = 3000;
  schedule.config.liveness_ms = 5;
  std::uint32_t id = 1;
  for (int value = 0; value < 30; ++value) {
    schedule.events.push_back(Event{id++, ClientBroadcast{value * 90, value % 4, value}});
    schedule.events.push_back(Event{id++, ClientRead{value * 90 + 5, (value + 1) % 4}});
  }
  schedule.events.push_back(Event{id++, Partition{0, 3000, only(3), only(0), true}});
  return schedule;
}

TEST(Shrink, KeepsTheFailureAndShrinksTheSchedule) {
  const Schedule failing = too_impatient();
  ASSERT_EQ(simulate(failing).outcome, Outcome::liveness);
  // Shrinking recomputes the bound, which is generous: nothing fails any more, so the shrinker
  // must give back the original rather than a passing schedule.
  const ShrinkResult result = shrink(failing, Outcome::liveness, 500);
  EXPECT_EQ(result.verdict.outcome, Outcome::liveness);
  EXPECT_EQ(simulate(result.schedule).outcome, Outcome::liveness);
  EXPECT_EQ(result.schedule, failing);
}

TEST(Shrink, RespectsTheRunBudget) {
  const ShrinkResult result = shrink(too_impatient(), Outcome::liveness, 3);
  EXPECT_LE(result.runs, 3);
  EXPECT_TRUE(result.exhausted);
}

}  // namespace
}  // namespace rumor::replay::fuzz
