// Fingerprints are canonical: equivalent states (in-flight order permuted, time shifted by whole
// batch periods, symmetric nodes renamed) fingerprint equal, and a changed state differently.
#include "replay/model/fingerprint.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

using test::config_for;
using test::shift_time;

World any_world(const ModelConfig& config) {
  const auto choices = *rc::gen::container<std::vector<std::uint32_t>>(rc::gen::inRange(0u, 1000u));
  return test::walk(config, choices);
}

std::string any_profile() {
  return *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
}

// The same world with node i called permutation[i] everywhere.
World renamed(const World& world, const Permutation& permutation) {
  World out = world;
  const std::size_t n = world.nodes.size();
  for (std::size_t i = 0; i < n; ++i) {
    core::State state = *world.nodes[i];
    const std::size_t j = permutation[i];
    const core::State& at_j = *world.nodes[j];  // j's identity: name, index, neighbours
    state.cluster = at_j.cluster;               // every node has the same ids and topology map
    for (std::size_t peer = 0; peer < n; ++peer) {
      state.links[permutation[peer]] = world.nodes[i]->links[peer];
    }
    out.nodes[j] = std::make_shared<const core::State>(std::move(state));
  }
  for (auto& packet : out.in_flight) {
    packet.src = permutation[packet.src];
    packet.dest = permutation[packet.dest];
  }
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if ((world.partition_mask >> i) & 1U) mask |= 1U << permutation[i];
  }
  out.partition_mask = mask;
  std::sort(out.in_flight.begin(), out.in_flight.end(), packet_less);
  return out;
}

RC_GTEST_PROP(ModelFingerprint, InFlightOrderDoesNotMatter, ()) {
  const auto config = config_for(any_profile(), *rc::gen::inRange(1, 4));
  const World world = any_world(config);
  const Fingerprinter fingerprint(world);
  World shuffled = world;
  std::reverse(shuffled.in_flight.begin(), shuffled.in_flight.end());
  if (shuffled.in_flight.size() > 1) std::swap(shuffled.in_flight.front(), shuffled.in_flight[1]);
  RC_ASSERT(fingerprint(shuffled) == fingerprint(world));
}

RC_GTEST_PROP(ModelFingerprint, ShiftingTimeByWholePeriodsDoesNotMatter, ()) {
  const auto config = config_for(any_profile(), *rc::gen::inRange(1, 4));
  const World world = any_world(config);
  const Fingerprinter fingerprint(world);
  World shifted = world;
  const std::int64_t delta = 1500 * *rc::gen::inRange<std::int64_t>(1, 1000);  // lcm(100, 500, 1)
  shifted.now_ms += delta;
  for (auto& node : shifted.nodes) {
    core::State state = *node;
    shift_time(state, delta);
    node = std::make_shared<const core::State>(std::move(state));
  }
  RC_ASSERT(fingerprint(shifted) == fingerprint(world));
}

RC_GTEST_PROP(ModelFingerprint, RenamingSymmetricNodesDoesNotMatter, ()) {
  // fast: a mesh, every renaming; default: a star, every renaming that keeps the hub.
  const std::string profile = *rc::gen::element<std::string>("fast", "default");
  const auto config = config_for(profile, *rc::gen::inRange(3, 5));  // a 2-node star has none
  const World world = any_world(config);
  const Fingerprinter fingerprint(world);
  const auto symmetries = node_symmetries(world);
  RC_ASSERT(symmetries.size() > 1);
  const auto& permutation = *rc::gen::elementOf(symmetries);
  RC_ASSERT(fingerprint(renamed(world, permutation)) == fingerprint(world));
}

RC_GTEST_PROP(ModelFingerprint, AChangedStateFingerprintsDifferently, ()) {
  // At least 2 nodes: a lone node never draws from its generator (it has no link to send on),
  // so its generator is rightly left out (reduction_test.cpp).
  auto config = config_for(any_profile(), *rc::gen::inRange(2, 4));
  config.message_wakes = *rc::gen::inRange(no_message_bound, 3);
  const World world = any_world(config);
  const Fingerprinter fingerprint(world);
  World changed = world;
  const std::size_t node = *rc::gen::inRange<std::size_t>(0, world.nodes.size());
  core::State state = *world.nodes[node];
  switch (*rc::gen::inRange(0, world.in_flight.empty() ? 5 : 6)) {
    case 0:
      state.values.push_back(99);  // a value it never held
      break;
    case 1:
      state.rng += 1;
      break;
    case 2:
      changed.next_value += 1;
      break;
    case 3:
      changed.drops_left += 1;
      break;
    case 4:
      changed.in_flight.push_back(Packet{0, 0, core::Gossip{7, {1}, 3}, 0});
      break;
    case 5:  // one packet waited one wake-up more (--message-wakes: it nears the bound)
      changed.in_flight.back().age += 1;
      break;
  }
  changed.nodes[node] = std::make_shared<const core::State>(std::move(state));
  RC_ASSERT(fingerprint(changed) != fingerprint(world));
}

TEST(ModelFingerprint, StarHubIsNotRenamedWithALeaf) {
  ModelConfig config = config_for("default", 3);
  const World world = test::walk(config, {});
  for (const auto& permutation : node_symmetries(world)) EXPECT_EQ(permutation[0], 0);
  EXPECT_EQ(node_symmetries(world).size(), 2u);
  config.profile = "fast";
  EXPECT_EQ(node_symmetries(test::walk(config, {})).size(), 6u);
}

TEST(ModelFingerprint, EveryNodesGeneratorStartsEqual) {
  const World world = test::walk(config_for("default", 4), {});
  for (const auto& node : world.nodes) EXPECT_EQ(node->rng, world.nodes[0]->rng);
}

}  // namespace
}  // namespace rumor::replay::model
