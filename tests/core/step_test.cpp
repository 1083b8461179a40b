// step() on every message type and every error path.
#include "core/step.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

namespace rumor::core {
namespace {

using testing::deliver;
using testing::ids;
using testing::initialised_node;
using testing::request;
using testing::tick;

const Message& only_reply(const Output& output) {
  EXPECT_EQ(output.messages.size(), 1u);
  return output.messages.at(0);
}

TEST(Step, InitRepliesInitOkAndRemembersIds) {
  State state = make_state(default_profile(), 7);
  auto out = deliver(state, request("c0", "n1", 1, Init{"n1", ids(3)}), 0);
  const auto& reply = only_reply(out);
  EXPECT_EQ(reply.src, "n1");
  EXPECT_EQ(reply.dest, "c0");
  EXPECT_EQ(reply.in_reply_to, 1);
  EXPECT_TRUE(std::holds_alternative<InitOk>(reply.body));
  EXPECT_TRUE(state.initialised);
  EXPECT_EQ(state.self, "n1");
  EXPECT_EQ(state.self_index, 1u);
  EXPECT_EQ(state.links.size(), 3u);
}

TEST(Step, InitTwiceWithSameIdsIsIdempotent) {
  State state = initialised_node("n0", 2);
  auto out = deliver(state, request("c5", "n0", 1, Init{"n0", ids(2)}), 5);
  EXPECT_TRUE(std::holds_alternative<InitOk>(only_reply(out).body));
}

TEST(Step, InitWithForeignNodeIdIsMalformed) {
  State state = make_state(default_profile(), 7);
  auto out = deliver(state, request("c0", "n9", 1, Init{"n9", ids(3)}), 0);
  const auto* error = std::get_if<Error>(&only_reply(out).body);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, error_code::malformed_request);
  EXPECT_FALSE(state.initialised);
}

TEST(Step, ReInitWithDifferentIdsIsRefused) {
  State state = initialised_node("n0", 2);
  auto out = deliver(state, request("c5", "n0", 1, Init{"n1", ids(2)}), 5);
  const auto* error = std::get_if<Error>(&only_reply(out).body);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, error_code::malformed_request);
  EXPECT_EQ(state.self, "n0");
}

TEST(Step, TopologyRepliesAndIsKept) {
  State state = initialised_node("n0", 3);
  Topology topology{{{"n0", {"n1"}}, {"n1", {"n0", "n2"}}, {"n2", {"n1"}}}};
  auto out = deliver(state, request("c3", "n0", 1, topology), 1);
  EXPECT_TRUE(std::holds_alternative<TopologyOk>(only_reply(out).body));
  EXPECT_EQ(state.topology, topology.neighbours);
}

TEST(Step, BroadcastAnswersAtOnceAndReadReturnsIt) {
  State state = initialised_node("n0", 1);
  auto out = deliver(state, request("c2", "n0", 4, Broadcast{17}), 10);
  const auto& ok = only_reply(out);
  EXPECT_TRUE(std::holds_alternative<BroadcastOk>(ok.body));
  EXPECT_EQ(ok.in_reply_to, 4);
  out = deliver(state, request("c2", "n0", 5, Read{}), 11);
  const auto* read_ok = std::get_if<ReadOk>(&only_reply(out).body);
  ASSERT_NE(read_ok, nullptr);
  EXPECT_EQ(read_ok->messages, std::vector<Value>{17});
}

TEST(Step, DuplicateBroadcastIsStoredOnceAndNotResent) {
  State state = initialised_node("n1", 2);  // a leaf: forwards to the hub n0 at once
  auto first = deliver(state, request("c2", "n1", 1, Broadcast{3}), 10);
  EXPECT_EQ(testing::gossip_to(first, "n0").size(), 1u);
  auto second = deliver(state, request("c2", "n1", 2, Broadcast{3}), 11);
  EXPECT_TRUE(std::holds_alternative<BroadcastOk>(second.messages.at(0).body));
  EXPECT_TRUE(testing::gossip_to(second, "n0").empty());
  EXPECT_EQ(state.values, std::vector<Value>{3});
}

TEST(Step, UnknownTypeGetsNotSupported) {
  State state = initialised_node("n0", 1);
  auto out = deliver(state, request("c2", "n0", 9, Unsupported{"cas"}), 1);
  const auto* error = std::get_if<Error>(&only_reply(out).body);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, error_code::not_supported);
  EXPECT_EQ(only_reply(out).in_reply_to, 9);
}

TEST(Step, MalformedRequestGetsCode12AndChangesNothing) {
  State state = initialised_node("n0", 1);
  deliver(state, request("c2", "n0", 1, Broadcast{5}), 1);
  auto out = deliver(state, request("c2", "n0", 2, Malformed{"broadcast", "message is 3.5"}), 2);
  const auto* error = std::get_if<Error>(&only_reply(out).body);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, error_code::malformed_request);
  EXPECT_EQ(state.values, std::vector<Value>{5});
}

TEST(Step, RequestsBeforeInitAreTemporarilyUnavailable) {
  State state = make_state(default_profile(), 1);
  for (Body body : {Body{Broadcast{1}}, Body{Read{}}, Body{Topology{}}}) {
    auto out = deliver(state, request("c2", "n0", 3, body), 1);
    const auto* error = std::get_if<Error>(&only_reply(out).body);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, error_code::temporarily_unavailable);
    EXPECT_EQ(only_reply(out).src, "n0");
  }
  EXPECT_TRUE(state.values.empty());
}

TEST(Step, RequestWithoutMsgIdIsLoggedNotAnswered) {
  State state = initialised_node("n0", 1);
  Message message = request("c2", "n0", 1, Broadcast{8});
  message.msg_id.reset();
  auto out = deliver(state, message, 1);
  EXPECT_TRUE(out.messages.empty());
  EXPECT_EQ(out.log_lines.size(), 1u);
  EXPECT_TRUE(state.values.empty());
}

TEST(Step, RepliesAddressedToTheNodeAreIgnored) {
  State state = initialised_node("n0", 2);
  Message message{.src = "n1", .dest = "n0", .msg_id = {}, .in_reply_to = 3, .body = ReadOk{{1}}};
  auto out = deliver(state, message, 1);
  EXPECT_TRUE(out.messages.empty());
  EXPECT_EQ(out.log_lines.size(), 1u);
  EXPECT_TRUE(state.values.empty());
}

TEST(Step, GossipFromUnknownNodeIsIgnored) {
  State state = initialised_node("n0", 2);
  Message message{.src = "n7",
                  .dest = "n0",
                  .msg_id = {},
                  .in_reply_to = {},
                  .body = Gossip{.offset = 0, .values = {4}, .ack = 0}};
  auto out = deliver(state, message, 1);
  EXPECT_TRUE(out.messages.empty());
  EXPECT_TRUE(state.values.empty());
}

TEST(Step, GossipFromPeerIsLearntAndRelayedByTheHubButNotEchoed) {
  State hub = initialised_node("n0", 3);
  Message message{.src = "n1",
                  .dest = "n0",
                  .msg_id = {},
                  .in_reply_to = {},
                  .body = Gossip{.offset = 0, .values = {4, 5}, .ack = 0}};
  deliver(hub, message, 1);
  EXPECT_EQ(hub.values, (std::vector<Value>{4, 5}));
  auto out = tick(hub, 100);  // the hub's 100 ms batch grid point
  auto to_n2 = testing::gossip_to(out, "n2");
  ASSERT_EQ(to_n2.size(), 1u);
  EXPECT_EQ(std::get<Gossip>(to_n2[0].body).values, (std::vector<Value>{4, 5}));
  for (const auto& m : testing::gossip_to(out, "n1")) {
    EXPECT_TRUE(std::get<Gossip>(m.body).values.empty()) << "no echo to the sender";
  }
}

Message gossip_from(const std::string& src, const std::string& dest, Gossip gossip) {
  return Message{.src = src, .dest = dest, .msg_id = {}, .in_reply_to = {}, .body = gossip};
}

TEST(Step, AcksRideOnTheHubsNextBatch) {
  State hub = initialised_node("n0", 3);
  deliver(hub, gossip_from("n1", "n0", Gossip{.offset = 0, .values = {7}, .ack = 0}), 10);
  deliver(hub, request("c9", "n0", 1, Broadcast{8}), 20);
  auto out = tick(hub, 100);  // one batch to n1 (value 8) carrying the ack of n1's value 7
  auto to_n1 = testing::gossip_to(out, "n1");
  ASSERT_EQ(to_n1.size(), 1u);
  EXPECT_EQ(std::get<Gossip>(to_n1[0].body).values, std::vector<Value>{8});
  EXPECT_EQ(std::get<Gossip>(to_n1[0].body).ack, 1u);
}

TEST(Step, PureAckOnlyAfterTheAckDelay) {
  State leaf = initialised_node("n1", 3);
  deliver(leaf, gossip_from("n0", "n1", Gossip{.offset = 0, .values = {4, 5}, .ack = 0}), 0);
  const auto delay = leaf.profile.ack_delay_ms;
  EXPECT_TRUE(testing::gossip_to(tick(leaf, delay - 1), "n0").empty());
  auto acks = testing::gossip_to(tick(leaf, delay), "n0");
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_TRUE(std::get<Gossip>(acks[0].body).values.empty());
  EXPECT_EQ(std::get<Gossip>(acks[0].body).ack, 2u);
}

TEST(Step, UnacknowledgedValuesAreSentAgainAndAckStopsThat) {
  State leaf = initialised_node("n1", 3);
  auto first = testing::gossip_to(deliver(leaf, request("c9", "n1", 1, Broadcast{3}), 0), "n0");
  ASSERT_EQ(first.size(), 1u);  // a leaf forwards its client's value to the hub at once
  const auto retransmit = leaf.profile.retransmit_ms;
  std::vector<Message> resent;
  for (std::int64_t t = 10; t <= retransmit + retransmit / 4 + 10; t += 10) {
    for (const auto& m : testing::gossip_to(tick(leaf, t), "n0")) resent.push_back(m);
  }
  ASSERT_EQ(resent.size(), 1u);
  EXPECT_EQ(std::get<Gossip>(resent[0].body).values, std::vector<Value>{3});
  deliver(leaf, gossip_from("n0", "n1", Gossip{.offset = 0, .values = {}, .ack = 1}), 3000);
  for (std::int64_t t = 3010; t < 3000 + 3 * retransmit; t += 10) {
    EXPECT_TRUE(testing::gossip_to(tick(leaf, t), "n0").empty()) << t;
  }
}

TEST(Step, NeverSendsToUnknownIds) {
  State state = initialised_node("n2", 4, "fast");
  std::vector<Message> sent;
  for (int i = 0; i < 20; ++i) {
    auto out = deliver(state, request("c9", "n2", i + 1, Broadcast{i}), i * 10);
    sent.insert(sent.end(), out.messages.begin(), out.messages.end());
    out = tick(state, i * 10 + 5);
    sent.insert(sent.end(), out.messages.begin(), out.messages.end());
  }
  auto known = ids(4);
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
