// Timers as outputs: Output::wake_at_ms says when a node next needs a Tick, and a Tick any
// earlier finds nothing to do, so hosts may skip every tick but the ones asked for.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/node_names.hpp"
#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

using namespace testing;  // tests/core/test_support.hpp

TEST(Wake, AnUninitialisedOrIdleNodeAsksForNoTick) {
  State state = make_state(default_profile(), 1);
  EXPECT_EQ(tick(state, 5).wake_at_ms, std::nullopt);
  state = initialised_node("n0", 3);
  EXPECT_EQ(tick(state, 10).wake_at_ms, std::nullopt);
}

TEST(Wake, ABatchedValueAsksForATickAtItsFlushAndNotBefore) {
  State state = initialised_node("n1", 3, "frugal");
  const Output out = deliver(state, request("c1", "n1", 2, Broadcast{7}), 1);
  ASSERT_TRUE(out.wake_at_ms.has_value());
  const std::int64_t wake_ms = *out.wake_at_ms;
  EXPECT_GT(wake_ms, 1);
  EXPECT_TRUE(tick(state, wake_ms - 1).messages.empty());
  EXPECT_FALSE(testing::gossip_to(tick(state, wake_ms), "n0").empty());
  // Sent and unacknowledged: the retransmission timer is the next wake-up.
  const Output after = tick(state, wake_ms);
  ASSERT_TRUE(after.wake_at_ms.has_value());
  EXPECT_GE(*after.wake_at_ms, wake_ms + state.profile.retransmit_ms);
}

// Three nodes exchange gossip with no loss; whenever a node has asked for a tick at W, a tick at
// any time before W yields nothing, and one that asked for none is never due.
RC_GTEST_PROP(WakeProperty, ATickBeforeTheWakeTimeSendsNothing, ()) {
  const auto profile = *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
  std::vector<State> nodes;
  for (int k = 0; k < 3; ++k) nodes.push_back(initialised_node(node_name(k), 3, profile));
  std::vector<std::optional<std::int64_t>> wake(3);
  std::vector<Message> in_flight;
  std::int64_t now_ms = 1;
  std::int64_t next_value = 0;
  const auto steps = *rc::gen::inRange(1, 60);
  for (int i = 0; i < steps; ++i) {
    now_ms += *rc::gen::inRange<std::int64_t>(0, 400);
    auto k = static_cast<std::size_t>(*rc::gen::inRange(0, 3));
    State probe = nodes[k];
    const std::int64_t early_ms = wake[k] ? std::min(now_ms, *wake[k] - 1)
                                          : now_ms + *rc::gen::inRange<std::int64_t>(0, 9999);
    if (early_ms >= probe.last_now_ms) RC_ASSERT(tick(probe, early_ms).messages.empty());
    Output out;
    const auto choice = *rc::gen::inRange(0, 3);
    if (choice == 0) {
      out = deliver(nodes[k], request("c0", nodes[k].self(), i + 10, Broadcast{next_value++}),
                    now_ms);
    } else if (choice == 1 && !in_flight.empty()) {
      Message message = in_flight.front();
      in_flight.erase(in_flight.begin());
      const auto to = static_cast<std::size_t>(message.dest[1] - '0');
      out = deliver(nodes[to], std::move(message), now_ms);
      k = to;
    } else {
      out = tick(nodes[k], now_ms);
    }
    wake[k] = out.wake_at_ms;
    for (auto& message : out.messages) {
      if (message.dest[0] == 'n') in_flight.push_back(std::move(message));
    }
  }
}

}  // namespace
}  // namespace rumor::core
