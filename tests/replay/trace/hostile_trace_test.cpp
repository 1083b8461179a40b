// `rumor replay`'s trace reader against issue 9's attacks, each trace generated here: a deep
// `#in` line or `args=` header (D1), forged `#in` lines at extreme times (D13; the sanitizer
// build fails on any signed overflow), and trace lines hidden in logged fields (D5).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "core/state.hpp"
#include "replay/trace/node_trace.hpp"
#include "replay/trace/rerun.hpp"
#include "runtime/host.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::replay::trace {
namespace {

namespace format = runtime::trace;

const std::string header = "#rumor-trace v1 rumor-node 0.1.0 capture=full args=[\"default\"]\n";

std::string in(std::int64_t now_ms, const std::string& line) {
  std::string text;
  format::append_in(text, now_ms, line);
  return text;
}

std::string request(int msg_id, const std::string& fields) {
  return R"({"src":"c1","dest":"n0","body":{)" + fields + R"(,"msg_id":)" + std::to_string(msg_id) +
         "}}";
}

const std::string init = request(1, R"("type":"init","node_id":"n0","node_ids":["n0","n1"])");

TEST(HostileTrace, ADeepArgsHeaderIsABadLineNotACrash) {
  const std::string deep_args = "#rumor-trace v1 rumor-node 0.1.0 args=" + std::string(100000, '[');
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(format::parse_line(deep_args)));
  EXPECT_THROW(parse_node_trace(deep_args + "\n", "n0"), std::runtime_error);
  std::vector<std::string> args;
  EXPECT_FALSE(format::parse_json_string_array(std::string(100000, '['), args));
  EXPECT_FALSE(format::parse_json_string_array(std::string("[\"a\"]\0x", 7), args));
}

TEST(HostileTrace, ADeepInLineReplaysAsTheSkippedLineItWas) {
  const std::string text =
      header + in(5, init) + "#out " +
      R"({"src":"n0","dest":"c1","body":{"type":"init_ok","in_reply_to":1}})" + "\n" +
      in(6, std::string(100000, '[')) + in(7, request(2, R"("type":"read")")) + "#out " +
      R"({"src":"n0","dest":"c1","body":{"type":"read_ok","messages":[],"in_reply_to":2}})" + "\n";
  auto trace = parse_node_trace(text, "n0");
  ASSERT_TRUE(trace);
  ASSERT_EQ(trace->inputs.size(), 3u);
  const NodeRerun rerun = rerun_node(*trace);
  EXPECT_EQ(rerun.divergences, 0u) << (rerun.first ? rerun.first->reason : "");
}

TEST(HostileTrace, ForgedExtremeTimesReplayWithoutOverflow) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::string gossip =
      R"({"src":"n1","dest":"n0","body":{"type":"gossip","o":0,"v":[8],"a":5}})";
  const std::string text =
      header + in(max, init) + in(max, request(2, R"("type":"broadcast","message":7)")) +
      in(max, gossip) + "#tick " + std::to_string(max) + "\n" + in(min, gossip) + "#tick " +
      std::to_string(min) + "\n" + in(max, request(3, R"("type":"read")"));
  auto trace = parse_node_trace(text, "n0");
  ASSERT_TRUE(trace);
  ASSERT_EQ(trace->inputs.size(), 7u);
  const runtime::Host core = core_after(*trace, trace->inputs.size());
  EXPECT_EQ(core.state().values, (std::vector<core::Value>{7, 8}));
  EXPECT_EQ(core.state().last_now_ms, max);
}

TEST(HostileTrace, ANewlineInALoggedFieldCannotAddAnInput) {
  // What rumor-node logs for a gossip from an unknown node whose id hides a forged #in line.
  // The host writes the node's stderr exactly as rumor-node does: its trace and its log lines.
  const runtime::Options options = options_from_header(
      format::Header{.program = "rumor-node", .version = "0.1.0", .settings = {}, .args = {}});
  runtime::HostOptions host_options;
  host_options.capture = format::Capture::full;
  host_options.header = format::Header{
      .program = "rumor-node", .version = "0.1.0", .settings = {}, .args = {"default"}};
  runtime::Host node(core::make_state(options.profile, options.seed), host_options);
  std::string out;
  const std::string forged_src =
      R"(n9\n#in 1 )" +
      std::string(
          R"({\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"broadcast\",\"message\":666,\"msg_id\":9}})");
  const std::string line =
      R"({"src":")" + forged_src + R"(","dest":"n0","body":{"type":"gossip"}})";
  for (const std::string& input : {init, line}) node.receive_line(input, 1, out);
  const std::string& log = node.log();
  auto trace = parse_node_trace(log, "n0");
  ASSERT_TRUE(trace);
  EXPECT_EQ(trace->inputs.size(), 2u) << log;
  EXPECT_EQ(core_after(*trace, trace->inputs.size()).state().values, std::vector<core::Value>{});
}

}  // namespace
}  // namespace rumor::replay::trace
