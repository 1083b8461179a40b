// Maelstrom's checks on a node process's stdout lines, against issue 9's hostile lines (D1, D10):
// a node that prints them is reported (it goes mute), and the harness does not crash.
#include "replay/sim/stdout_check.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace rumor::replay::sim {
namespace {

std::string violation_of(const std::string& line) {
  auto checked = check_node_output(line);
  if (auto* violation = std::get_if<OutputViolation>(&checked)) return violation->text;
  ADD_FAILURE() << "accepted " << line.substr(0, 100);
  return {};
}

TEST(StdoutCheck, DeeplyNestedLinesAreNotWellFormedJson) {
  EXPECT_NE(violation_of(std::string(100000, '[')).find("not well-formed JSON"), std::string::npos);
  const std::string deep_body = R"({"src":"n0","dest":"n1","body":{"type":"x","v":)" +
                                std::string(100000, '[') + std::string(100000, ']') + "}}";
  EXPECT_NE(violation_of(deep_body).find("not well-formed JSON"), std::string::npos);
}

TEST(StdoutCheck, GarbageAfterANulIsNotWellFormedJson) {
  std::string line = R"({"src":"n0","dest":"c1","body":{"type":"broadcast_ok","in_reply_to":1}})";
  ASSERT_TRUE(std::holds_alternative<NodeOutput>(check_node_output(line)));
  line += std::string("\0garbage", 8);
  EXPECT_NE(violation_of(line).find("not well-formed JSON"), std::string::npos);
}

}  // namespace
}  // namespace rumor::replay::sim
