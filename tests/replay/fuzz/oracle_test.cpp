// The checks themselves must be able to fail: each broken behaviour is fed to the oracle by hand.
#include "replay/fuzz/oracle.hpp"

#include <gtest/gtest.h>

#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {
namespace {

core::Message broadcast_request(int node, std::int64_t msg_id, core::Value value) {
  return {client_name(node), node_name(node), msg_id, std::nullopt, core::Broadcast{value}};
}
core::Message read_request(int node, std::int64_t msg_id) {
  return {client_name(node), node_name(node), msg_id, std::nullopt, core::Read{}};
}
core::Message reply(int node, std::int64_t in_reply_to, core::Body body) {
  return {node_name(node), client_name(node), std::nullopt, in_reply_to, std::move(body)};
}

// Runs `broken` and expects a Failure of `outcome` whose reason contains `fragment`.
template <typename F>
void expect_failure(F broken, Outcome outcome, const std::string& fragment) {
  try {
    broken();
    FAIL() << "no failure, expected: " << fragment;
  } catch (const Failure& failure) {
    EXPECT_EQ(failure.outcome, outcome);
    EXPECT_NE(std::string(failure.what()).find(fragment), std::string::npos) << failure.what();
  }
}

TEST(Oracle, AcceptsACorrectExchange) {
  Oracle oracle(2, 10);
  oracle.on_request(0, broadcast_request(0, 1, 4));
  oracle.after_step(0, {4});
  oracle.on_reply(0, reply(0, 1, core::BroadcastOk{}));
  EXPECT_FALSE(oracle.converged());
  oracle.after_step(1, {4});
  EXPECT_TRUE(oracle.converged());
  oracle.on_request(1, read_request(1, 1));
  oracle.on_reply(1, reply(1, 1, core::ReadOk{{4}}));
  oracle.on_request(0, read_request(0, 2));
  oracle.on_reply(0, reply(0, 2, core::ReadOk{{4}}));
  EXPECT_NO_THROW(oracle.check_end(0));
}

TEST(Oracle, ValueNobodyBroadcast) {
  Oracle oracle(1, 10);
  expect_failure([&] { oracle.after_step(0, {3}); }, Outcome::safety,
                 "n0 reads value 3, which no client broadcast");
}

TEST(Oracle, SetShrinks) {
  Oracle oracle(1, 10);
  oracle.on_request(0, broadcast_request(0, 1, 1));
  oracle.after_step(0, {1});
  expect_failure([&] { oracle.after_step(0, {}); }, Outcome::safety, "n0's set shrank");
}

TEST(Oracle, ValueLearntTwiceMeansTheSetLostIt) {
  Oracle oracle(1, 10);
  oracle.on_request(0, broadcast_request(0, 1, 1));
  oracle.on_request(0, broadcast_request(0, 2, 2));
  oracle.after_step(0, {1});
  expect_failure([&] { oracle.after_step(0, {1, 2, 1}); }, Outcome::safety, "learnt value 1 again");
}

TEST(Oracle, TwoRepliesToOneRequest) {
  Oracle oracle(1, 10);
  oracle.on_request(0, broadcast_request(0, 1, 1));
  oracle.after_step(0, {1});
  oracle.on_reply(0, reply(0, 1, core::BroadcastOk{}));
  expect_failure([&] { oracle.on_reply(0, reply(0, 1, core::BroadcastOk{})); }, Outcome::safety,
                 "answered a request twice");
}

TEST(Oracle, ReplyToARequestNeverMade) {
  Oracle oracle(2, 10);
  oracle.on_request(0, read_request(0, 3));
  oracle.on_request(1, read_request(1, 1));
  // Below, above and beside the one request node 0's client made; and node 1's request.
  for (std::int64_t in_reply_to : {2, 4, 1000, -1, 0}) {
    expect_failure([&] { oracle.on_reply(0, reply(0, in_reply_to, core::ReadOk{{}})); },
                   Outcome::safety, "answered an unknown request");
  }
  oracle.on_reply(0, reply(0, 3, core::ReadOk{{}}));
  EXPECT_FALSE(oracle.converged());  // node 1's read still waits
  oracle.on_reply(1, reply(1, 1, core::ReadOk{{}}));
  EXPECT_TRUE(oracle.converged());
}

TEST(Oracle, ARequestIdUsedTwiceIsTheCallersBug) {
  Oracle oracle(1, 10);
  oracle.on_request(0, read_request(0, 1));
  EXPECT_THROW(oracle.on_request(0, read_request(0, 1)), std::invalid_argument);
  EXPECT_THROW(oracle.on_request(0, read_request(0, -5)), std::invalid_argument);
}

TEST(Oracle, WrongReplyType) {
  Oracle oracle(1, 10);
  oracle.on_request(0, read_request(0, 1));
  expect_failure([&] { oracle.on_reply(0, reply(0, 1, core::BroadcastOk{})); }, Outcome::safety,
                 "answered a read with");
  oracle.on_request(0, broadcast_request(0, 2, 1));
  expect_failure(
      [&] {
        oracle.on_reply(0, reply(0, 2, core::Error{11, "no"}));
      },
      Outcome::safety, "answered broadcast 1 with");
}

TEST(Oracle, ReadThatMissesHeldValues) {
  Oracle oracle(1, 10);
  oracle.on_request(0, broadcast_request(0, 1, 1));
  oracle.after_step(0, {1});
  oracle.on_request(0, read_request(0, 2));
  expect_failure([&] { oracle.on_reply(0, reply(0, 2, core::ReadOk{{}})); }, Outcome::safety,
                 "a read lost values");
}

TEST(Oracle, UnansweredRequestAtTheEnd) {
  Oracle oracle(1, 10);
  oracle.on_request(0, broadcast_request(0, 1, 1));
  oracle.after_step(0, {1});
  expect_failure([&] { oracle.check_end(0); }, Outcome::safety, "never answered");
}

TEST(Oracle, LivenessSaysWhatIsPending) {
  Oracle oracle(2, 10);
  for (core::Value value : {2, 5, 7}) oracle.on_request(0, broadcast_request(0, value, value));
  oracle.after_step(0, {2, 5, 7});
  for (core::Value value : {2, 5, 7}) oracle.on_reply(0, reply(0, value, core::BroadcastOk{}));
  oracle.after_step(1, {5});
  oracle.on_request(0, read_request(0, 100));
  oracle.on_reply(0, reply(0, 100, core::ReadOk{{2, 5, 7}}));
  oracle.on_request(1, read_request(1, 100));
  oracle.on_reply(1, reply(1, 100, core::ReadOk{{5}}));
  EXPECT_FALSE(oracle.converged());
  expect_failure([&] { oracle.check_end(1234); }, Outcome::liveness,
                 "not converged 1234 ms after the heal (3 values required): n1 lacks 2 values, "
                 "first 2");
}

// A log built as a node builds its own: appended in place, so copies share its storage.
core::ValueLog node_log(std::initializer_list<core::Value> values) {
  core::ValueLog log;
  for (core::Value value : values) log.push_back(value);
  return log;
}

// The core's replies share its log (core/value_log.hpp): one at the node's length is told
// correct without comparing, and remembered as the node's whole set.
TEST(Oracle, AReadSharingTheNodesLogAtItsLengthPasses) {
  Oracle oracle(1, 10);
  for (core::Value value : {2, 5}) oracle.on_request(0, broadcast_request(0, value, value));
  core::ValueLog log = node_log({2, 5});
  oracle.after_step(0, log);
  for (core::Value value : {2, 5}) oracle.on_reply(0, reply(0, value, core::BroadcastOk{}));
  oracle.on_request(0, read_request(0, 100));
  oracle.on_reply(0, reply(0, 100, core::ReadOk{log}));
  EXPECT_NO_THROW(oracle.check_end(0));
}

// Sharing the log's storage is not enough: a reply shorter than the node's set lost values.
TEST(Oracle, AReadSharingAnOlderLengthOfTheLogLostValues) {
  Oracle oracle(1, 10);
  for (core::Value value : {2, 5}) oracle.on_request(0, broadcast_request(0, value, value));
  core::ValueLog log = node_log({2});
  const core::ValueLog older = log;
  log.push_back(5);
  oracle.after_step(0, log);
  ASSERT_TRUE(older.shares_storage_with(log));
  oracle.on_request(0, read_request(0, 100));
  expect_failure([&] { oracle.on_reply(0, reply(0, 100, core::ReadOk{older})); }, Outcome::safety,
                 "read_ok has 1 values but its set holds 2");
}

// A log whose earlier values changed (new storage, the same last value where the oracle saw it)
// is no longer taken as checked: a read sharing it is compared, and fails.
TEST(Oracle, AReadOfARewrittenLogIsComparedAndFails) {
  Oracle oracle(1, 10);
  for (core::Value value : {1, 2, 3, 4}) oracle.on_request(0, broadcast_request(0, value, value));
  oracle.after_step(0, node_log({1, 2}));
  const core::ValueLog rewritten = node_log({3, 2, 4});
  oracle.after_step(0, rewritten);
  oracle.on_request(0, read_request(0, 100));
  expect_failure([&] { oracle.on_reply(0, reply(0, 100, core::ReadOk{rewritten})); },
                 Outcome::safety, "n0 read_ok contains 3, not in its set");
}

// A node appending one value per step, in place and now and then into larger storage (the
// oracle then compares once): every read sharing its log at its length passes, and one sharing
// an older length of the same storage fails.
TEST(Oracle, ALogGrowingStepByStepStaysChecked) {
  constexpr core::Value values = 40;
  Oracle oracle(1, values);
  std::int64_t msg_id = 1;
  core::ValueLog log;
  core::ValueLog older;  // the log one step back
  int in_place = 0;
  for (core::Value value = 0; value < values; ++value) {
    oracle.on_request(0, broadcast_request(0, msg_id, value));
    oracle.on_reply(0, reply(0, msg_id++, core::BroadcastOk{}));
    older = log;
    log.push_back(value);
    in_place += older.shares_storage_with(log) ? 1 : 0;
    oracle.after_step(0, log);
    oracle.on_request(0, read_request(0, msg_id));
    ASSERT_NO_THROW(oracle.on_reply(0, reply(0, msg_id++, core::ReadOk{log}))) << value;
  }
  EXPECT_GT(in_place, 30);  // most steps appended in place
  ASSERT_TRUE(older.shares_storage_with(log));
  oracle.on_request(0, read_request(0, msg_id));
  expect_failure([&] { oracle.on_reply(0, reply(0, msg_id, core::ReadOk{older})); },
                 Outcome::safety, "a read lost values");
}

// A reply counts as the node's client's only when addressed to exactly c<node>: a longer,
// shorter, zero-padded or other-lettered id is a client that never asked anything.
TEST(Oracle, ReplyToAnotherClient) {
  for (const std::string dest : {"c1", "c120", "c012", "c", "n12", "c1x", "c13", "c02", "cc12"}) {
    Oracle oracle(13, 10);
    oracle.on_request(12, read_request(12, 1));
    core::Message answer = reply(12, 1, core::ReadOk{});
    answer.dest = dest;
    expect_failure([&] { oracle.on_reply(12, answer); }, Outcome::safety,
                   "to a client that never asked it anything");
  }
  Oracle oracle(13, 10);
  oracle.on_request(12, read_request(12, 1));
  EXPECT_NO_THROW(oracle.on_reply(12, reply(12, 1, core::ReadOk{})));
  Oracle first(1, 10);
  first.on_request(0, read_request(0, 1));
  EXPECT_NO_THROW(first.on_reply(0, reply(0, 1, core::ReadOk{})));
}

}  // namespace
}  // namespace rumor::replay::fuzz
