// The host (runtime/host.hpp), the one place a node's core is stepped: both entry levels give the
// same outputs and the same trace, wake-ups follow the core, and a step that throws leaves the
// host failed, with its reason, no state, no partial output, and deaf to later input.
#include "runtime/host.hpp"

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/codec.hpp"
#include "core/profile.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::runtime {
namespace {

const std::string init_line =
    R"({"id":3,"src":"c0","dest":"n1","body":{"type":"init","node_id":"n1","node_ids":["n0","n1","n2"],"msg_id":1}})";
const std::string broadcast_line =
    R"({"id":4,"src":"c1","dest":"n1","body":{"type":"broadcast","message":7,"msg_id":2}})";
const std::string read_line =
    R"({"id":5,"src":"c1","dest":"n1","body":{"type":"read","msg_id":3}})";

core::Message message_of(const std::string& line) {
  return std::get<core::Message>(core::decode(line));
}

trace::Header header() {
  return trace::Header{.program = "rumor-node", .version = "test", .settings = {}, .args = {}};
}

Host host_with(trace::Capture capture, StepFunction step = core::step_in_place) {
  HostOptions options;
  options.capture = capture;
  options.header = header();
  options.step = step;
  return Host(core::make_state(*core::profile_named("default"), 5), options);
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

std::vector<std::string> trace_lines(const std::string& log) {
  std::vector<std::string> picked;
  for (auto& line : lines_of(log)) {
    if (line.starts_with('#')) picked.push_back(line);
  }
  return picked;
}

std::string encoded(const core::Output& output) {
  std::string text;
  for (const auto& message : output.messages) text += core::encode(message) + "\n";
  return text;
}

// Throws on the value 666 (as a broken invariant) and 667 (as running out of memory); steps the
// real core otherwise.
void throws_on_666(core::State& state, const core::Input& input, core::Output& output) {
  if (const auto* received = std::get_if<core::Received>(&input)) {
    if (const auto* broadcast = std::get_if<core::Broadcast>(&received->message.body)) {
      if (broadcast->message == 666) throw core::InvariantViolation("planted in the test");
      if (broadcast->message == 667) throw std::bad_alloc();
    }
  }
  core::step_in_place(state, input, output);
}

TEST(HostLineLevel, StepsDecodedLinesAndWritesWholeOutputLines) {
  Host host = host_with(trace::Capture::off);
  std::string out;
  EXPECT_EQ(host.receive_line(init_line, 10, out), 1u);
  EXPECT_EQ(host.receive_line(broadcast_line, 11, out), 2u);  // broadcast_ok, and on to the hub
  EXPECT_EQ(host.receive_line(read_line, 12, out), 1u);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find(R"("type":"init_ok")"), std::string::npos);
  EXPECT_NE(lines[3].find(R"("messages":[7])"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(host.state().values, std::vector<core::Value>{7});
}

TEST(HostLineLevel, SkipsBlankAndUndecodableLinesWithoutStepping) {
  Host host = host_with(trace::Capture::full);
  std::string out;
  const std::string before = host.log();
  EXPECT_EQ(host.receive_line("  \r", 1, out), 0u);
  EXPECT_EQ(host.log(), before);  // blank: not even traced
  EXPECT_EQ(host.receive_line("not json", 2, out), 0u);
  EXPECT_TRUE(out.empty());
  EXPECT_NE(host.log().find("#in 2 not json\n"), std::string::npos);
  EXPECT_NE(host.log().find("rumor-node: skipped line ("), std::string::npos);
  EXPECT_FALSE(host.state().initialised());
}

TEST(HostTrace, FullCaptureRecordsTheHeaderInputsAndEveryOutputAsWritten) {
  Host host = host_with(trace::Capture::full);
  std::string out;
  host.receive_line(init_line, 10, out);
  host.receive_line(broadcast_line, 11, out);
  const auto lines = trace_lines(host.log());
  ASSERT_EQ(lines.size(), 6u) << host.log();
  EXPECT_EQ(lines[0] + "\n", trace::header_line(header()));
  EXPECT_EQ(lines[1], "#in 10 " + init_line);
  EXPECT_EQ(lines[3], "#in 11 " + broadcast_line);
  const auto written = lines_of(out);
  EXPECT_EQ(lines[2], "#out " + written[0]);
  EXPECT_EQ(lines[4], "#out " + written[1]);
  EXPECT_EQ(lines[5], "#out " + written[2]);
}

TEST(HostTrace, HashCaptureRecordsOneHashPerStepThatWrote) {
  Host host = host_with(trace::Capture::hash);
  std::string out;
  host.receive_line(init_line, 10, out);
  const std::string init_out = out;
  host.tick(20, out);  // nothing due: no output, no #out-hash line
  const auto lines = trace_lines(host.log());
  ASSERT_EQ(lines.size(), 4u) << host.log();
  std::string expected;
  trace::append_out_hash(expected, init_out, 1);
  EXPECT_EQ(lines[2] + "\n", expected);
  EXPECT_EQ(lines[3], "#tick 20");
}

TEST(HostTrace, NoCaptureWritesNoTraceLine) {
  Host host = host_with(trace::Capture::off);
  std::string out;
  host.receive_line(init_line, 10, out);
  host.receive_line("junk", 11, out);
  host.tick(20, out);
  EXPECT_TRUE(trace_lines(host.log()).empty()) << host.log();
  EXPECT_NE(host.log().find("skipped line"), std::string::npos);
}

TEST(HostMessageLevel, GivesTheLineLevelsOutputsAndTrace) {
  Host by_line = host_with(trace::Capture::full);
  Host by_message = host_with(trace::Capture::full);
  std::string out;
  std::string from_messages;
  std::int64_t now_ms = 10;
  for (const std::string& line : {init_line, broadcast_line, read_line}) {
    by_line.receive_line(line, now_ms, out);
    const core::Message message = message_of(line);
    const std::int64_t id = 3 + (now_ms - 10);  // the lines' own network ids
    from_messages += encoded(by_message.step(core::Received{message, now_ms}, id));
    ++now_ms;
  }
  by_line.tick(200, out);
  from_messages += encoded(by_message.step(core::Tick{200}));
  EXPECT_EQ(from_messages, out);
  EXPECT_EQ(by_message.log(), by_line.log());
  EXPECT_EQ(by_message.state().values, by_line.state().values);
}

TEST(HostMessageLevel, KeepsTheCoresWakeTime) {
  Host host = host_with(trace::Capture::off);
  EXPECT_EQ(host.wake_at_ms(), std::nullopt);  // not initialised: no timer
  host.step(core::Received{message_of(init_line), 10});
  const core::Output output = host.step(core::Received{message_of(broadcast_line), 11});
  ASSERT_TRUE(output.wake_at_ms.has_value());  // the value waits for the hub's ack
  EXPECT_EQ(host.wake_at_ms(), output.wake_at_ms);
  EXPECT_EQ(host.wake_at_ms(), core::next_wake_ms(host.state()));
}

// The output is the host's own buffer: each step starts it afresh, whatever the caller did to it.
TEST(HostMessageLevel, EachStepsOutputHoldsOnlyThatStep) {
  Host host = host_with(trace::Capture::off);
  host.step(core::Received{message_of(init_line), 10});
  core::Output& output = host.step(core::Received{message_of(broadcast_line), 11});
  ASSERT_EQ(output.messages.size(), 2u);                     // broadcast_ok, and on to the hub
  core::Message moved = std::move(output.messages.front());  // as the simulators take them
  EXPECT_TRUE(std::holds_alternative<core::BroadcastOk>(moved.body));
  const core::Output& read = host.step(core::Received{message_of(read_line), 12});
  EXPECT_EQ(&read, &output);
  ASSERT_EQ(read.messages.size(), 1u);
  EXPECT_EQ(read.messages[0].body, core::Body{core::ReadOk{{7}}});
}

TEST(HostMessageLevel, SilentOptionsKeepNoLog) {
  Host host(core::make_state(*core::profile_named("default"), 5), silent_host_options());
  host.step(core::Received{message_of(init_line), 10});
  host.step(core::Received{message_of(R"({"src":"n9","dest":"n1","body":{"type":"gossip"}})"), 11});
  EXPECT_TRUE(host.log().empty()) << host.log();
}

TEST(HostFailurePolicy, ABrokenInvariantLeavesTheHostFailedWithoutStateOrPartialOutput) {
  Host host = host_with(trace::Capture::full, throws_on_666);
  std::string out;
  host.receive_line(init_line, 10, out);
  const std::string out_before = out;
  const std::size_t written = host.receive_line(
      R"({"src":"c1","dest":"n1","body":{"type":"broadcast","message":666,"msg_id":2}})", 11, out);
  EXPECT_EQ(written, 0u);
  EXPECT_EQ(out, out_before);  // only whole lines of earlier steps
  ASSERT_TRUE(host.failed());
  EXPECT_EQ(host.failure()->kind, HostFailure::Kind::invariant_violation);
  EXPECT_EQ(host.failure()->reason, "planted in the test");
  EXPECT_THROW((void)host.state(), std::logic_error);
  EXPECT_EQ(host.wake_at_ms(), std::nullopt);
  // The failed input is in the trace (it was received); nothing after it is.
  const std::string log_after = host.log();
  EXPECT_NE(log_after.find(R"("message":666)"), std::string::npos);
  EXPECT_EQ(host.receive_line(read_line, 12, out), 0u);
  EXPECT_EQ(host.tick(100, out), 0u);
  EXPECT_TRUE(host.step(core::Tick{200}).messages.empty());
  EXPECT_EQ(out, out_before);
  EXPECT_EQ(host.log(), log_after);
}

TEST(HostFailurePolicy, AnyOtherExceptionIsAnInternalFailureAtMessageLevelToo) {
  Host host = host_with(trace::Capture::off, throws_on_666);
  host.step(core::Received{message_of(init_line), 10});
  const core::Output output = host.step(core::Received{
      message_of(
          R"({"src":"c1","dest":"n1","body":{"type":"broadcast","message":667,"msg_id":2}})"),
      11});
  EXPECT_TRUE(output.messages.empty());
  ASSERT_TRUE(host.failed());
  EXPECT_EQ(host.failure()->kind, HostFailure::Kind::internal);
  EXPECT_EQ(host.failure()->reason, std::bad_alloc().what());
  EXPECT_THROW((void)std::move(host).release_state(), std::logic_error);
}

TEST(HostFailurePolicy, AHealthyHostHandsItsStateBack) {
  Host host = host_with(trace::Capture::off);
  host.step(core::Received{message_of(init_line), 10});
  host.step(core::Received{message_of(broadcast_line), 11});
  const core::State state = std::move(host).release_state();
  EXPECT_EQ(state.values, std::vector<core::Value>{7});
}

}  // namespace
}  // namespace rumor::runtime
