// step_in_place (core/step.hpp) is step without the copies: over random input sequences, stepping
// one state in place into one reused Output gives the same states and outputs as the pure
// step(state, input) -> StepResult, step after step.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/profile.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

// Every field of a state (ValueSet and ValueQueue through what they show: the value log agrees
// with the set by step's own invariant, and a queue through its elements).
void assert_same_link(const Link& a, const Link& b) {
  RC_ASSERT(a.out_acked == b.out_acked);
  RC_ASSERT(a.out_unacked.size() == b.out_unacked.size());
  for (std::size_t i = 0; i < a.out_unacked.size(); ++i) {
    RC_ASSERT(a.out_unacked[i] == b.out_unacked[i]);
  }
  RC_ASSERT(a.out_sent == b.out_sent);
  RC_ASSERT(a.out_first_unsent_ms == b.out_first_unsent_ms);
  RC_ASSERT(a.out_retransmit_due_ms == b.out_retransmit_due_ms);
  RC_ASSERT(a.out_resend_until == b.out_resend_until);
  RC_ASSERT(a.in_contiguous == b.in_contiguous);
  RC_ASSERT(a.in_ranges == b.in_ranges);
  RC_ASSERT(a.ack_owed_since_ms == b.ack_owed_since_ms);
}

void assert_same_state(const State& a, const State& b) {
  RC_ASSERT(a.profile.name == b.profile.name);
  RC_ASSERT(a.rng == b.rng);
  RC_ASSERT(*a.cluster == *b.cluster);  // contents, not the shared pointer
  RC_ASSERT(a.values == b.values);
  RC_ASSERT(a.known.size() == b.known.size());
  RC_ASSERT(a.links.size() == b.links.size());
  for (std::size_t i = 0; i < a.links.size(); ++i) assert_same_link(a.links[i], b.links[i]);
  RC_ASSERT(a.busy_links == b.busy_links);
  RC_ASSERT(a.links_due_ms == b.links_due_ms);
  RC_ASSERT(a.last_now_ms == b.last_now_ms);
}

void assert_same_output(const Output& a, const Output& b) {
  RC_ASSERT(a.messages == b.messages);
  RC_ASSERT(a.log_lines == b.log_lines);
  RC_ASSERT(a.wake_at_ms == b.wake_at_ms);
}

const std::vector<std::string> node_ids = {"n0", "n1", "n2", "n3"};

// What node n1 may receive: its init (or a conflicting one), client requests, gossip and acks
// from peers (in and out of order, from strangers too), replies nobody asked for, junk.
rc::Gen<Body> any_body() {
  const auto small = rc::gen::inRange<std::uint64_t>(0, 12);
  const auto values = rc::gen::container<std::vector<Value>>(rc::gen::inRange<Value>(-2, 40));
  return rc::gen::oneOf(
      rc::gen::element(Body{Init{"n1", node_ids}}, Body{Init{"n9", node_ids}}),
      rc::gen::map(rc::gen::inRange<Value>(-2, 40), [](Value v) { return Body{Broadcast{v}}; }),
      rc::gen::element(Body{Read{}}, Body{BroadcastOk{}}, Body{Unsupported{"cas"}},
                       Body{Malformed{"broadcast", "message is not an integer", false}},
                       Body{Topology{{{"n1", {"n0", "n3"}}, {"n0", {"n1"}}}}}),
      rc::gen::map(rc::gen::tuple(small, values, small), [](const auto& t) {
        return Body{Gossip{std::get<0>(t), std::get<1>(t), std::get<2>(t)}};
      }));
}

rc::Gen<Input> any_input() {
  const auto now_ms = rc::gen::inRange<std::int64_t>(0, 3000);
  const auto message = rc::gen::map(
      rc::gen::tuple(rc::gen::element<std::string>("c1", "c2", "n0", "n2", "n3", "n7"),
                     rc::gen::inRange<std::int64_t>(0, 50), any_body()),
      [](auto t) {
        return Message{.src = std::get<0>(t),
                       .dest = "n1",
                       .msg_id = std::get<1>(t) == 0 ? std::nullopt  // 0: no msg_id
                                                     : std::optional<std::int64_t>(std::get<1>(t)),
                       .in_reply_to = std::nullopt,
                       .body = std::get<2>(t)};
      });
  return rc::gen::oneOf(rc::gen::map(rc::gen::tuple(message, now_ms),
                                     [](auto t) {
                                       return Input{Received{std::get<0>(t), std::get<1>(t)}};
                                     }),
                        rc::gen::map(now_ms, [](std::int64_t t) { return Input{Tick{t}}; }));
}

RC_GTEST_PROP(StepInPlace, GivesTheSameStatesAndOutputsAsTheByValueStep, ()) {
  const auto profile = *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  // Mostly initialised first, so the sequence exercises links rather than error 11.
  const bool start_initialised = *rc::gen::inRange(0, 4) > 0;
  const auto inputs = *rc::gen::container<std::vector<Input>>(any_input());

  State by_value = make_state(*profile_named(profile), seed);
  if (start_initialised) {
    by_value = step(std::move(by_value),
                    Received{testing::request("c0", "n1", 1, Init{"n1", node_ids}), 0})
                   .state;
  }
  State in_place = by_value;
  Output reused;  // never cleared here: step_in_place must not let one step's output leak
  for (const Input& input : inputs) {
    StepResult result = step(std::move(by_value), input);
    by_value = std::move(result.state);
    step_in_place(in_place, input, reused);
    assert_same_output(result.output, reused);
    assert_same_state(by_value, in_place);
  }
}

TEST(StepInPlace, ClearsWhatTheOutputHeldBefore) {
  State state = make_state(*profile_named("default"), 1);
  Output output;
  output.messages.push_back(testing::request("x", "y", 1, Read{}));
  output.log_lines.push_back("stale");
  output.wake_at_ms = 5;
  step_in_place(state, Tick{10}, output);  // uninitialised: a tick does nothing
  EXPECT_TRUE(output.messages.empty());
  EXPECT_TRUE(output.log_lines.empty());
  EXPECT_FALSE(output.wake_at_ms);
}

// The values of the ReadOk in `output` (gossip may go out in the same step).
const ValueLog& read_reply(const Output& output) {
  for (const Message& message : output.messages) {
    if (const auto* read_ok = std::get_if<ReadOk>(&message.body)) return read_ok->messages;
  }
  throw std::logic_error("no read reply");
}

// A read reply shares the node's log (core/value_log.hpp) instead of copying it: the next reply
// lists the set as it is then, in the same storage, while a reply kept from before still lists
// what the node held when it answered.
TEST(StepInPlace, ReadRepliesShareTheLogAndKeepListingTheSetAsItWasThen) {
  State state = make_state(*profile_named("default"), 1);
  Output output;
  step_in_place(state, Received{testing::request("c0", "n1", 1, Init{"n1", node_ids}), 0}, output);
  for (Value value : {7, 3, 9}) {
    step_in_place(state, Received{testing::request("c1", "n1", 2 + value, Broadcast{value}), 1},
                  output);
  }
  step_in_place(state, Received{testing::request("c1", "n1", 20, Read{}), 2}, output);
  const ValueLog first = read_reply(output);
  EXPECT_EQ(first, (std::vector<Value>{7, 3, 9}));
  EXPECT_TRUE(first.shares_storage_with(state.values));

  step_in_place(state, Received{testing::request("c1", "n1", 21, Broadcast{4}), 3}, output);
  step_in_place(state, Received{testing::request("c1", "n1", 22, Read{}), 4}, output);
  const ValueLog& second = read_reply(output);
  EXPECT_EQ(second, (std::vector<Value>{7, 3, 9, 4}));
  EXPECT_TRUE(second.shares_storage_with(first));
  EXPECT_EQ(first, (std::vector<Value>{7, 3, 9}));
}

// A copied state is a value: what one copy learns after a reply was taken never shows in the
// other copy's log or its replies.
TEST(StepInPlace, CopiesOfAStateLearnApartAfterSharingTheirLog) {
  State state = make_state(*profile_named("default"), 1);
  Output output;
  step_in_place(state, Received{testing::request("c0", "n1", 1, Init{"n1", node_ids}), 0}, output);
  step_in_place(state, Received{testing::request("c1", "n1", 2, Broadcast{5}), 1}, output);
  State copy = state;
  step_in_place(state, Received{testing::request("c1", "n1", 3, Broadcast{6}), 2}, output);
  step_in_place(copy, Received{testing::request("c1", "n1", 3, Broadcast{8}), 2}, output);
  step_in_place(copy, Received{testing::request("c1", "n1", 4, Read{}), 3}, output);
  EXPECT_EQ(read_reply(output), (std::vector<Value>{5, 8}));
  EXPECT_EQ(state.values, (std::vector<Value>{5, 6}));
}

}  // namespace
}  // namespace rumor::core
