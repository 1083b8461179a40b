// `rumor test --bin`: real node processes over pipes. rumor-node passes and its run replays byte
// for byte; deliberately broken nodes (bad_node.sh) are reported the way Maelstrom reports them.
// Each case is one short wall-clock run (11-15 s, most of it Maelstrom's 10 s recovery sleep).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/runtime/child_process.hpp"
#include "tests/runtime/test_support.hpp"

namespace rumor::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class ProcessMode : public InFreshDirectory {
 protected:
  ProcessMode() : InFreshDirectory("rumor-process-test-") {}

  static ChildResult rumor(std::vector<std::string> args) {
    return run_child(ChildRun{.program = env_or("RUMOR", "rumor"),
                              .args = std::move(args),
                              .input = "",
                              .linger = 0ms,
                              .deadline = 90s});
  }
  // `time_limit_s` 0 for the modes that break the node before any op: the final read alone
  // shows it (and the run lasts the 10 s recovery plus one 5 s timeout, not a main phase more).
  static ChildResult bad_node_test(const std::string& mode, const char* time_limit_s = "1") {
    return rumor({"test", "-w", "broadcast", "--node-count", "1", "--time-limit", time_limit_s,
                  "--rate", "10", "--bin", env_or("BAD_NODE", "bad_node.sh"), mode});
  }
  static std::string history() { return read_file("store/latest/history.edn"); }
};

// Every count of `rumor replay`'s :net equals results.edn's :net.
void expect_same_net(const rapidjson::Value& replayed, const rapidjson::Value& results) {
  for (const char* group : {"all", "clients", "servers"}) {
    for (const char* count : {"send-count", "recv-count", "msg-count"}) {
      EXPECT_EQ(replayed[group][count].GetInt64(), results[group][count].GetInt64())
          << group << " " << count;
    }
  }
}

// Value 0 is the first broadcast of every run; --explain follows it, --diagram draws the run.
void expect_explain_and_diagram_work() {
  const ChildResult explain = run_child(
      ChildRun{.program = env_or("RUMOR", "rumor"),
               .args = {"replay", "store/latest", "--explain", "0", "--diagram", "diagram.html"},
               .input = "",
               .linger = 0ms,
               .deadline = 60s});
  EXPECT_EQ(explain.exit_code, 0) << explain.stderr_text;
  EXPECT_NE(explain.stdout_text.find("client requests carrying it:\n  c"), std::string::npos)
      << explain.stdout_text;
  EXPECT_NE(read_file("diagram.html").find("<html"), std::string::npos);
}

TEST_F(ProcessMode, RumorNodePassesAndItsRunReplaysByteForByte) {
  const ChildResult test =
      rumor({"test", "-w", "broadcast", "--node-count", "3", "--time-limit", "1", "--rate", "10",
             "--bin", env_or("RUMOR_NODE", "rumor-node"), "fast", "--json"});
  ASSERT_FALSE(test.timed_out);
  ASSERT_EQ(test.exit_code, 0) << test.stderr_text;
  rapidjson::Document results;
  results.Parse(test.stdout_text.c_str());
  ASSERT_TRUE(results.IsObject()) << test.stdout_text;
  EXPECT_TRUE(results["valid?"].GetBool());

  for (const char* node : {"n0", "n1", "n2"}) {
    const std::string log =
        read_file(fs::path("store/latest/node-logs") / (node + std::string(".log")));
    // The positional arguments after the path reached the program (Maelstrom's rule), and it
    // traced them; it captures output hashes by default.
    EXPECT_TRUE(log.starts_with("#rumor-trace v2 rumor-node ")) << log.substr(0, 200);
    EXPECT_NE(log.find(" args=[\"fast\"]\n"), std::string::npos) << log.substr(0, 200);
    EXPECT_NE(log.find("\n#out-hash "), std::string::npos);
    EXPECT_NE(log.find("\n#i "), std::string::npos);  // inputs in the compact form
  }

  const ChildResult replay = rumor({"replay", "store/latest", "--json"});
  ASSERT_EQ(replay.exit_code, 0) << replay.stdout_text << replay.stderr_text;
  rapidjson::Document report;
  report.Parse(replay.stdout_text.c_str());
  ASSERT_TRUE(report.IsObject()) << replay.stdout_text;
  EXPECT_EQ(report["divergences"].GetInt(), 0);
  // Read from the run's message journal, the traffic is what the harness's network counted.
  EXPECT_STREQ(report["net-source"].GetString(), "net-journal");
  expect_same_net(report["net"], results["net"]);
  expect_explain_and_diagram_work();
}

// The embedded run's store holds the same journal, read the same way.
TEST_F(ProcessMode, EmbeddedRunLeavesAJournalThatReplayReads) {
  const ChildResult test = rumor({"test", "-w", "broadcast", "--node-count", "4", "--time-limit",
                                  "5", "--rate", "20", "--nemesis", "partition", "--json"});
  ASSERT_EQ(test.exit_code, 0) << test.stderr_text;
  rapidjson::Document results;
  results.Parse(test.stdout_text.c_str());
  ASSERT_TRUE(results.IsObject()) << test.stdout_text;
  ASSERT_TRUE(fs::is_regular_file("store/latest/journal.jsonl"));
  const ChildResult replay = rumor({"replay", "store/latest", "--json"});
  ASSERT_EQ(replay.exit_code, 0) << replay.stderr_text;
  rapidjson::Document report;
  report.Parse(replay.stdout_text.c_str());
  ASSERT_TRUE(report.IsObject()) << replay.stdout_text;
  EXPECT_STREQ(report["net-source"].GetString(), "net-journal");
  expect_same_net(report["net"], results["net"]);
  expect_explain_and_diagram_work();
  // messages.html is drawn from the journal: its arrows carry whole bodies.
  EXPECT_NE(read_file("store/latest/messages.html").find("broadcast"), std::string::npos);
}

// `rumor test --no-store` leaves nothing behind, journal included.
TEST_F(ProcessMode, NoStoreWritesNoJournal) {
  const ChildResult test = rumor({"test", "-w", "broadcast", "--node-count", "2", "--time-limit",
                                  "1", "--rate", "10", "--no-store"});
  ASSERT_EQ(test.exit_code, 0) << test.stderr_text;
  EXPECT_FALSE(fs::exists("store"));
}

TEST_F(ProcessMode, ExtraReplyKeyIsAnIndeterminateOp) {
  const ChildResult test = bad_node_test("extra-key");
  ASSERT_FALSE(test.timed_out);
  EXPECT_NE(history().find(":type :info"), std::string::npos);
  EXPECT_NE(history().find("{:foo disallowed-key}"), std::string::npos) << history();
  EXPECT_NE(history().find("indeterminate: Malformed RPC response"), std::string::npos);
}

TEST_F(ProcessMode, FloatInReplyToIsAnIndeterminateOp) {
  const ChildResult test = bad_node_test("float-reply");
  ASSERT_FALSE(test.timed_out);
  EXPECT_NE(history().find("(not (integer? "), std::string::npos) << history();
  EXPECT_EQ(history().find(":type :ok, :process 0, :f :broadcast"), std::string::npos);
}

TEST_F(ProcessMode, UnknownDestinationMutesTheNode) {
  const ChildResult test = bad_node_test("unknown-dest", "0");
  ASSERT_FALSE(test.timed_out);
  EXPECT_NE(test.stderr_text.find("Invalid dest for message from n0 to n99"), std::string::npos)
      << test.stderr_text;
  // Mute: nothing it writes afterwards reaches a client, so every later op (here the final
  // read) times out.
  EXPECT_NE(history().find(":net-timeout"), std::string::npos);
  EXPECT_EQ(history().find(":type :ok, :process 0, :f :read"), std::string::npos);
}

TEST_F(ProcessMode, NonJsonLineMutesTheNode) {
  const ChildResult test = bad_node_test("not-json", "0");
  ASSERT_FALSE(test.timed_out);
  EXPECT_NE(test.stderr_text.find("printed a line to STDOUT which was not well-formed JSON: "
                                  "hello, this is not JSON"),
            std::string::npos)
      << test.stderr_text;
  EXPECT_NE(history().find(":net-timeout"), std::string::npos);
}

TEST_F(ProcessMode, NodeThatExitsEarlyIsReportedWithItsLastLines) {
  const ChildResult test = bad_node_test("exit-early", "0");
  ASSERT_FALSE(test.timed_out);
  EXPECT_EQ(test.exit_code, 255);
  EXPECT_NE(test.stderr_text.find(
                "Node n0 crashed with exit status 3. Before crashing, it wrote to STDOUT:"),
            std::string::npos)
      << test.stderr_text;
  EXPECT_NE(test.stderr_text.find("\"type\":\"topology_ok\""), std::string::npos);
  EXPECT_NE(test.stderr_text.find("bad_node: leaving early"), std::string::npos);
}

TEST_F(ProcessMode, ProgramThatCannotStartIsAnError) {
  const ChildResult test =
      rumor({"test", "-w", "broadcast", "--node-count", "1", "--bin", "/nonexistent/node"});
  EXPECT_EQ(test.exit_code, 255);
  EXPECT_NE(test.stderr_text.find("cannot start /nonexistent/node"), std::string::npos)
      << test.stderr_text;
}

}  // namespace
}  // namespace rumor::testing
