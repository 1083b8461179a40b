// `rumor test` flags (spec §11).
#include "replay/sim/options.hpp"

#include <gtest/gtest.h>

#include "replay/sim/test_command.hpp"

namespace rumor::sim {
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

}  // namespace
}  // namespace rumor::sim
