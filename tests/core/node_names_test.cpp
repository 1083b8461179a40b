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

TEST(NodeNames, IdNumberReadsBackWhatTheBuildersWrite) {
  for (std::size_t index :
       {std::size_t{0}, std::size_t{7}, std::size_t{12}, std::size_t{999'999'999}}) {
    EXPECT_EQ(id_number(node_name(index)), index);
    EXPECT_EQ(id_number(client_name(index)), index);
  }
}

TEST(NodeNames, IdNumberHasNoneForOtherIds) {
  EXPECT_EQ(id_number(""), std::nullopt);
  EXPECT_EQ(id_number("n"), std::nullopt);
  EXPECT_EQ(id_number("n01"), std::nullopt);  // a leading zero: node_name never writes it
  EXPECT_EQ(id_number("n1x"), std::nullopt);
  EXPECT_EQ(id_number("nx"), std::nullopt);  // two and three characters are read without a loop
  EXPECT_EQ(id_number("nx1"), std::nullopt);
  EXPECT_EQ(id_number("n-1"), std::nullopt);
  EXPECT_EQ(id_number("n1000000000"), std::nullopt);  // ten digits
  EXPECT_EQ(id_number("node"), std::nullopt);
}

}  // namespace
}  // namespace rumor::core
