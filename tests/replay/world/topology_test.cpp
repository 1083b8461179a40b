// The --topology maps of Maelstrom's workload/broadcast.clj, topologies, checked against the maps
// it lists.
#include "replay/world/topology.hpp"

#include <gtest/gtest.h>

namespace rumor::replay::world {
namespace {

std::vector<std::string> nodes(std::size_t n) { return node_names(static_cast<int>(n)); }

using V = std::vector<std::string>;

TEST(Topology, FiveNodeMaps) {
  EXPECT_EQ(*make_topology("grid", nodes(5)), (TopologyMap{{"n0", {"n3", "n1"}},
                                                           {"n1", {"n4", "n2", "n0"}},
                                                           {"n2", {"n1"}},
                                                           {"n3", {"n0", "n4"}},
                                                           {"n4", {"n1", "n3"}}}));
  EXPECT_EQ(*make_topology("line", nodes(5)), (TopologyMap{{"n0", {"n1"}},
                                                           {"n1", {"n0", "n2"}},
                                                           {"n2", {"n1", "n3"}},
                                                           {"n3", {"n2", "n4"}},
                                                           {"n4", {"n3"}}}));
  EXPECT_EQ(*make_topology("tree2", nodes(5)), (TopologyMap{{"n0", {"n1", "n2"}},
                                                            {"n1", {"n0", "n3", "n4"}},
                                                            {"n2", {"n0"}},
                                                            {"n3", {"n1"}},
                                                            {"n4", {"n1"}}}));
  EXPECT_EQ(*make_topology("tree", nodes(5)), *make_topology("tree2", nodes(5)));
  EXPECT_EQ(*make_topology("tree3", nodes(5)), (TopologyMap{{"n0", {"n1", "n2", "n3"}},
                                                            {"n1", {"n0", "n4"}},
                                                            {"n2", {"n0"}},
                                                            {"n3", {"n0"}},
                                                            {"n4", {"n1"}}}));
  EXPECT_EQ(*make_topology("tree4", nodes(5)), (TopologyMap{{"n0", {"n1", "n2", "n3", "n4"}},
                                                            {"n1", {"n0"}},
                                                            {"n2", {"n0"}},
                                                            {"n3", {"n0"}},
                                                            {"n4", {"n0"}}}));
  EXPECT_EQ(*make_topology("total", nodes(5)), (TopologyMap{{"n0", {"n1", "n2", "n3", "n4"}},
                                                            {"n1", {"n0", "n2", "n3", "n4"}},
                                                            {"n2", {"n0", "n1", "n3", "n4"}},
                                                            {"n3", {"n0", "n1", "n2", "n4"}},
                                                            {"n4", {"n0", "n1", "n2", "n3"}}}));
}

TEST(Topology, TwentyFiveNodeGrid) {
  const auto grid = *make_topology("grid", nodes(25));
  EXPECT_EQ(grid.at("n0"), (V{"n5", "n1"}));
  EXPECT_EQ(grid.at("n1"), (V{"n6", "n2", "n0"}));
  EXPECT_EQ(grid.at("n6"), (V{"n11", "n1", "n7", "n5"}));
  EXPECT_EQ(grid.at("n12"), (V{"n17", "n7", "n13", "n11"}));
  EXPECT_EQ(grid.at("n20"), (V{"n15", "n21"}));
  EXPECT_EQ(grid.at("n24"), (V{"n19", "n23"}));
  int corners = 0, edges = 0, inner = 0;
  for (const auto& [node, neighbours] : grid) {
    corners += neighbours.size() == 2;
    edges += neighbours.size() == 3;
    inner += neighbours.size() == 4;
    for (const auto& n : neighbours) {  // symmetric
      const auto& back = grid.at(n);
      EXPECT_NE(std::find(back.begin(), back.end(), node), back.end());
    }
  }
  EXPECT_EQ(corners, 4);
  EXPECT_EQ(edges, 12);
  EXPECT_EQ(inner, 9);
}

TEST(Topology, TwentyFiveNodeTree4) {
  const auto tree = *make_topology("tree4", nodes(25));
  EXPECT_EQ(tree.at("n0"), (V{"n1", "n2", "n3", "n4"}));
  EXPECT_EQ(tree.at("n1"), (V{"n0", "n5", "n6", "n7", "n8"}));
  EXPECT_EQ(tree.at("n2"), (V{"n0", "n9", "n10", "n11", "n12"}));
  EXPECT_EQ(tree.at("n3"), (V{"n0", "n13", "n14", "n15", "n16"}));
  EXPECT_EQ(tree.at("n4"), (V{"n0", "n17", "n18", "n19", "n20"}));
  EXPECT_EQ(tree.at("n5"), (V{"n1", "n21", "n22", "n23", "n24"}));
  EXPECT_EQ(tree.at("n6"), (V{"n1"}));
  EXPECT_EQ(tree.at("n24"), (V{"n5"}));
}

TEST(Topology, OneAndTwoNodes) {
  for (const char* kind : {"grid", "total", "tree", "tree2", "tree3", "tree4"}) {
    EXPECT_EQ(*make_topology(kind, nodes(1)), (TopologyMap{{"n0", {}}})) << kind;
  }
  EXPECT_EQ(*make_topology("line", nodes(1)), TopologyMap{});
  for (const char* kind : {"grid", "line", "total", "tree", "tree2", "tree3", "tree4"}) {
    EXPECT_EQ(*make_topology(kind, nodes(2)), (TopologyMap{{"n0", {"n1"}}, {"n1", {"n0"}}}))
        << kind;
  }
}

TEST(Topology, GridSidesAtPerfectSquares) {
  // N = 9 and 16: 3×3 and 4×4, so the last node sits in a full bottom-right corner.
  EXPECT_EQ(make_topology("grid", nodes(9))->at("n8"), (V{"n5", "n7"}));
  EXPECT_EQ(make_topology("grid", nodes(16))->at("n15"), (V{"n11", "n14"}));
  EXPECT_EQ(make_topology("grid", nodes(10))->at("n9"), (V{"n5", "n8"}));  // side 4, partial row
}

TEST(Topology, UnknownKind) {
  EXPECT_FALSE(make_topology("ring", nodes(3)).has_value());
  EXPECT_FALSE(is_topology_name("ring"));
  EXPECT_TRUE(is_topology_name("tree4"));
}

}  // namespace
}  // namespace rumor::replay::world
