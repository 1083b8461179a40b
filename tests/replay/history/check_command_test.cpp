#include "replay/history/check_command.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace rumor::replay::history {
namespace {

constexpr const char* kValidHistory =
    "{:index 0, :time 10, :type :invoke, :process 0, :f :broadcast, :value 1}\n"
    "{:index 1, :time 20, :type :ok, :process 0, :f :broadcast, :value 1}\n"
    "{:index 2, :time 30, :type :invoke, :process 1, :f :read, :value nil}\n"
    "{:index 3, :time 40, :type :ok, :process 1, :f :read, :value [1]}\n";

constexpr const char* kLostHistory =
    "{:index 0, :time 10, :type :invoke, :process 0, :f :broadcast, :value 1}\n"
    "{:index 1, :time 20, :type :ok, :process 0, :f :broadcast, :value 1}\n"
    "{:index 2, :time 30, :type :invoke, :process 1, :f :read, :value nil}\n"
    "{:index 3, :time 40, :type :ok, :process 1, :f :read, :value []}\n";

constexpr const char* kUnknownHistory =
    "{:index 0, :time 30, :type :invoke, :process 1, :f :read, :value nil}\n"
    "{:index 1, :time 40, :type :ok, :process 1, :f :read, :value []}\n";

class CheckCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_dir_ = std::filesystem::temp_directory_path() /
               ("rumor_check_command_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(run_dir_);
  }
  void TearDown() override { std::filesystem::remove_all(run_dir_); }

  void write_history(const std::string& text) {
    std::ofstream out(run_dir_ / "history.edn");
    out << text;
  }

  // Runs the command, keeping what it printed.
  int run(std::vector<std::string> args) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int status = check_command(args);
    stdout_ = ::testing::internal::GetCapturedStdout();
    stderr_ = ::testing::internal::GetCapturedStderr();
    return status;
  }

  std::string dir() const { return run_dir_.string(); }

  std::filesystem::path run_dir_;
  std::string stdout_;
  std::string stderr_;
};

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST_F(CheckCommandTest, ValidRunPrintsResultsAndHappyVerdict) {
  write_history(kValidHistory);
  EXPECT_EQ(run({dir()}), 0);
  EXPECT_EQ(stdout_.rfind("{:perf {:latency-graph {:valid? true},", 0), 0u) << stdout_;
  EXPECT_NE(stdout_.find(":net {:op-count 2, :valid? true}"), std::string::npos) << stdout_;
  EXPECT_TRUE(ends_with(stdout_, "\n\nEverything looks good! ヽ(‘ー`)ノ\n")) << stdout_;
}

TEST_F(CheckCommandTest, InvalidAndUnknownRunsGiveTheirExitCodes) {
  write_history(kLostHistory);
  EXPECT_EQ(run({dir()}), 1);
  EXPECT_TRUE(ends_with(stdout_, "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻\n")) << stdout_;
  write_history(kUnknownHistory);
  EXPECT_EQ(run({dir()}), 2);
  EXPECT_TRUE(ends_with(stdout_, "Errors occurred during analysis, but no anomalies found. ಠ~ಠ\n"))
      << stdout_;
}

TEST_F(CheckCommandTest, JsonModePrintsOnlyOneJsonObject) {
  write_history(kLostHistory);
  EXPECT_EQ(run({"--json", dir()}), 1);
  rapidjson::Document document;
  document.Parse(stdout_.c_str());
  ASSERT_FALSE(document.HasParseError()) << stdout_;
  ASSERT_TRUE(document.IsObject());
  EXPECT_FALSE(document["valid?"].GetBool());
  EXPECT_EQ(document["workload"]["lost-count"].GetInt(), 1);
  EXPECT_EQ(document["workload"]["lost-latencies"]["0.5"].GetInt(), 0);
  EXPECT_EQ(document["net"]["op-count"].GetInt(), 2);
}

TEST_F(CheckCommandTest, BadArgumentsAreOneLineAndHelpGoesToStdout) {
  EXPECT_EQ(run({}), 254);
  EXPECT_NE(stderr_.find("RUN_DIR is required"), std::string::npos) << stderr_;
  EXPECT_EQ(stderr_.find('\n'), stderr_.size() - 1) << stderr_;
  EXPECT_EQ(run({"--help"}), 0);
  EXPECT_NE(stdout_.find("usage: rumor check RUN_DIR [--json]"), std::string::npos);
  EXPECT_TRUE(stderr_.empty());
  EXPECT_EQ(run({dir(), "--edn"}), 254);
  EXPECT_NE(stderr_.find("--edn"), std::string::npos);
  EXPECT_EQ(run({dir(), dir()}), 254);
  EXPECT_TRUE(stdout_.empty());
}

TEST_F(CheckCommandTest, UnreadableOrCorruptHistoryIsACrash) {
  EXPECT_EQ(run({dir()}), 255);  // no history.edn
  EXPECT_NE(stderr_.find(dir() + "/history.edn"), std::string::npos) << stderr_;
  write_history(std::string(kValidHistory) + "{:index 4, :time\n");
  EXPECT_EQ(run({dir()}), 255);
  EXPECT_NE(stderr_.find(dir() + "/history.edn:5:"), std::string::npos) << stderr_;
  EXPECT_TRUE(stdout_.empty());
}

}  // namespace
}  // namespace rumor::replay::history
