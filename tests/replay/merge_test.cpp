// `rumor merge` through its command line: shards written by `rumor fuzz --shard K/N --result`
// merge into the unsharded campaign's result, and every result that cannot be merged (garbage,
// unknown kinds, shards of other campaigns) is one line on stderr and exit 254, never a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/bounded_json.hpp"
#include "replay/fuzz/fuzz_command.hpp"
#include "replay/merge_command.hpp"

namespace rumor::replay {
namespace {

class MergeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rumor-merge-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
    return path(name);
  }

  // `rumor fuzz` over 18 seeds of 2..4 nodes, shard K of N, its result in shard-K-of-N.json.
  std::string fuzz_shard(int index, int count) const {
    const std::string result =
        path("shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".json");
    EXPECT_EQ(fuzz::fuzz_command({"--seeds", "18", "--seed-start", "40", "--nodes", "2..4",
                                  "--shard", std::to_string(index) + "/" + std::to_string(count),
                                  "--result", result, "--schedule-dir", path("schedules")}),
              0);
    return result;
  }

  std::filesystem::path dir_;
};

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  const auto why = core::json::parse_bounded(document, text);
  EXPECT_FALSE(why) << *why << " in " << text;
  return document;
}

// Runs `rumor merge args`; returns the exit code, stdout and stderr.
struct Ran {
  int exit;
  std::string out;
  std::string err;
};

Ran merge(const std::vector<std::string>& args) {
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int exit = merge_command(args);
  std::string out = ::testing::internal::GetCapturedStdout();
  return {exit, out, ::testing::internal::GetCapturedStderr()};
}

TEST_F(MergeCommand, ShardsMergeIntoTheUnshardedResult) {
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(fuzz::fuzz_command({"--seeds", "18", "--seed-start", "40", "--nodes", "2..4", "--json",
                                "--schedule-dir", path("schedules")}),
            0);
  // With --json, stdout is the result and nothing else (parse_bounded refuses trailing text).
  const rapidjson::Document whole = parse(::testing::internal::GetCapturedStdout());
  ASSERT_TRUE(whole.IsObject());
  EXPECT_EQ(std::string(whole["kind"].GetString()), "rumor-fuzz");
  EXPECT_EQ(whole["runs"].GetUint64(), 18u);

  const Ran ran = merge({fuzz_shard(2, 3), fuzz_shard(3, 3), fuzz_shard(1, 3), "--json"});
  EXPECT_EQ(ran.exit, 0) << ran.err;
  const rapidjson::Document merged = parse(ran.out);
  ASSERT_TRUE(merged.IsObject());
  EXPECT_EQ(std::string(merged["kind"].GetString()), "rumor-merge");
  EXPECT_EQ(merged["shards"].GetInt(), 3);
  const rapidjson::Value& result = merged["result"];
  for (const char* field : {"runs", "events"}) {
    EXPECT_EQ(result[field].GetUint64(), whole[field].GetUint64()) << field;
  }
  EXPECT_EQ(std::string(result["digest"].GetString()), whole["digest"].GetString());
  EXPECT_EQ(result["options"], whole["options"]);
  EXPECT_TRUE(result["failures"].Empty());
  EXPECT_EQ(merged["exit"].GetInt(), 0);

  const Ran text = merge({path("shard-1-of-3.json"), path("shard-2-of-3.json"),
                          path("shard-3-of-3.json"), "--schedule-dir", path("merged-schedules")});
  EXPECT_EQ(text.exit, 0) << text.err;
  EXPECT_NE(text.out.find("3 shards of rumor fuzz (seeds 40..57, nodes 2..4, profile all)"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("18 runs"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("all runs passed"), std::string::npos) << text.out;
  EXPECT_FALSE(std::filesystem::exists(path("merged-schedules"))) << "no failure, no schedule";
}

TEST_F(MergeCommand, MissingAndForeignShardsAreNamed) {
  const std::string one = fuzz_shard(1, 3);
  const std::string three = fuzz_shard(3, 3);
  Ran ran = merge({one, three});
  EXPECT_EQ(ran.exit, 254);
  EXPECT_EQ(ran.err, "rumor merge: 1 of 3 shards missing: 2 (have 2)\n");

  const std::string other = fuzz_shard(2, 4);
  ran = merge({one, other, three});
  EXPECT_EQ(ran.exit, 254);
  EXPECT_EQ(ran.err, "rumor merge: " + other + " is shard 2/4, but " + one + " is of 3 shards\n");
  EXPECT_TRUE(ran.out.empty());
}

TEST_F(MergeCommand, GarbageIsOneLineAndExit254) {
  const std::string good = fuzz_shard(1, 1);
  std::ifstream in(good);
  const std::string good_text{std::istreambuf_iterator<char>(in), {}};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not JSON"},
      {"hello", "not JSON"},
      {std::string(100000, '['), "nesting deeper than 64"},
      {"{\"kind\":\"rumor-fuzz\"}\x01", "not JSON"},
      {"[]", "no \"kind\""},
      {"{\"kind\":7}", "no \"kind\""},
      {"{\"kind\":\"rumor-nonsense\"}", "unknown kind 'rumor-nonsense' (rumor merge knows "},
      {"{\"kind\":\"rumor-fuzz\"}", "no \"version\""},
      {good_text.substr(0, good_text.size() / 2), "not JSON"},
  };
  int number = 0;
  for (const auto& [text, why] : cases) {
    const std::string file = write("bad-" + std::to_string(number++) + ".json", text);
    const Ran ran = merge({file});
    EXPECT_EQ(ran.exit, 254) << text.substr(0, 80);
    EXPECT_EQ(ran.err.rfind("rumor merge: " + file + ": ", 0), 0u) << ran.err;
    EXPECT_NE(ran.err.find(why), std::string::npos) << ran.err;
    EXPECT_EQ(ran.err.find('\n'), ran.err.size() - 1) << "one line: " << ran.err;
  }
  const std::string model = write("model.json", "{\"kind\":\"rumor-model\"}");
  const Ran mixed = merge({good, model});
  EXPECT_EQ(mixed.exit, 254);
  EXPECT_NE(mixed.err.find("is a rumor-model result"), std::string::npos) << mixed.err;
  EXPECT_EQ(merge({path("absent.json")}).exit, 254);
  EXPECT_EQ(merge({}).exit, 254);
  EXPECT_EQ(merge({"--help"}).exit, 0);
}

}  // namespace
}  // namespace rumor::replay
