// step()'s properties over many inputs. What each message does is shown by the scripts in
// testdata/ (script.hpp), run by core_script_test.
#include "core/step.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

namespace rumor::core {
namespace {

using namespace testing;  // tests/core/test_support.hpp

TEST(Step, NeverSendsToUnknownIds) {
  State state = initialised_node("n2", 4, "fast");
  std::vector<Message> sent;
  for (int i = 0; i < 20; ++i) {
    auto out = deliver(state, request("c9", "n2", i + 1, Broadcast{i}), i * 10);
    sent.insert(sent.end(), out.messages.begin(), out.messages.end());
    out = tick(state, i * 10 + 5);
    sent.insert(sent.end(), out.messages.begin(), out.messages.end());
  }
  auto known = node_names(4);
  for (const auto& m : sent) {
    EXPECT_TRUE(m.dest == "c9" || std::find(known.begin(), known.end(), m.dest) != known.end())
        << m.dest;
    EXPECT_NE(m.dest, "n2");
  }
}

TEST(Step, TimeNeverRunsBackwards) {
  State state = initialised_node("n0", 1);
  tick(state, 500);
  tick(state, 100);
  EXPECT_EQ(state.last_now_ms, 500);
}

TEST(Step, SameStateAndInputGiveSameOutputs) {
  State a = initialised_node("n1", 5, "frugal", 42);
  for (int i = 0; i < 30; ++i) deliver(a, request("c9", "n1", i + 1, Broadcast{i}), i * 37);
  State b = a;
  auto out_a = tick(a, 5000);
  auto out_b = tick(b, 5000);
  EXPECT_EQ(out_a.messages, out_b.messages);
  EXPECT_EQ(a.rng, b.rng);
}

}  // namespace
}  // namespace rumor::core
