// Maelstrom's ids as every runner builds them (core/node_names.hpp).
#include "core/node_names.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace rumor::core {
namespace {

TEST(NodeNames, NodesAndClientsAreNumberedFromZero) {
  EXPECT_EQ(node_name(0), "n0");
  EXPECT_EQ(node_name(12), "n12");
  EXPECT_EQ(client_name(0), "c0");
  EXPECT_EQ(client_name(345), "c345");
}

TEST(NodeNames, TheLargestIndexKeepsEveryDigit) {
  const std::size_t index = std::numeric_limits<std::size_t>::max();
  EXPECT_EQ(node_name(index), "n" + std::to_string(index));
}

TEST(NodeNames, ACluster) {
  EXPECT_EQ(node_names(3), (std::vector<std::string>{"n0", "n1", "n2"}));
  EXPECT_TRUE(node_names(0).empty());
  EXPECT_EQ(node_names(1000).back(), "n999");
}

}  // namespace
}  // namespace rumor::core
