// Built into each planted bug's test (see meson.build), so the campaign has failures: its shards,
// merged, report exactly the runs, failures and first failure of one unsharded run with
// --keep-going, and the same first failing seed and exit code without it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/bounded_json.hpp"
#include "replay/fuzz/fuzz_command.hpp"
#include "replay/fuzz/shard_merge.hpp"

namespace rumor::replay::fuzz {
namespace {

constexpr int shards = 3;

class PlantedShards : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rumor-planted-shards-" + std::string(RUMOR_PLANTED_BUG_NAME) + "-" +
            std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `rumor fuzz` over 40 small runs, unshrunk (the shrinker is not what is tested here).
  ShardResult fuzz(const std::string& shard, bool keep_going, int& exit) const {
    const std::string result = (dir_ / ("result-" + std::to_string(keep_going) + "-" +
                                        shard.substr(0, shard.find('/')) + ".json"))
                                   .string();
    std::vector<std::string> args = {"--seeds",         "40",  "--nodes",        "2..5",
                                     "--shard",         shard, "--result",       result,
                                     "--shrink-budget", "0",   "--schedule-dir", dir_.string()};
    if (keep_going) args.push_back("--keep-going");
    exit = fuzz_command(args);
    std::ifstream in(result);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    rapidjson::Document document;
    EXPECT_FALSE(core::json::parse_bounded(document, text)) << result;
    return parse_shard_result(document);
  }

  MergedCampaign fuzz_in_shards(bool keep_going, int& exit) const {
    std::vector<NamedShard> results;
    exit = 0;
    for (int index = 1; index <= shards; ++index) {
      int shard_exit = 0;
      const std::string shard = std::to_string(index) + "/" + std::to_string(shards);
      results.push_back({shard, fuzz(shard, keep_going, shard_exit)});
      EXPECT_EQ(shard_exit, exit_code(worst_outcome(results.back().result.failures)));
    }
    return merge_shards(results);
  }

  std::filesystem::path dir_;
};

void expect_same_failure(const FailedRun& a, const FailedRun& b) {
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.outcome, b.outcome) << a.seed;
  EXPECT_EQ(a.reason, b.reason) << a.seed;
  EXPECT_EQ(a.at_ms, b.at_ms) << a.seed;
  EXPECT_EQ(a.events, b.events) << a.seed;
  EXPECT_EQ(a.fingerprint, b.fingerprint) << a.seed;
}

TEST_F(PlantedShards, KeepGoingShardsGiveTheUnshardedRunsAndFailures) {
  int whole_exit = 0;
  const ShardResult whole = fuzz("1/1", true, whole_exit);
  ASSERT_FALSE(whole.failures.empty()) << RUMOR_PLANTED_BUG_NAME << " found in none of 40 runs";
  int merged_exit = 0;
  const MergedCampaign merged = fuzz_in_shards(true, merged_exit);
  EXPECT_EQ(merged.whole.runs, 40u);
  EXPECT_EQ(merged.whole.runs, whole.runs);
  EXPECT_EQ(merged.whole.events, whole.events);
  EXPECT_EQ(merged.whole.digest, whole.digest);
  ASSERT_EQ(merged.whole.failures.size(), whole.failures.size());
  for (std::size_t i = 0; i < whole.failures.size(); ++i) {
    expect_same_failure(merged.whole.failures[i], whole.failures[i]);
  }
  ASSERT_TRUE(merged.whole.first_failure && whole.first_failure);
  EXPECT_EQ(merged.whole.first_failure->seed, whole.first_failure->seed);
  EXPECT_FALSE(merged.whole.first_failure->text.empty());
  EXPECT_EQ(merged.whole.first_failure->text, whole.first_failure->text);
  EXPECT_EQ(exit_code(merged), whole_exit);
  EXPECT_EQ(whole_exit, exit_code(worst_outcome(whole.failures)));
}

TEST_F(PlantedShards, ShardsStoppingAtTheirFirstFailureAgreeOnTheCampaignsFirst) {
  int whole_exit = 0;
  const ShardResult whole = fuzz("1/1", false, whole_exit);
  ASSERT_EQ(whole.failures.size(), 1u) << "stops at the first failure";
  int merged_exit = 0;
  const MergedCampaign merged = fuzz_in_shards(false, merged_exit);
  ASSERT_FALSE(merged.whole.failures.empty());
  expect_same_failure(merged.whole.failures.front(), whole.failures.front());
  EXPECT_EQ(merged.whole.first_failure->seed, whole.failures.front().seed);
  EXPECT_EQ(merged.whole.first_failure->text, whole.first_failure->text);
  EXPECT_LE(merged.whole.failures.size(), static_cast<std::size_t>(shards));
  EXPECT_GE(merged.whole.runs, whole.runs);
  EXPECT_EQ(exit_code(whole.failures.front().outcome), whole_exit);
}

}  // namespace
}  // namespace rumor::replay::fuzz
