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

// A gossip's sender is found by its number only when init named the nodes n0, n1, ... in order:
// here "n1" is index 0 and self "n0" index 1, so trusting the number would take the gossip for
// one from self and ignore it.
TEST(Step, GossipFromANodeNamedOutOfOrderIsTakenFromThatNode) {
  State state = make_state(*profile_named("default"), 1);
  deliver(state, request("c0", "n0", 1, Init{"n0", {"n1", "n0"}}), 0);
  ASSERT_FALSE(state.cluster->ids_are_node_names);
  const Message gossip{.src = "n1",
                       .dest = "n0",
                       .msg_id = std::nullopt,
                       .in_reply_to = std::nullopt,
                       .body = Gossip{0, {7}, 0}};
  const auto out = deliver(state, gossip, 10);
  EXPECT_TRUE(out.log_lines.empty());
  EXPECT_EQ(state.values, (std::vector<Value>{7}));
  EXPECT_EQ(state.links[0].in_contiguous, 1u);  // n1's stream, at n1's index
  EXPECT_TRUE(initialised_node("n0", 3).cluster->ids_are_node_names);
}

}  // namespace
}  // namespace rumor::core
