// `rumor test --bin` on nodes written in other languages (nodes/: Python 3 and Perl 5, standard
// library only) and the host figures and warnings of process mode. Each case is one short
// wall-clock run (a few seconds of ops plus Maelstrom's 10 s recovery sleep); nothing asserts on
// timing windows.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/runtime/child_process.hpp"
#include "tests/runtime/test_support.hpp"

namespace rumor::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool has_warning(const rapidjson::Value& results, const std::string& part) {
  for (const auto& warning : results["host"]["warnings"].GetArray()) {
    if (std::string(warning.GetString()).find(part) != std::string::npos) return true;
  }
  return false;
}

class OtherNodes : public InFreshDirectory {
 protected:
  OtherNodes() : InFreshDirectory("rumor-other-nodes-") {}

  // `rumor test` with `flags` then `--json --bin` and `bin`; parses the printed results.
  static ChildResult rumor_test(std::vector<std::string> flags, const std::vector<std::string>& bin,
                                rapidjson::Document& results) {
    std::vector<std::string> args{"test", "-w", "broadcast"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.insert(args.end(), {"--json", "--bin"});
    args.insert(args.end(), bin.begin(), bin.end());
    ChildResult run = run_child(ChildRun{.program = env_or("RUMOR", "rumor"),
                                         .args = std::move(args),
                                         .input = "",
                                         .linger = 0ms,
                                         .deadline = 90s});
    results.Parse(run.stdout_text.c_str());
    return run;
  }
  static std::string node(const char* file) {
    return (fs::path(env_or("NODES_DIR", "nodes")) / file).string();
  }
};

TEST_F(OtherNodes, FloodNodeOverTheOfferedTopologyPasses) {
  rapidjson::Document results;
  const ChildResult run =
      rumor_test({"--node-count", "5", "--time-limit", "1", "--rate", "10", "--latency", "10"},
                 {node("flood_node.py")}, results);
  ASSERT_FALSE(run.timed_out);
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_TRUE(results.IsObject()) << run.stdout_text;
  EXPECT_TRUE(results["valid?"].GetBool());
  const auto& servers = results["net"]["servers"];
  // Counted under the node's own type names, not as the embedded core would read its bodies.
  ASSERT_TRUE(servers["by-type"].HasMember("gossip")) << run.stdout_text;
  ASSERT_TRUE(servers["by-type"].HasMember("gossip_ok")) << run.stdout_text;
  EXPECT_EQ(servers["by-type"].MemberCount(), 2u) << run.stdout_text;
  EXPECT_GT(servers["by-type"]["gossip"].GetInt64(), 0);
  EXPECT_GT(servers["by-type"]["gossip_ok"].GetInt64(), 0);
  EXPECT_GT(servers["msgs-per-second"].GetDouble(), 0);
  EXPECT_GT(servers["msgs-per-broadcast"].GetDouble(), 0);
  EXPECT_EQ(results["host"]["node-processes"].GetInt64(), 5);
  EXPECT_GE(results["host"]["start-spread-ms"].GetDouble(), 0);
  // Each node's stderr is its node log; the node writes its start time first.
  for (const char* id : {"n0", "n1", "n2", "n3", "n4"}) {
    const std::string log =
        read_file(fs::path("store/latest/node-logs") / (id + std::string(".log")));
    EXPECT_TRUE(log.starts_with("start-ns ")) << id << ": " << log.substr(0, 200);
  }
}

TEST_F(OtherNodes, BatchNodeSendsEachValueInOneBatchPerPeer) {
  rapidjson::Document results;
  const ChildResult run = rumor_test({"--node-count", "5", "--time-limit", "1", "--rate", "10"},
                                     {node("batch_node.py")}, results);
  ASSERT_FALSE(run.timed_out);
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_TRUE(results.IsObject()) << run.stdout_text;
  EXPECT_TRUE(results["valid?"].GetBool());
  const auto& servers = results["net"]["servers"];
  EXPECT_EQ(servers["by-type"].MemberCount(), 1u);
  ASSERT_TRUE(servers["by-type"].HasMember("batch")) << run.stdout_text;
  EXPECT_GT(servers["by-type"]["batch"].GetInt64(), 0);
  // A value travels in one batch to each of the 4 peers, and a batch holds at least one value.
  EXPECT_LE(servers["msgs-per-broadcast"].GetDouble(), 4.0);
  EXPECT_GT(servers["msgs-per-broadcast"].GetDouble(), 0);
}

// relay_node.pl sends each value a client gives it to every other node once, and nothing else:
// 4 messages per broadcast at 5 nodes, whatever the host.
TEST_F(OtherNodes, PerlRelayNodeCostsOneMessagePerPeerPerBroadcast) {
  rapidjson::Document results;
  const ChildResult run =
      rumor_test({"--node-count", "5", "--time-limit", "1", "--rate", "10", "--latency", "10"},
                 {node("relay_node.pl")}, results);
  ASSERT_FALSE(run.timed_out);
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_TRUE(results.IsObject()) << run.stdout_text;
  EXPECT_TRUE(results["valid?"].GetBool());
  const auto& servers = results["net"]["servers"];
  ASSERT_TRUE(servers["by-type"].HasMember("relay")) << run.stdout_text;
  EXPECT_DOUBLE_EQ(servers["msgs-per-broadcast"].GetDouble(), 4.0);
  EXPECT_EQ(servers["by-type"]["relay"].GetInt64(), servers["msg-count"].GetInt64());
}

TEST_F(OtherNodes, MoreNodeProcessesThanCoresIsAHostWarning) {
  const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  rapidjson::Document results;
  const ChildResult run =
      rumor_test({"--node-count", std::to_string(cores + 1), "--time-limit", "1", "--rate", "5"},
                 {env_or("RUMOR_NODE", "rumor-node")}, results);
  ASSERT_FALSE(run.timed_out);
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_TRUE(results.IsObject()) << run.stdout_text;
  EXPECT_TRUE(has_warning(results, "node processes share " + std::to_string(cores) + " cores"))
      << run.stdout_text;
  EXPECT_NE(run.stderr_text.find("rumor test: WARN host: "), std::string::npos);
  EXPECT_EQ(results["host"]["cores"].GetInt64(), cores);
}

// A node that answers init after 1.1 s and every other request after 50 ms: at --rate 50 its
// single client gets at most 20 ops/s.
TEST_F(OtherNodes, SlowNodeGetsRateInitAndReplyWarnings) {
  rapidjson::Document results;
  const ChildResult run = rumor_test({"--node-count", "1", "--time-limit", "2", "--rate", "50"},
                                     {env_or("BAD_NODE", "bad_node.sh"), "slow"}, results);
  ASSERT_FALSE(run.timed_out);
  ASSERT_TRUE(results.IsObject()) << run.stdout_text << run.stderr_text;
  EXPECT_TRUE(has_warning(results, "achieved op rate")) << run.stdout_text;
  EXPECT_TRUE(has_warning(results, "slow init")) << run.stdout_text;
  EXPECT_TRUE(has_warning(results, "median node reply time")) << run.stdout_text;
  EXPECT_GE(results["host"]["node-reply-ms-median"].GetDouble(), 50);
  EXPECT_GE(results["host"]["init-ms"].GetDouble(), 1100);
}

TEST_F(OtherNodes, JepsenSlipOutsideItsRangeIsABadArgument) {
  for (const char* slip : {"-1", "100.5", "x"}) {
    const ChildResult run =
        run_child(ChildRun{.program = env_or("RUMOR", "rumor"),
                           .args = {"test", "-w", "broadcast", "--jepsen-slip-ms", slip},
                           .input = "",
                           .linger = 0ms,
                           .deadline = 30s});
    EXPECT_EQ(run.exit_code, 254) << slip;
    EXPECT_NE(run.stderr_text.find("--jepsen-slip-ms: "), std::string::npos) << run.stderr_text;
    EXPECT_NE(run.stderr_text.find("[0, 100]"), std::string::npos) << run.stderr_text;
  }
}

}  // namespace
}  // namespace rumor::testing
