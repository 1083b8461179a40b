// Sharding a campaign (`rumor fuzz --shard K/N`) and merging the shards' results: the shards
// split the seeds exactly, their merged result is the unsharded one, and results that do not
// belong together are refused with a message naming the culprit. The same with failures, on a
// core with a planted bug: planted_shard_test.cpp.
#include <gtest/gtest.h>

#include <set>

#include "core/bounded_json.hpp"
#include "replay/fuzz/shard_merge.hpp"
#include "replay/fuzz/shard_result.hpp"

namespace rumor::replay::fuzz {
namespace {

CampaignOptions small_campaign(int index, int count) {
  CampaignOptions options;
  options.seeds = 24;
  options.seed_start = 300;
  options.limits = SwarmLimits{1, 6, ""};
  options.shard_index = index;
  options.shard_count = count;
  return options;
}

TEST(Shard, ShardsSplitTheSeedsExactly) {
  for (std::uint64_t seeds : {0u, 1u, 2u, 7u, 24u, 25u}) {
    for (int count = 1; count <= 9; ++count) {
      std::multiset<std::uint64_t> covered;
      for (int index = 1; index <= count; ++index) {
        CampaignOptions options;
        options.seeds = seeds;
        options.seed_start = 1000;
        options.shard_index = index;
        options.shard_count = count;
        for (std::uint64_t i = 0; i < shard_seed_count(options); ++i) {
          const std::uint64_t seed = shard_seed(options, i);
          covered.insert(seed);
          CampaignKey key;
          key.seed_start = 1000;
          key.seeds = seeds;
          EXPECT_TRUE(seed_in_shard(key, index, count, seed));
          EXPECT_FALSE(seed_in_shard(key, index % count + 1, count, seed) && count > 1);
        }
      }
      std::multiset<std::uint64_t> all;
      for (std::uint64_t offset = 0; offset < seeds; ++offset) all.insert(1000 + offset);
      EXPECT_EQ(covered, all) << seeds << " seeds in " << count << " shards";
    }
  }
}

// Parses a result's text as `rumor merge` does.
ShardResult reread(const std::string& json) {
  rapidjson::Document document;
  EXPECT_FALSE(core::json::parse_bounded(document, json));
  return parse_shard_result(document);
}

std::vector<NamedShard> run_shards(int count) {
  // Each campaign waits at least one progress poll (50 ms): the tests stay short with few.
  std::vector<NamedShard> shards;
  for (int index = 1; index <= count; ++index) {
    const CampaignOptions options = small_campaign(index, count);
    const ShardResult result = shard_result(options, run_campaign(options, nullptr), std::nullopt);
    shards.push_back({"shard-" + std::to_string(index), reread(to_json(result))});
  }
  return shards;
}

TEST(Shard, MergedShardsGiveTheUnshardedResult) {
  const CampaignResult whole = run_campaign(small_campaign(1, 1), nullptr);
  ASSERT_EQ(whole.runs, 24u);
  for (int count : {2, 3, 7, 30}) {
    const MergedCampaign merged = merge_shards(run_shards(count));
    EXPECT_EQ(merged.whole.runs, whole.runs) << count;
    EXPECT_EQ(merged.whole.events, whole.events) << count;
    EXPECT_EQ(merged.whole.digest, whole.digest) << count;
    EXPECT_TRUE(merged.whole.failures.empty());
    EXPECT_EQ(exit_code(merged), exit_pass);
  }
}

TEST(Shard, ResultSurvivesJson) {
  ShardResult result;
  result.campaign = CampaignKey{7, 30, "2..5", "frugal", true};
  result.shard_index = 2;
  result.shard_count = 4;
  result.planned = 7;
  result.runs = 7;
  result.events = 12345;
  result.digest = 0xfedcba9876543210ULL;
  result.failures = {FailedRun{8, Outcome::liveness, "n1 lacks \"3\"", 900, 40, 0xabcULL},
                     FailedRun{24, Outcome::safety, "", -1, 2, 0}};
  result.first_failure = ShrunkSchedule{8, "dir/rumor-fuzz-8.schedule", "# comment\nline\n"};
  result.wall_s = 1.5;
  result.cpu_s = 2.25;
  result.jobs = 3;
  const ShardResult back = reread(to_json(result));
  EXPECT_EQ(to_json(back), to_json(result));
  EXPECT_EQ(back.failures[0].reason, "n1 lacks \"3\"");
  EXPECT_EQ(back.first_failure->text, "# comment\nline\n");
  EXPECT_EQ(back.digest, result.digest);
}

std::string merge_error(const std::vector<NamedShard>& shards) {
  try {
    merge_shards(shards);
  } catch (const MergeError& error) {
    return error.what();
  }
  return "merged";
}

TEST(Shard, RefusesShardsThatDoNotBelongTogether) {
  const std::vector<NamedShard> shards = run_shards(3);

  auto other_profile = shards;
  other_profile[1].result.campaign.profile = "frugal";
  EXPECT_EQ(merge_error(other_profile),
            "shard-2 is of another campaign than shard-1: profile 'frugal' vs 'all'");

  auto other_seeds = shards;
  other_seeds[2].result.campaign.seeds = 25;
  EXPECT_NE(merge_error(other_seeds).find("seeds 25 vs 24"), std::string::npos);

  auto other_count = shards;
  other_count[2].result.shard_count = 4;
  EXPECT_EQ(merge_error(other_count), "shard-3 is shard 3/4, but shard-1 is of 3 shards");

  auto twice = shards;
  twice.push_back(twice[1]);
  twice.back().name = "copy";
  EXPECT_EQ(merge_error(twice), "copy and shard-2 are both shard 2/3");

  EXPECT_EQ(merge_error({shards[1]}), "2 of 3 shards missing: 1, 3 (have 1)");
  EXPECT_EQ(merge_error({}), "no results to merge");
}

TEST(Shard, RefusesAShardWhoseFiguresDoNotFitItsSeeds) {
  auto interrupted = run_shards(2);
  interrupted[0].result.runs -= 1;
  EXPECT_NE(merge_error(interrupted).find("shard-1: ran 11 of its 12 seeds"), std::string::npos);

  auto foreign_failure = run_shards(2);
  foreign_failure[0].result.failures.push_back(FailedRun{301, Outcome::safety, "", 0, 0, 0});
  foreign_failure[0].result.first_failure = ShrunkSchedule{301, "t", "x"};
  EXPECT_NE(merge_error(foreign_failure).find("failing seed 301"), std::string::npos);

  auto wrong_plan = run_shards(2);
  wrong_plan[1].result.planned = 13;
  EXPECT_NE(merge_error(wrong_plan).find("plans 13 seeds"), std::string::npos);
}

TEST(Shard, RefusesIllFormedResults) {
  const std::string good = to_json(run_shards(1)[0].result);
  const auto refuses = [](const std::string& text, const std::string& why) {
    rapidjson::Document document;
    ASSERT_FALSE(core::json::parse_bounded(document, text)) << text;
    try {
      parse_shard_result(document);
      ADD_FAILURE() << "accepted " << text;
    } catch (const ResultError& error) {
      EXPECT_NE(std::string(error.what()).find(why), std::string::npos) << error.what();
    }
  };
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  refuses("{}", "no \"version\"");
  refuses("[1]", "expected an object");
  refuses(replaced("\"version\":1", "\"version\":2"), "version 2");
  refuses(replaced("\"runs\":24", "\"runs\":-24"), "\"runs\" is not a count");
  refuses(replaced("\"index\":1", "\"index\":2"), "\"index\" is not an integer in [1, 1]");
  refuses(replaced("\"digest\":\"", "\"digest\":\"xyz"), "\"digest\" is not a hexadecimal");
  refuses(replaced("\"failures\":[]", "\"failures\":{}"), "\"failures\" is not an array");
  refuses(replaced("\"failures\":[]", "\"failures\":[{\"seed\":1,\"outcome\":\"pass\"}]"),
          "not safety or liveness");
  refuses(replaced("\"profile\":\"all\"", "\"profile\":3"), "\"profile\" is not a string");
}

}  // namespace
}  // namespace rumor::replay::fuzz
