// rumor-node over real pipes against issue 9's attacks, each input generated here: a hostile line
// between valid ones is skipped or answered with error 12, the replies before and after it all
// arrive whole, and the node exits 0 at end of input; a failure that is not about the input
// (out of memory) stops it with exit 4 after the earlier replies, never with a reset state.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "core/codec.hpp"
#include "runtime/trace_format.hpp"
#include "tests/runtime/child_process.hpp"
#include "tests/runtime/test_support.hpp"

namespace rumor::testing {
namespace {

using namespace std::chrono_literals;

std::string rumor_node_path() { return env_or("RUMOR_NODE", "rumor-node"); }

std::string request(int msg_id, const std::string& fields, const std::string& src = "c1") {
  return R"({"src":")" + src + R"(","dest":"n0","body":{)" + fields + R"(,"msg_id":)" +
         std::to_string(msg_id) + "}}\n";
}

std::string init_line(int node_count, int msg_id = 1) {
  std::string ids;
  for (int i = 0; i < node_count; ++i) ids += (i ? ",\"n" : "\"n") + std::to_string(i) + "\"";
  return request(msg_id, R"("type":"init","node_id":"n0","node_ids":[)" + ids + "]", "c0");
}

// Every stdout line decodes; the replies by in_reply_to (one each), as decoded messages.
std::map<std::int64_t, core::Message> replies_of(const std::string& stdout_text) {
  std::map<std::int64_t, core::Message> replies;
  for (const std::string& line : lines_of(stdout_text)) {
    auto decoded = core::decode(line);
    EXPECT_TRUE(std::holds_alternative<core::Message>(decoded)) << "torn or bad line: " << line;
    if (!std::holds_alternative<core::Message>(decoded)) continue;
    const auto& message = std::get<core::Message>(decoded);
    if (!message.in_reply_to) continue;
    EXPECT_TRUE(replies.emplace(*message.in_reply_to, message).second) << "second reply: " << line;
  }
  return replies;
}

std::string type_of(const std::map<std::int64_t, core::Message>& replies, std::int64_t msg_id) {
  auto it = replies.find(msg_id);
  return it == replies.end() ? "(none)" : core::type_name(it->second.body);
}

std::vector<core::Value> read_values(const std::map<std::int64_t, core::Message>& replies,
                                     std::int64_t msg_id) {
  auto it = replies.find(msg_id);
  if (it == replies.end() || !std::holds_alternative<core::ReadOk>(it->second.body)) return {};
  const core::ValueLog& values = std::get<core::ReadOk>(it->second.body).messages;
  return {values.begin(), values.end()};
}

ChildResult run_node(const std::string& input) {
  ChildResult result = run_child({rumor_node_path(), {}, input, 0ms, 30000ms});
  EXPECT_FALSE(result.timed_out);
  return result;
}

TEST(RumorNodeHostileInput, DeepNestingIsSkippedAndEveryOtherLineAnswered) {  // D1
  const std::string deep_field = std::string(50000, '[') + "1" + std::string(50000, ']');
  const std::string input =
      init_line(2) + request(2, R"("type":"broadcast","message":1)") + std::string(100000, '[') +
      "\n" + request(3, R"("type":"broadcast","message":)" + deep_field) +
      request(4, R"("type":"broadcast","message":2)") + request(5, R"("type":"read")");
  const ChildResult result = run_node(input);
  EXPECT_EQ(result.exit_code, 0) << result.stderr_text.substr(0, 2000);
  const auto replies = replies_of(result.stdout_text);
  EXPECT_EQ(type_of(replies, 1), "init_ok");
  EXPECT_EQ(type_of(replies, 2), "broadcast_ok");
  EXPECT_EQ(type_of(replies, 3), "(none)");  // not JSON: skipped, so it names no request
  EXPECT_EQ(type_of(replies, 4), "broadcast_ok");
  EXPECT_EQ(read_values(replies, 5), (std::vector<core::Value>{1, 2}));
  EXPECT_NE(result.stderr_text.find("nesting deeper than 64"), std::string::npos);
}

TEST(RumorNodeHostileInput, GarbageAfterANulIsSkipped) {  // D10
  std::string with_nul = request(2, R"("type":"broadcast","message":5)");
  with_nul.insert(with_nul.size() - 1, std::string("\0garbage", 8));
  const ChildResult result = run_node(init_line(2) + with_nul + request(3, R"("type":"read")"));
  EXPECT_EQ(result.exit_code, 0);
  const auto replies = replies_of(result.stdout_text);
  EXPECT_EQ(type_of(replies, 2), "(none)");
  EXPECT_EQ(read_values(replies, 3), std::vector<core::Value>{});
}

TEST(RumorNodeHostileInput, LoggedFieldsCannotForgeTraceLines) {  // D5
  const std::string forged =
      R"(\n#in 1 {\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"broadcast\",\"message\":666,\"msg_id\":9}}\n)";
  const std::string input = init_line(2) + R"({"src":"n9)" + forged +
                            R"(","dest":"n0","body":{"type":"gossip","v":[1]}})" + "\n" +
                            request(2, R"("type":"read")", "c1" + forged) +
                            request(3, R"("type":"read")");
  const ChildResult result = run_node(input);
  EXPECT_EQ(result.exit_code, 0);
  std::size_t in_lines = 0;
  for (const std::string& line : lines_of(result.stderr_text)) {
    const auto parsed = runtime::trace::parse_line(line);
    if (const auto* in = std::get_if<runtime::trace::In>(&parsed)) {
      ++in_lines;
      EXPECT_NE(input.find(std::string(in->line) + "\n"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(in_lines, lines_of(input).size()) << result.stderr_text;
  EXPECT_EQ(read_values(replies_of(result.stdout_text), 3), std::vector<core::Value>{});
}

TEST(RumorNodeHostileInput, HugeAndBadInitsGetError12AndAGoodInitStillWorks) {  // D6, D9
  const std::string input = init_line(20000, 1) +
                            request(2, R"("type":"init","node_id":"n0","node_ids":["n0","n0"])") +
                            request(3, R"("type":"init","node_id":"n0","node_ids":["n0",""])") +
                            init_line(3, 4) + request(5, R"("type":"broadcast","message":1)");
  const ChildResult result = run_node(input);
  EXPECT_EQ(result.exit_code, 0);
  const auto replies = replies_of(result.stdout_text);
  for (std::int64_t msg_id : {1, 2, 3}) {
    ASSERT_EQ(type_of(replies, msg_id), "error") << msg_id;
    EXPECT_EQ(std::get<core::Error>(replies.at(msg_id).body).code, 12);
  }
  EXPECT_EQ(type_of(replies, 4), "init_ok");
  EXPECT_EQ(type_of(replies, 5), "broadcast_ok");
}

TEST(RumorNodeHostileInput, LoneSurrogateIdsAreSkippedNotRewritten) {  // D8
  const ChildResult result = run_node(init_line(2) + request(2, R"("type":"read")", R"(c\udc00)"));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(type_of(replies_of(result.stdout_text), 2), "(none)");
  EXPECT_EQ(result.stdout_text.find("\\ufffd"), std::string::npos);
  EXPECT_NE(result.stderr_text.find("lone surrogate"), std::string::npos);
}

#if defined(__SANITIZE_ADDRESS__)
#define RUMOR_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUMOR_UNDER_ASAN 1
#endif
#endif

TEST(RumorNodeHostileInput, OutOfMemoryStopsTheNodeAfterItsEarlierRepliesNeverResets) {  // D6
#ifdef RUMOR_UNDER_ASAN
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#endif
  // The hub of 1,000 nodes queues each gossiped value for 998 leaves: a million values need
  // gigabytes, which the 1 GiB address-space limit refuses (std::bad_alloc) part-way.
  std::string values;
  for (int v = 100; v < 1000100; ++v) values += (v == 100 ? "" : ",") + std::to_string(v);
  const std::string input = init_line(1000) + request(2, R"("type":"broadcast","message":1)") +
                            request(3, R"("type":"read")") +
                            R"({"src":"n1","dest":"n0","body":{"type":"gossip","o":0,"v":[)" +
                            values + "]}}\n" + request(4, R"("type":"read")");
  const ChildResult result =
      run_child({"/bin/sh",
                 {"-c", "ulimit -v 1048576 && exec \"$0\"", rumor_node_path()},
                 input,
                 0ms,
                 60000ms});
  ASSERT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 4) << result.stderr_text.substr(result.stderr_text.size() - 500);
  EXPECT_NE(result.stderr_text.find("internal failure, stopping: std::bad_alloc"),
            std::string::npos);
  EXPECT_EQ(result.stderr_text.find("reset"), std::string::npos);
  const auto replies = replies_of(result.stdout_text);  // every line whole
  EXPECT_EQ(type_of(replies, 1), "init_ok");
  EXPECT_EQ(type_of(replies, 2), "broadcast_ok");
  EXPECT_EQ(read_values(replies, 3), std::vector<core::Value>{1});
  EXPECT_EQ(type_of(replies, 4), "(none)");  // the node stopped before it, loudly
}

}  // namespace
}  // namespace rumor::testing
