// `--dup-beyond-max` (README, `rumor model`): a duplicate may put one copy more on its link than
// `--in-flight-max`, never two, and only a duplicate may; without it, at one message per link,
// no duplicate is ever taken (each is pruned), which is why the flag exists.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <utility>

#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

std::size_t fullest_link(const World& world) {
  std::map<std::pair<int, int>, std::size_t> counts;
  std::size_t fullest = 0;
  for (const auto& packet : world.in_flight) {
    fullest = std::max(fullest, ++counts[{packet.src, packet.dest}]);
  }
  return fullest;
}

struct Reached {
  std::size_t states = 0;
  std::size_t fullest = 0;          // the most packets any reachable state holds on one link
  bool duplicated = false;          // some reachable state has spent the dup budget
  bool over_without_a_dup = false;  // a link over --in-flight-max with the budget unspent
};

Reached reach(bool dup_beyond_max) {
  ModelConfig config;
  config.nodes = 2;
  config.values = 2;
  config.dups = 1;
  config.in_flight_max = 1;
  config.dup_beyond_max = dup_beyond_max;
  Reached found;
  found.states = test::for_each_reachable(
      config,
      [&](const World& world, const std::vector<Transition>&) {
        const std::size_t fullest = fullest_link(world);
        found.fullest = std::max(found.fullest, fullest);
        found.duplicated = found.duplicated || world.dups_left == 0;
        found.over_without_a_dup = found.over_without_a_dup || (fullest > 1 && world.dups_left > 0);
      },
      [](const std::string& violation) { ADD_FAILURE() << violation; });
  return found;
}

TEST(ModelDupBeyondMax, ADuplicateMayFillALinkOneCopyOverTheBound) {
  const Reached without = reach(false);
  EXPECT_FALSE(without.duplicated);  // every duplicate pruned: the dup budget checks nothing
  EXPECT_EQ(without.fullest, 1u);
  const Reached with = reach(true);
  EXPECT_TRUE(with.duplicated);
  EXPECT_EQ(with.fullest, 2u);            // the original and its copy, never more
  EXPECT_FALSE(with.over_without_a_dup);  // the nodes' own sends still keep to the bound
  EXPECT_GT(with.states, without.states);
}

}  // namespace
}  // namespace rumor::replay::model
