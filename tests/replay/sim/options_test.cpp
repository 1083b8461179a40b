// `rumor test` flags (Maelstrom's CLI, core.clj).
#include "replay/sim/options.hpp"

#include <gtest/gtest.h>

#include "replay/sim/test_command.hpp"

namespace rumor::replay::sim {
namespace {

TEST(Options, MaelstromDefaults) {
  const auto parsed = parse_test_options({"-w", "broadcast"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  const TestOptions& o = *parsed.options;
  EXPECT_EQ(o.time_limit_s, 60);
  EXPECT_EQ(o.rate, 5);
  EXPECT_EQ(o.latency.mean_ms, 0);
  EXPECT_EQ(o.latency.dist, LatencyDist::constant);
  EXPECT_EQ(o.topology, "grid");
  EXPECT_FALSE(o.nemesis_partition);
  EXPECT_EQ(o.nemesis_interval_s, 10);
  EXPECT_EQ(o.nodes, (std::vector<std::string>{"n1", "n2", "n3", "n4", "n5"}));
  EXPECT_EQ(o.workers, 5u);
  EXPECT_EQ(o.seed, default_seed);
  EXPECT_EQ(o.tick_ms, 10);
  EXPECT_TRUE(o.store);
}

TEST(Options, GossipGlomersCommand) {
  const auto parsed = parse_test_options({"-w",
                                          "broadcast",
                                          "--node-count",
                                          "25",
                                          "--time-limit",
                                          "20",
                                          "--rate",
                                          "100",
                                          "--latency",
                                          "100",
                                          "--nemesis",
                                          "partition",
                                          "--concurrency=2n",
                                          "--seed",
                                          "9",
                                          "--latency-dist",
                                          "exponential",
                                          "--topology",
                                          "tree4",
                                          "--json",
                                          "--no-store"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  const TestOptions& o = *parsed.options;
  EXPECT_EQ(o.nodes.size(), 25u);
  EXPECT_EQ(o.nodes.front(), "n0");
  EXPECT_EQ(o.nodes.back(), "n24");
  EXPECT_EQ(o.workers, 50u);
  EXPECT_EQ(o.rate, 100);
  EXPECT_TRUE(o.nemesis_partition);
  EXPECT_EQ(o.seed, 9u);
  EXPECT_EQ(o.latency.dist, LatencyDist::exponential);
  EXPECT_TRUE(o.json);
  EXPECT_FALSE(o.store);
}

TEST(Options, BadInputIsRejected) {
  EXPECT_FALSE(parse_test_options({}).options);  // -w is required
  EXPECT_FALSE(parse_test_options({"-w", "lin-kv"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--rate"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--rate", "fast"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--topology", "ring"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--nemesis", "kill"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--latency-dist", "pareto"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--profile", "nope"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--frobnicate"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--node-count", "0"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--nemesis-interval", "0"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--rate", "1e9"}).options);
  EXPECT_FALSE(parse_test_options({"-w", "broadcast", "--bin"}).options);
}

// Like Maelstrom: the path is made absolute, and the positional arguments after it (up to the
// next flag) go to the program.
TEST(Options, BinTakesThePathAndTheArgumentsBeforeTheNextFlag) {
  const auto parsed = parse_test_options(
      {"-w", "broadcast", "--bin", "/usr/bin/node", "fast", "500", "--node-count", "3"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->bin, "/usr/bin/node");
  EXPECT_EQ(parsed.options->bin_args, (std::vector<std::string>{"fast", "500"}));
  EXPECT_EQ(parsed.options->nodes.size(), 3u);
  const auto relative = parse_test_options({"-w", "broadcast", "--bin", "node"});
  ASSERT_TRUE(relative.options);
  EXPECT_TRUE(relative.options->bin->starts_with("/"));
  EXPECT_TRUE(relative.options->bin_args.empty());
}

TEST(Options, BadFlagExitsWith254) {
  EXPECT_EQ(test_command({"-w", "broadcast", "--bogus"}), 254);
  EXPECT_EQ(test_command({"-w", "broadcast", "--bin"}), 254);
}

// The error for one bad command line, checked to name the flag.
std::string rejection(std::vector<std::string> args) {
  args.insert(args.begin(), {"-w", "broadcast"});
  const auto parsed = parse_test_options(args);
  EXPECT_FALSE(parsed.options) << "accepted: " << args[2];
  return parsed.error;
}

// Issue 9, D11 and D12: huge or non-finite numbers are refused with one line naming the flag,
// instead of aborting, wrapping, hanging or running out of memory.
TEST(Options, NumericFlagsAreRangeChecked) {
  const std::vector<std::vector<std::string>> cases = {{"--node-count", "1000000000000"},
                                                       {"--node-count", "99999999999999999999"},
                                                       {"--node-count", "1001"},
                                                       {"--tick-ms", "9223372036854775807"},
                                                       {"--time-limit", "9223372036854775807"},
                                                       {"--time-limit", "-1"},
                                                       {"--latency", "9223372036854775807"},
                                                       {"--rate", "nan"},
                                                       {"--rate", "inf"},
                                                       {"--rate", "-1"},
                                                       {"--nemesis-interval", "1e-9"},
                                                       {"--nemesis-interval", "nan"},
                                                       {"--seed", "18446744073709551616"},
                                                       {"--seed", "-1"},
                                                       {"--availability", "2"},
                                                       {"--tick-ms", "0"}};
  for (const auto& flag_and_value : cases) {
    const std::string error = rejection(flag_and_value);
    EXPECT_NE(error.find(flag_and_value[0]), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
  EXPECT_NE(rejection({"--rate", "1e-300"}).find("--rate"), std::string::npos);
  EXPECT_NE(rejection({"--rate", "1000000", "--time-limit", "86400"}).find("client ops"),
            std::string::npos);
}

TEST(Options, ConcurrencyDoesNotWrap) {
  EXPECT_NE(rejection({"--node-count", "25", "--concurrency", "18446744073709551615n"})
                .find("--concurrency"),
            std::string::npos);
  EXPECT_NE(rejection({"--concurrency", "738590338889309189n"}).find("--concurrency"),
            std::string::npos);  // × 5 nodes wraps to 1 in 64 bits
  EXPECT_NE(rejection({"--concurrency", "0"}).find("--concurrency"), std::string::npos);
  const auto parsed = parse_test_options({"-w", "broadcast", "--node-count", "3", "-n", "x"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->workers, 3u);
}

TEST(Options, RepeatedNodeFlagsAccumulate) {
  const auto parsed =
      parse_test_options({"-w", "broadcast", "-n", "a", "--node", "b", "--nodes", "d,e"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->nodes, (std::vector<std::string>{"d", "e", "a", "b"}));
}

TEST(Options, HelpPrintsToStdoutAndExitsZero) {
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(test_command({"--help"}), 0);
  EXPECT_NE(::testing::internal::GetCapturedStdout().find("usage: rumor test"), std::string::npos);
}

}  // namespace
}  // namespace rumor::replay::sim
