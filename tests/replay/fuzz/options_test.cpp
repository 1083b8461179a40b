// The command line: flags parse into options, and anything bad is exit 254 with usage.
#include "replay/fuzz/options.hpp"

#include <gtest/gtest.h>

#include "replay/fuzz/fuzz_command.hpp"

namespace rumor::replay::fuzz {
namespace {

TEST(Options, ParsesACampaign) {
  const auto options = parse_fuzz_options({"--seeds", "500", "--seed-start", "7", "--jobs", "2",
                                           "--nodes", "3..9", "--profile", "frugal", "--keep-going",
                                           "--trace-dir", "out", "--shrink-budget", "10"});
  EXPECT_EQ(options.campaign.seeds, 500u);
  EXPECT_EQ(options.campaign.seed_start, 7u);
  EXPECT_EQ(options.campaign.jobs, 2);
  EXPECT_EQ(options.campaign.limits.nodes_min, 3);
  EXPECT_EQ(options.campaign.limits.nodes_max, 9);
  EXPECT_EQ(options.campaign.limits.profile, "frugal");
  EXPECT_TRUE(options.campaign.keep_going);
  EXPECT_EQ(options.schedule_dir, "out");
  EXPECT_EQ(options.shrink_budget, 10);
}

TEST(Options, DefaultsAndSingleSize) {
  const auto options = parse_fuzz_options({"--seeds", "1", "--nodes", "5", "--profile", "all"});
  EXPECT_EQ(options.campaign.limits.nodes_min, 5);
  EXPECT_EQ(options.campaign.limits.nodes_max, 5);
  EXPECT_TRUE(options.campaign.limits.profile.empty());
  EXPECT_EQ(options.campaign.jobs, 1);
  EXPECT_EQ(options.schedule_dir, ".");
}

TEST(Options, ParsesAShardAndItsResult) {
  const auto options = parse_fuzz_options(
      {"--seeds", "100", "--shard", "3/8", "--json", "--result", "shard-3.json"});
  EXPECT_EQ(options.campaign.shard_index, 3);
  EXPECT_EQ(options.campaign.shard_count, 8);
  EXPECT_TRUE(options.json);
  EXPECT_EQ(options.result_path, "shard-3.json");
  const auto whole = parse_fuzz_options({"--seeds", "100"});
  EXPECT_EQ(whole.campaign.shard_index, 1);
  EXPECT_EQ(whole.campaign.shard_count, 1);
  EXPECT_FALSE(whole.json);
  EXPECT_FALSE(whole.result_path);
}

TEST(Options, Replay) {
  const auto options = parse_fuzz_options({"--replay", "x.trace", "--log"});
  EXPECT_EQ(options.replay_path, "x.trace");
  EXPECT_TRUE(options.log);
}

TEST(Options, BadArgumentsExit254) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{},
                                             {"--seeds"},
                                             {"--seeds", "x"},
                                             {"--seeds", "0"},
                                             {"--seeds", "-1"},
                                             {"--seeds", "10", "--nodes", "0..5"},
                                             {"--seeds", "10", "--nodes", "9..3"},
                                             {"--seeds", "10", "--nodes", "1..65"},
                                             {"--seeds", "10", "--profile", "nope"},
                                             {"--seeds", "10", "--jobs", "0"},
                                             {"--seeds", "10", "--frobnicate"},
                                             {"--seeds", "10", "--log"},
                                             {"--replay", "a", "--seeds", "3"},
                                             {"--seeds", "10", "--shard", "0/3"},
                                             {"--seeds", "10", "--shard", "4/3"},
                                             {"--seeds", "10", "--shard", "3"},
                                             {"--seeds", "10", "--shard", "1/"},
                                             {"--seeds", "10", "--shard", "-1/2"},
                                             {"--seeds", "10", "--shard", "1/65537"},
                                             {"--seeds", "10", "--shard", "1/2/3"},
                                             {"--replay", "a", "--shard", "1/2"},
                                             {"--replay", "a", "--json"},
                                             {"--replay", "a", "--result", "r.json"}}) {
    EXPECT_THROW(parse_fuzz_options(args), std::invalid_argument);
    EXPECT_EQ(fuzz_command(args), 254);
  }
}

// Issue 9, D11: huge numbers are a one-line error naming the flag, not an abort.
TEST(Options, HugeNumbersAreRejectedNamingTheFlag) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--seeds", "18446744073709551615"},
           {"--seeds", "99999999999999999999"},
           {"--seeds", "10", "--jobs", "4294967297"},
           {"--seeds", "10", "--shrink-budget", "-1"},
           {"--seeds", "10", "--nodes", "4294967297"},
           {"--seeds", "2", "--seed-start", "18446744073709551615"}}) {
    try {
      parse_fuzz_options(args);
      ADD_FAILURE() << "accepted " << args[args.size() - 2] << " " << args.back();
    } catch (const std::invalid_argument& error) {
      const std::string what = error.what();
      EXPECT_NE(what.find(args[args.size() - 2]), std::string::npos) << what;
    }
  }
  EXPECT_EQ(parse_fuzz_options({"--seeds", "1", "--seed-start", "18446744073709551615"})
                .campaign.seed_start,
            18446744073709551615u);
}

TEST(Options, HelpPrintsToStdoutAndExitsZero) {
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(fuzz_command({"--help"}), 0);
  EXPECT_NE(::testing::internal::GetCapturedStdout().find("usage: rumor fuzz"), std::string::npos);
}

TEST(Options, ReplayOfAMissingFileIsABadArgument) {
  EXPECT_EQ(fuzz_command({"--replay", "/nonexistent/rumor.trace"}), 254);
}

}  // namespace
}  // namespace rumor::replay::fuzz
