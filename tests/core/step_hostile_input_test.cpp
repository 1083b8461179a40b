// The core on issue 9's hostile inputs: bad inits (D6, D9), requests with ill-typed ids (D7),
// log injection (D5) and extreme times (D13; the sanitizer build turns any signed overflow into
// a failure). Each answer is error 12 or a correct reply, and the set never changes by accident.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "core/codec.hpp"
#include "core/limits.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

using namespace testing;

constexpr std::int64_t time_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t time_min = std::numeric_limits<std::int64_t>::min();

// The single reply an init got: its error code, or 0 for init_ok.
int init_answer(State& state, std::vector<std::string> node_ids, std::string node_id = "n0") {
  Output out =
      deliver(state, request("c0", "n0", 1, Init{std::move(node_id), std::move(node_ids)}), 0);
  EXPECT_EQ(out.messages.size(), 1u);
  if (out.messages.empty()) return -1;
  if (const auto* error = std::get_if<Error>(&out.messages[0].body)) return error->code;
  return 0;
}

TEST(StepHostileInput, InitIdsMustBeDistinctNonEmptyAndIncludeSelf) {  // D9
  State state = make_state(default_profile(), 1);
  EXPECT_EQ(init_answer(state, {"n0", "n1", "n1"}), error_code::malformed_request);
  EXPECT_EQ(init_answer(state, {"n0", "n0"}), error_code::malformed_request);
  EXPECT_EQ(init_answer(state, {"n0", ""}), error_code::malformed_request);
  EXPECT_EQ(init_answer(state, {"n1", "n2"}), error_code::malformed_request);
  EXPECT_EQ(init_answer(state, {"n0", "n1"}, ""), error_code::malformed_request);
  EXPECT_FALSE(state.initialised());
  EXPECT_EQ(init_answer(state, {"n0", "n1"}), 0);  // a good init still works afterwards
  EXPECT_TRUE(state.initialised());
}

TEST(StepHostileInput, InitNamingMoreThanTheNodeLimitIsRefused) {  // D6
  State state = make_state(default_profile(), 1);
  EXPECT_EQ(init_answer(state, node_names(node_ids_max + 1)), error_code::malformed_request);
  EXPECT_FALSE(state.initialised());
  EXPECT_TRUE(state.links.empty());
  EXPECT_EQ(init_answer(state, node_names(node_ids_max)), 0);
}

// Decodes the line and steps it; the node is initialised first.
Output deliver_line(State& state, const std::string& line) {
  auto decoded = decode(line);
  EXPECT_TRUE(std::holds_alternative<Message>(decoded)) << line;
  return deliver(state, std::get<Message>(decoded), 10);
}

TEST(StepHostileInput, IllTypedIdsAndHugeNumbersGetError12) {  // D7
  State state = initialised_node("n0", 3);
  const std::string head = R"({"src":"c1","dest":"n0","body":)";
  struct Case {
    std::string body;
    std::optional<std::int64_t> in_reply_to;
  };
  for (const Case& c : {Case{R"({"type":"broadcast","msg_id":4,"message":1e999})", 4},
                        Case{R"({"type":"broadcast","msg_id":4,"message":1,"in_reply_to":"x"})", 4},
                        Case{R"({"type":"broadcast","msg_id":1e999,"message":1})", std::nullopt},
                        Case{R"({"type":"read","msg_id":"4"})", std::nullopt}}) {
    Output out = deliver_line(state, head + c.body + "}");
    ASSERT_EQ(out.messages.size(), 1u) << c.body;
    EXPECT_EQ(out.messages[0].dest, "c1");
    EXPECT_EQ(out.messages[0].in_reply_to, c.in_reply_to) << c.body;
    const auto* error = std::get_if<Error>(&out.messages[0].body);
    ASSERT_NE(error, nullptr) << c.body;
    EXPECT_EQ(error->code, error_code::malformed_request);
  }
  EXPECT_TRUE(state.values.empty());  // none of them broadcast anything
}

TEST(StepHostileInput, LoggedInputCannotStartALine) {  // D5
  State state = initialised_node("n0", 3);
  const std::string forged = "n9\n#in 1 {\"src\":\"c1\",\"dest\":\"n0\",\"body\":{}}\r\x01";
  Message gossip{.src = forged, .dest = "n0", .msg_id = {}, .in_reply_to = {}, .body = Gossip{}};
  Output out = deliver(state, gossip, 5);
  ASSERT_EQ(out.log_lines.size(), 1u);
  const std::string& line = out.log_lines[0];
  EXPECT_EQ(line.find_first_of("\n\r\x01"), std::string::npos) << line;
  EXPECT_NE(line.find("n9\\n#in 1"), std::string::npos) << line;
  EXPECT_NE(line.find("\\r\\x01"), std::string::npos) << line;
}

TEST(StepHostileInput, ExtremeTimesNeitherOverflowNorStopTheNode) {  // D13
  for (const std::string profile : {"default", "frugal", "fast", "topology"}) {
    for (const std::int64_t start : {time_max - 5, time_min, std::int64_t{-1}}) {
      State hub = initialised_node("n0", 3, profile);
      deliver(hub, request("c1", "n0", 2, Broadcast{7}), start);
      Gossip gossip{.offset = 0, .values = {8, 9}, .ack = 1};
      deliver(hub, Message{"n1", "n0", {}, {}, gossip}, start);
      for (std::int64_t now : {start, time_max - 1, time_max, time_min}) tick(hub, now);
      Output out = deliver(hub, request("c1", "n0", 3, Read{}), time_max);
      auto read = std::find_if(out.messages.begin(), out.messages.end(), [](const Message& m) {
        return std::holds_alternative<ReadOk>(m.body);
      });
      ASSERT_NE(read, out.messages.end()) << profile;
      EXPECT_EQ(std::get<ReadOk>(read->body).messages, (std::vector<Value>{7, 8, 9}));
    }
  }
}

RC_GTEST_PROP(StepHostileInputProperty, AnyTimesKeepTheNodeAnswering,
              (const std::vector<std::int64_t>& times)) {
  State node = initialised_node(
      "n1", 4, *rc::gen::element<std::string>("default", "frugal", "fast", "topology"));
  Value next = 0;
  for (const std::int64_t now : times) {
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        tick(node, now);
        break;
      case 1:
        deliver(node, request("c1", "n1", 1, Broadcast{next++}), now);
        break;
      default: {
        Gossip gossip{.offset = static_cast<std::uint64_t>(*rc::gen::inRange(0, 4)),
                      .values = {next++},
                      .ack = static_cast<std::uint64_t>(*rc::gen::inRange(0, 4))};
        deliver(node, Message{"n0", "n1", {}, {}, gossip}, now);
      }
    }
  }
  RC_ASSERT(node.values.size() <= static_cast<std::size_t>(next));
}

}  // namespace
}  // namespace rumor::core
