// The rumor trace format, and replay of the simulator's own traces: every output reproduces,
// and a changed output or a missing input is found and pinned to its node and input.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/node_names.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"
#include "replay/trace/node_trace.hpp"
#include "replay/trace/rerun.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::replay::trace {
namespace {

namespace format = runtime::trace;

TEST(TraceFormat, HeaderRoundTripsWithQuotedArgs) {
  const format::Header header{.program = "rumor-node",
                              .version = "0.1.0",
                              .settings = {{"profile", "default"}},
                              .args = {"default", "--seed", "7", "a \"b\"\\c"}};
  const std::string line = format::header_line(header);
  ASSERT_TRUE(line.ends_with("\n"));
  const auto parsed = format::parse_line(std::string_view(line).substr(0, line.size() - 1));
  const auto* back = std::get_if<format::Header>(&parsed);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->program, "rumor-node");
  EXPECT_EQ(back->version, "0.1.0");
  EXPECT_EQ(back->args, header.args);
}

TEST(TraceFormat, InputAndOutputLines) {
  std::string log;
  format::append_in(log, 12, "{\"x\": 1}");
  format::append_tick(log, 13);
  format::append_outs(log, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_EQ(log, "#in 12 {\"x\": 1}\n#tick 13\n#out {\"a\":1}\n#out {\"b\":2}\n");
  const auto in = format::parse_line("#in 12 {\"x\": 1}");
  ASSERT_TRUE(std::holds_alternative<format::In>(in));
  EXPECT_EQ(std::get<format::In>(in).now_ms, 12);
  EXPECT_EQ(std::get<format::In>(in).line, "{\"x\": 1}");
  EXPECT_TRUE(std::holds_alternative<format::NotTrace>(format::parse_line("rumor-node: hi")));
  EXPECT_TRUE(std::holds_alternative<format::NotTrace>(format::parse_line("# a comment")));
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(format::parse_line("#tick soon")));
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(format::parse_line("#in 5")));
}

TEST(TraceFormat, OutHashLineRoundTrips) {
  std::string log;
  format::append_out_hash(log, "", 0);
  EXPECT_EQ(log, "");  // a step that wrote nothing records nothing
  const std::string written = "{\"a\":1}\n{\"b\":2}\n";
  format::append_out_hash(log, written, 2);
  const auto parsed = format::parse_line(std::string_view(log).substr(0, log.size() - 1));
  const auto* out_hash = std::get_if<format::OutHash>(&parsed);
  ASSERT_NE(out_hash, nullptr) << log;
  EXPECT_EQ(out_hash->count, 2u);
  EXPECT_EQ(out_hash->hash, format::output_hash(written));
  EXPECT_NE(format::output_hash(written), format::output_hash("{\"a\":1}\n{\"b\":3}\n"));
}

// A small partitioned run with latency: every node's log is a trace of its inputs.
sim::SimResult traced_run() {
  sim::SimConfig config;
  config.nodes = core::node_names(4);
  config.time_limit_s = 4;
  config.rate = 20;
  config.latency.mean_ms = 30;
  config.nemesis_partition = true;
  config.nemesis_interval_s = 1;
  config.seed = 11;
  config.profile = *core::profile_named("");
  config.keep_node_logs = true;
  return sim::run_simulation(config);
}

TEST(SimulatorTraces, EveryNodeReproducesByteForByte) {
  const sim::SimResult result = traced_run();
  for (std::size_t k = 0; k < result.node_logs.size(); ++k) {
    const auto trace = parse_node_trace(result.node_logs[k], core::node_name(k));
    ASSERT_TRUE(trace.has_value());
    ASSERT_GT(trace->inputs.size(), 20u);  // deliveries and the ticks the core asked for
    const NodeRerun rerun = rerun_node(*trace);
    EXPECT_EQ(rerun.divergences, 0u) << (rerun.first ? rerun.first->reason : "");
    EXPECT_GT(rerun.outputs, 10u);
    // The state after the last input is the node's end state.
    const core::ValueLog log = core_after(*trace, trace->inputs.size()).state().values;
    std::vector<core::Value> values(log.begin(), log.end());
    std::sort(values.begin(), values.end());
    EXPECT_EQ(values, result.final_values[k]);
  }
}

TEST(SimulatorTraces, AChangedOutputIsOneDivergenceAtItsInput) {
  const sim::SimResult result = traced_run();
  auto trace = parse_node_trace(result.node_logs[1], "n1");
  ASSERT_TRUE(trace.has_value());
  std::size_t target = 0;
  for (std::size_t k = 0; k < trace->inputs.size(); ++k) {
    if (trace->inputs[k].outputs.size() >= 1 && k > 20) {
      target = k;
      break;
    }
  }
  ASSERT_GT(target, 0u);
  const std::string original = trace->inputs[target].outputs[0];
  trace->inputs[target].outputs[0] += " ";
  const NodeRerun rerun = rerun_node(*trace);
  EXPECT_EQ(rerun.divergences, 1u);
  ASSERT_TRUE(rerun.first.has_value());
  EXPECT_EQ(rerun.first->node, "n1");
  EXPECT_EQ(rerun.first->input_number, target + 1);
  EXPECT_EQ(rerun.first->reason, "output 1 differs");
  EXPECT_EQ(rerun.first->expected[0], original + " ");
  EXPECT_EQ(rerun.first->actual[0], original);
}

TEST(SimulatorTraces, AMissingInputIsFound) {
  const sim::SimResult result = traced_run();
  auto trace = parse_node_trace(result.node_logs[0], "n0");
  ASSERT_TRUE(trace.has_value());
  // Drop the first client broadcast (with its reply): the value never spreads from here, nor
  // shows in reads, so later outputs no longer follow.
  for (std::size_t k = 0; k < trace->inputs.size(); ++k) {
    if (trace->inputs[k].line.find("\"type\":\"broadcast\"") != std::string::npos) {
      trace->inputs.erase(trace->inputs.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
  }
  EXPECT_GT(rerun_node(*trace).divergences, 0u);
}

TEST(NodeTraces, AnUnfinishedLastLineIsNotADivergence) {
  const sim::SimResult result = traced_run();
  std::string log = result.node_logs[2];
  // Cut inside the last #out line, as a kill during the write would.
  const std::size_t last_out = log.rfind("\n#out ");
  ASSERT_NE(last_out, std::string::npos);
  log.resize(last_out + 10);
  const auto trace = parse_node_trace(log, "n2");
  ASSERT_TRUE(trace.has_value());
  EXPECT_TRUE(trace->cut_short);
  EXPECT_EQ(rerun_node(*trace).divergences, 0u);
}

TEST(NodeTraces, UndecodableInputsReplayAsSkipped) {
  std::string log = format::header_line(format::Header{
      .program = "rumor-node", .version = "test", .settings = {}, .args = {"default"}});
  format::append_in(log, 100, "not json at all");
  format::append_in(log, 101,
                    R"({"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0",)"
                    R"("node_ids":["n0"],"msg_id":1}})");
  log += "rumor-node: some free-form line\n";
  format::append_outs(log,
                      "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\","
                      "\"in_reply_to\":1}}\n");
  const auto trace = parse_node_trace(log, "n0");
  ASSERT_TRUE(trace.has_value());
  ASSERT_EQ(trace->inputs.size(), 2u);
  EXPECT_EQ(rerun_node(*trace).divergences, 0u);
  EXPECT_EQ(core_after(*trace, 2).state().self(), "n0");
}

TEST(NodeTraces, LogsWithoutAHeaderAreNotTraces) {
  EXPECT_FALSE(parse_node_trace("Received {...}\nsome log\n", "n0").has_value());
  EXPECT_THROW(parse_node_trace("#in 5 {}\n", "n0"), std::runtime_error);
}

}  // namespace
}  // namespace rumor::replay::trace
