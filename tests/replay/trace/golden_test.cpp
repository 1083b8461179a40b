// The golden traces (traces/golden/<name>/: small process-mode runs of rumor-node) must replay
// byte for byte through `rumor replay`; a copy with one #out line changed must be reported as a
// divergence with exit status 1. When the core's behaviour changes on purpose, the traces stop
// reproducing by design: rerun traces/golden/regenerate.sh.
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

namespace rumor::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<fs::path> golden_runs() {
  std::vector<fs::path> runs;
  for (const auto& entry : fs::directory_iterator(RUMOR_GOLDEN_DIR)) {
    if (entry.is_directory() && fs::exists(entry.path() / "node-logs"))
      runs.push_back(entry.path());
  }
  std::sort(runs.begin(), runs.end());
  return runs;
}

ChildResult replay_json(const fs::path& run) {
  return run_child(ChildRun{.program = RUMOR_EXE,
                            .args = {"replay", run.string(), "--json"},
                            .input = "",
                            .linger = 0ms,
                            .deadline = 60s});
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  return document;
}

TEST(GoldenTraces, ThereAreSome) { EXPECT_GE(golden_runs().size(), 2u); }

TEST(GoldenTraces, EveryRunReproducesByteForByte) {
  for (const fs::path& run : golden_runs()) {
    const ChildResult replay = replay_json(run);
    EXPECT_EQ(replay.exit_code, 0) << run << "\n" << replay.stderr_text;
    const auto report = parse(replay.stdout_text);
    ASSERT_TRUE(report.IsObject()) << run << replay.stdout_text;
    EXPECT_EQ(report["divergences"].GetInt(), 0) << run;
    EXPECT_GT(report["net"]["servers"]["msg-count"].GetInt(), 0) << run;
    for (const auto& node : report["replay"]["nodes"].GetObject()) {
      EXPECT_GT(node.value["outputs"].GetInt(), 0) << run << " " << node.name.GetString();
    }
  }
}

TEST(GoldenTraces, AChangedOutputLineIsReportedWithExitStatusOne) {
  const fs::path run = golden_runs().front();
  const fs::path copy = fs::temp_directory_path() / ("rumor-golden-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::copy(run, copy, fs::copy_options::recursive);
  // Change the first gossip output of n1 (a value it relays) into a different value.
  const fs::path log_path = copy / "node-logs" / "n1.log";
  std::ifstream in(log_path);
  std::ostringstream out;
  std::string line;
  std::size_t changed_line = 0;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (changed_line == 0 && line.starts_with("#out ") &&
        line.find("\"in_reply_to\"") != std::string::npos) {
      line.replace(line.find("\"in_reply_to\":") + 14, 0, "9");
      changed_line = number;
    }
    out << line << "\n";
  }
  in.close();
  ASSERT_GT(changed_line, 0u);
  std::ofstream(log_path) << out.str();

  const ChildResult replay = replay_json(copy);
  EXPECT_EQ(replay.exit_code, 1) << replay.stderr_text;
  const auto report = parse(replay.stdout_text);
  ASSERT_TRUE(report.IsObject()) << replay.stdout_text;
  EXPECT_EQ(report["divergences"].GetInt(), 1);
  const auto& first = report["replay"]["first-divergence"];
  EXPECT_STREQ(first["node"].GetString(), "n1");
  EXPECT_STREQ(first["reason"].GetString(), "output 1 differs");
  EXPECT_NE(replay.stderr_text.find("first divergence: node n1"), std::string::npos);
  fs::remove_all(copy);
}

}  // namespace
}  // namespace rumor::testing
