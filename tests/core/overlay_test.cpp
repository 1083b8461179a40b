// Which peers a value goes to under each profile's overlay.
#include "core/overlay.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "test_support.hpp"

namespace rumor::core {
namespace {

using testing::initialised_node;
using Targets = std::vector<std::size_t>;

TEST(Overlay, StarLeafSendsClientValuesToTheHubOnly) {
  State leaf = initialised_node("n3", 5, "default");
  EXPECT_EQ(relay_targets(leaf, std::nullopt), Targets{0});
  EXPECT_EQ(relay_targets(leaf, 0), Targets{});
}

TEST(Overlay, StarHubRelaysToEveryLeafButTheSender) {
  State hub = initialised_node("n0", 5, "default");
  EXPECT_EQ(relay_targets(hub, std::nullopt), (Targets{1, 2, 3, 4}));
  EXPECT_EQ(relay_targets(hub, 2), (Targets{1, 3, 4}));
}

TEST(Overlay, MeshOriginSendsToAllAndNobodyRelays) {
  State node = initialised_node("n2", 4, "fast");
  EXPECT_EQ(relay_targets(node, std::nullopt), (Targets{0, 1, 3}));
  EXPECT_EQ(relay_targets(node, 1), Targets{});
}

TEST(Overlay, TopologyFloodsNeighboursButTheSender) {
  State node = initialised_node("n1", 4, "topology");
  set_topology(node, {{"n1", {"n3", "n0", "n9", "n1", "n3"}}});  // unknown, self, twice: skipped
  EXPECT_EQ(relay_targets(node, std::nullopt), (Targets{0, 3}));
  EXPECT_EQ(relay_targets(node, 3), Targets{0});
}

// relays_any lets learn skip the relay loop: it may say true for no peer, never false for some.
TEST(Overlay, RelaysAnyIsFalseOnlyWhenNoPeerIsATarget) {
  for (const std::string profile : {"default", "fast", "topology"}) {
    for (int nodes = 1; nodes <= 4; ++nodes) {
      for (std::size_t self = 0; self < static_cast<std::size_t>(nodes); ++self) {
        const State node = initialised_node("n" + std::to_string(self), nodes, profile);
        const auto cluster_size = static_cast<std::size_t>(nodes);
        for (std::size_t from = 0; from <= cluster_size; ++from) {
          // from == cluster_size stands for a client's value (no sending peer).
          const auto sender =
              from == cluster_size ? std::nullopt : std::optional<std::size_t>(from);
          if (sender == self) continue;
          if (!relays_any(node, sender)) {
            EXPECT_EQ(relay_targets(node, sender), Targets{}) << profile << " n" << self;
          }
        }
      }
    }
  }
  // And it does skip the common cases: a leaf or a mesh node hearing from a peer.
  EXPECT_FALSE(relays_any(initialised_node("n3", 5, "default"), 0));
  EXPECT_FALSE(relays_any(initialised_node("n2", 4, "fast"), 1));
  EXPECT_TRUE(relays_any(initialised_node("n0", 5, "default"), 2));
}

// The cluster view is shared between copies (copying a State does not copy its maps), yet a
// State stays a value: a topology gives only the node it reaches a new view.
TEST(Overlay, CopiesShareTheClusterViewUntilATopologyReplacesIt) {
  State node = initialised_node("n1", 4, "topology");
  const State copy = node;
  EXPECT_EQ(copy.cluster, node.cluster);  // shared, not copied
  set_topology(node, {{"n1", {"n2"}}});
  EXPECT_NE(copy.cluster, node.cluster);
  EXPECT_EQ(relay_targets(node, std::nullopt), Targets{2});
  EXPECT_FALSE(copy.topology_neighbours().has_value());
  EXPECT_EQ(node.topology_neighbours(), std::vector<std::string>{"n2"});
  EXPECT_FALSE(copy.topology_peers().has_value());
  EXPECT_EQ(relay_targets(copy, std::nullopt), (Targets{0, 2, 3}));
  // Equal contents compare equal whatever the pointer.
  State same = copy;
  set_topology(same, {});
  EXPECT_NE(same.cluster, copy.cluster);
  EXPECT_EQ(*same.cluster, *copy.cluster);
}

TEST(Overlay, TopologyWithoutAnEntryFallsBackToEveryone) {
  State node = initialised_node("n1", 3, "topology");
  EXPECT_EQ(relay_targets(node, std::nullopt), (Targets{0, 2}));
}

TEST(Overlay, BatchGridFollowsTheRole) {
  State hub = initialised_node("n0", 5, "frugal");
  State leaf = initialised_node("n1", 5, "frugal");
  EXPECT_EQ(batch_grid(hub).interval_ms, hub.profile.relay_batch_ms);
  EXPECT_EQ(batch_grid(hub).phase_ms, hub.profile.relay_phase_ms);
  EXPECT_EQ(batch_grid(leaf).interval_ms, leaf.profile.origin_batch_ms);
  EXPECT_EQ(batch_grid(leaf).phase_ms, 0);
}

TEST(Overlay, EveryProfileIsNamedAndDefaultComesFirst) {
  auto names = profile_names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "default");
  for (const auto& name : names) EXPECT_TRUE(profile_named(name)) << name;
  EXPECT_EQ(profile_named("")->name, "default");
  EXPECT_FALSE(profile_named("nope"));
}

}  // namespace
}  // namespace rumor::core
