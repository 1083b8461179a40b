// Maelstrom's client outcome rules (Maelstrom's doc/protocol.md and its errors).
#include "replay/sim/client.hpp"

#include <gtest/gtest.h>

namespace rumor::replay::sim {
namespace {

using history::OpType;

core::Message reply(core::Body body, std::int64_t in_reply_to = 1) {
  return core::Message{.src = "n0",
                       .dest = "c10",
                       .msg_id = std::nullopt,
                       .in_reply_to = in_reply_to,
                       .body = std::move(body)};
}

const Request broadcast{.kind = RpcKind::broadcast, .value = 17, .msg_id = 1, .node = "n0"};
const Request read{.kind = RpcKind::read, .value = 0, .msg_id = 1, .node = "n0"};

TEST(Client, ExpectedRepliesAreOk) {
  auto b = outcome_of_reply(broadcast, reply(core::BroadcastOk{}));
  EXPECT_EQ(b.type, OpType::ok);
  EXPECT_EQ(b.value, history::OpValue{std::int64_t{17}});
  auto r = outcome_of_reply(read, reply(core::ReadOk{{3, 1, 2}}));
  EXPECT_EQ(r.type, OpType::ok);
  EXPECT_EQ(r.value, (history::OpValue{std::vector<std::int64_t>{3, 1, 2}}));
  EXPECT_FALSE(r.error.has_value());
}

// The history keeps the reply's view of the node's log, not a copy of every value; the node's
// later appends do not show in it.
TEST(Client, ReadOutcomeSharesTheRepliedLog) {
  core::ValueLog node_log;
  for (const core::Value value : {3, 1, 2}) node_log.push_back(value);
  auto r = outcome_of_reply(read, reply(core::ReadOk{node_log}));
  const auto* values = std::get_if<core::ValueLog>(&r.value);
  ASSERT_NE(values, nullptr);
  EXPECT_TRUE(values->shares_storage_with(node_log));
  node_log.push_back(9);
  EXPECT_EQ(*values, (std::vector<core::Value>{3, 1, 2}));
}

TEST(Client, TimeoutsFailReadsAndLeaveBroadcastsIndeterminate) {
  auto r = outcome_of_timeout(read);
  EXPECT_EQ(r.type, OpType::fail);
  EXPECT_EQ(r.error, ":net-timeout");
  EXPECT_EQ(r.value, history::OpValue{});
  auto b = outcome_of_timeout(broadcast);
  EXPECT_EQ(b.type, OpType::info);
  EXPECT_EQ(b.error, ":net-timeout");
  EXPECT_EQ(b.value, history::OpValue{std::int64_t{17}});
}

TEST(Client, ErrorsAreDefiniteOrNot) {
  auto definite = outcome_of_reply(broadcast, reply(core::Error{11, "not ready"}));
  EXPECT_EQ(definite.type, OpType::fail);
  EXPECT_EQ(definite.error, "[:temporarily-unavailable \"not ready\"]");
  auto crash = outcome_of_reply(broadcast, reply(core::Error{13, "oops"}));
  EXPECT_EQ(crash.type, OpType::info);
  EXPECT_EQ(crash.error, "[:crash \"oops\"]");
  auto custom = outcome_of_reply(broadcast, reply(core::Error{1000, "mine"}));
  EXPECT_EQ(custom.type, OpType::info);
  EXPECT_EQ(custom.error, "[:unknown \"mine\"]");
  // Reads are idempotent: any error fails them.
  EXPECT_EQ(outcome_of_reply(read, reply(core::Error{13, "oops"})).type, OpType::fail);
}

TEST(Client, WrongReplyTypeIsAMalformedResponse) {
  auto o = outcome_of_reply(read, reply(core::BroadcastOk{}));
  EXPECT_EQ(o.type, OpType::info);
  ASSERT_TRUE(o.error.has_value());
  EXPECT_EQ(o.error->rfind("\"indeterminate: Malformed RPC response.", 0), 0u) << *o.error;
  ASSERT_EQ(o.extra.size(), 1u);
  EXPECT_EQ(o.extra[0].first, "exception");
  EXPECT_NE(o.extra[0].second.find(":type :malformed-rpc-response"), std::string::npos);
  EXPECT_NE(o.extra[0].second.find("clojure.lang.ExceptionInfo"), std::string::npos);
}

TEST(Client, ErrorNames) {
  EXPECT_EQ(error_code_named(0).name, "timeout");
  EXPECT_FALSE(error_code_named(0).definite);
  EXPECT_EQ(error_code_named(10).name, "not-supported");
  EXPECT_TRUE(error_code_named(30).definite);
  EXPECT_EQ(error_code_named(999).name, "unknown");
}

}  // namespace
}  // namespace rumor::replay::sim
