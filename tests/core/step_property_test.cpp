// Properties of step on one node: reads return exactly the set broadcast so far.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

using testing::deliver;
using testing::initialised_node;
using testing::request;

// An operation: a broadcast of a small value (so duplicates are common), or a read (-1).
RC_GTEST_PROP(StepProperty, EveryReadReturnsExactlyTheSetBroadcastSoFar, ()) {
  const auto ops = *rc::gen::container<std::vector<int>>(rc::gen::inRange(-1, 20));
  const auto profile = *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
  const auto nodes = *rc::gen::inRange(1, 6);
  State state = initialised_node("n0", nodes, profile);
  std::set<Value> broadcast;
  std::int64_t now_ms = 0;
  std::int64_t msg_id = 1;
  for (int op : ops) {
    now_ms += 7;
    Body body = op < 0 ? Body{Read{}} : Body{Broadcast{op}};
    auto out = deliver(state, request("c1", "n0", msg_id, body), now_ms);
    if (op >= 0) broadcast.insert(op);
    // Exactly one reply to the client, and it answers this request.
    int replies = 0;
    for (const auto& m : out.messages) {
      if (m.dest != "c1") continue;
      ++replies;
      RC_ASSERT(m.in_reply_to == std::optional<std::int64_t>(msg_id));
      if (op < 0) {
        const auto& read = std::get<ReadOk>(m.body);
        RC_ASSERT(std::set<Value>(read.messages.begin(), read.messages.end()) == broadcast);
        RC_ASSERT(read.messages.size() == broadcast.size());  // each value once
      } else {
        RC_ASSERT(std::holds_alternative<BroadcastOk>(m.body));
      }
    }
    RC_ASSERT(replies == 1);
    ++msg_id;
  }
}

}  // namespace
}  // namespace rumor::core
