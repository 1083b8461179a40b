// rumor-node's capture (runtime/trace_format.hpp), through real pipes: the trace on stderr names
// the command line, records every input as received and every output as written to stdout.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/options.hpp"
#include "tests/runtime/child_process.hpp"
#include "tests/runtime/test_support.hpp"

namespace rumor::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> with_prefix(const std::vector<std::string>& lines,
                                     const std::string& prefix) {
  std::vector<std::string> picked;
  for (const auto& line : lines) {
    if (line.starts_with(prefix)) picked.push_back(line.substr(prefix.size()));
  }
  return picked;
}

const std::vector<std::string> session = {
    R"({"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0","n1"],"msg_id":1}})",
    R"({"id":2,"src":"c2","dest":"n0","body":{"type":"topology","topology":{"n0":["n1"],"n1":["n0"]},"msg_id":1}})",
    "this line is not JSON",
    "",
    R"({"id":5,"src":"c4","dest":"n0","body":{"type":"broadcast","message":7,"msg_id":1}})",
    R"({"id":6,"src":"c4","dest":"n0","body":{"type":"read","msg_id":2}})",
};

ChildResult run_node(std::vector<std::string> args) {
  std::string input;
  for (const auto& line : session) input += line + "\n";
  return run_child(ChildRun{.program = std::getenv("RUMOR_NODE"),
                            .args = std::move(args),
                            .input = input,
                            .linger = 0ms,
                            .deadline = 10s,
                            // The hub relays value 7 to n1 on its batch grid, on a tick: stdin
                            // stays open until that gossip is out, however slow the machine.
                            .close_stdin_when = [](std::string_view out) {
                              return out.find(R"("dest":"n1")") != std::string_view::npos;
                            }});
}

TEST(TraceCapture, FullCaptureRecordsInputsAsReceivedAndOutputsAsWritten) {
  const ChildResult result = run_node({"default", "--seed", "9", "--capture", "full"});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  const auto err = lines_of(result.stderr_text);
  ASSERT_FALSE(err.empty());
  EXPECT_TRUE(err[0].starts_with("#rumor-trace v2 rumor-node ")) << err[0];
  EXPECT_TRUE(err[0].ends_with(R"( args=["default","--seed","9","--capture","full"])")) << err[0];

  // Every non-blank line, the junk one too, in order, after "#in <ms> ".
  std::vector<std::string> received;
  for (const auto& in : with_prefix(err, "#in ")) received.push_back(in.substr(in.find(' ') + 1));
  std::vector<std::string> expected;
  for (const auto& line : session) {
    if (!line.empty()) expected.push_back(line);
  }
  EXPECT_EQ(received, expected);
  // The #out lines are stdout, byte for byte and in order (ticks may add gossip to n1).
  EXPECT_EQ(with_prefix(err, "#out "), lines_of(result.stdout_text));
  EXPECT_FALSE(with_prefix(err, "#tick ").empty());  // the relay to n1 left on a tick
}

TEST(TraceCapture, HashCaptureIsTheDefaultAndCountsTheOutputs) {
  const ChildResult result = run_node({});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  const auto err = lines_of(result.stderr_text);
  EXPECT_TRUE(with_prefix(err, "#out ").empty());
  std::size_t counted = 0;
  for (const auto& line : with_prefix(err, "#out-hash ")) counted += std::stoul(line);
  EXPECT_EQ(counted, lines_of(result.stdout_text).size());
  // Inputs of Maelstrom's shape in the compact form, the junk line verbatim.
  EXPECT_EQ(with_prefix(err, "#i ").size(), 4u);
  EXPECT_EQ(with_prefix(err, "#in ").size(), 1u);
}

TEST(TraceCapture, NoCaptureWritesNoTraceLines) {
  const ChildResult result = run_node({"--no-capture"});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  for (const auto& line : lines_of(result.stderr_text)) EXPECT_FALSE(line.starts_with("#")) << line;
  std::size_t replies = 0;  // init_ok, topology_ok, broadcast_ok, read_ok (and gossip to n1)
  for (const auto& line : lines_of(result.stdout_text))
    replies += line.find(R"("dest":"c)") != std::string::npos;
  EXPECT_EQ(replies, 4u);
}

TEST(CaptureOptions, FlagsAndEnvironment) {
  using runtime::Options;
  auto parsed = runtime::parse_options({"--capture", "off"});
  ASSERT_TRUE(std::holds_alternative<Options>(parsed));
  EXPECT_EQ(std::get<Options>(parsed).capture, runtime::trace::Capture::off);
  EXPECT_TRUE(
      std::holds_alternative<runtime::ExitEarly>(runtime::parse_options({"--capture", "x"})));

  Options options = std::get<Options>(runtime::parse_options({}));
  EXPECT_EQ(options.capture, runtime::trace::Capture::hash);
  EXPECT_TRUE(runtime::apply_capture_env(options, {}, "0"));
  EXPECT_EQ(options.capture, runtime::trace::Capture::off);
  EXPECT_TRUE(runtime::apply_capture_env(options, {}, "full"));
  EXPECT_EQ(options.capture, runtime::trace::Capture::full);
  EXPECT_FALSE(runtime::apply_capture_env(options, {}, "loud"));
  // The command line wins over the environment.
  Options chosen = std::get<Options>(runtime::parse_options({"--no-capture"}));
  EXPECT_TRUE(runtime::apply_capture_env(chosen, {"--no-capture"}, "full"));
  EXPECT_EQ(chosen.capture, runtime::trace::Capture::off);
}

}  // namespace
}  // namespace rumor::testing
