// The search itself: the CI configuration exhausted with a pass, shards that together cover one
// run, jobs that change nothing, the liveness check on hand-made graphs, options, path files.
#include "replay/model/explore.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "replay/model/liveness.hpp"
#include "replay/model/merge.hpp"
#include "replay/model/options.hpp"
#include "replay/model/path_file.hpp"
#include "replay/model/report.hpp"
#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

// The CI configuration (README, `rumor model`): 2 nodes, 2 values, 1 drop, 1 duplicate,
// 1 partition, default profile.
ModelConfig ci_config() {
  ModelConfig config;
  config.nodes = 2;
  config.values = 2;
  config.drops = 1;
  config.dups = 1;
  config.partitions = 1;
  return config;
}

ModelConfig small_config() {
  ModelConfig config;
  config.nodes = 2;
  config.values = 2;
  config.in_flight_max = 2;
  return config;
}

// Under the sanitizers (CI's second build) the 1.8 million states would take many minutes: there
// the same configuration runs with one message per link (81,207 states).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

TEST(ModelExplore, CiConfigurationIsExhaustedWithoutViolation) {
  ModelConfig config = ci_config();
  if (sanitized) config.in_flight_max = 1;
  const ExploreResult result = explore(config, {});
  EXPECT_FALSE(result.counterexample) << result.counterexample->what;
  EXPECT_TRUE(result.exhausted);
  EXPECT_EQ(result.stats.depth_cut, 0u);
  EXPECT_GT(result.stats.distinct, 1000u);
  EXPECT_GT(result.convergence_bound, 0u);
}

TEST(ModelExplore, ShardsTogetherCoverOneRun) {
  ExploreOptions keep;
  keep.keep_fingerprints = true;
  const ExploreResult whole = explore(small_config(), keep);
  std::set<std::uint64_t> expected(whole.fingerprints.begin(), whole.fingerprints.end());
  std::set<std::uint64_t> united;
  std::uint64_t explored = 0;
  for (int k = 0; k < 3; ++k) {
    ModelConfig config = small_config();
    config.shard_index = k;
    config.shard_count = 3;
    const ExploreResult part = explore(config, keep);
    EXPECT_FALSE(part.counterexample);
    EXPECT_LT(part.stats.distinct, whole.stats.distinct);  // each does only part of the work
    united.insert(part.fingerprints.begin(), part.fingerprints.end());
    explored += part.stats.explored;
  }
  EXPECT_EQ(united, expected);
  EXPECT_GE(explored, whole.stats.explored);
}

TEST(ModelExplore, JobsDoNotChangeTheResult) {
  ModelConfig config = small_config();
  const ExploreResult one = explore(config, {});
  config.jobs = 3;
  const ExploreResult three = explore(config, {});
  EXPECT_EQ(one.stats.distinct, three.stats.distinct);
  EXPECT_EQ(one.stats.transitions, three.stats.transitions);
  EXPECT_EQ(one.convergence_bound, three.convergence_bound);
}

TEST(ModelExplore, DepthBoundLeavesTheSearchUnexhausted) {
  ModelConfig config = small_config();
  config.max_depth = 3;
  const ExploreResult result = explore(config, {});
  EXPECT_FALSE(result.exhausted);
  EXPECT_GT(result.stats.depth_cut, 0u);
  EXPECT_EQ(result.stats.depth, 3);
}

TEST(ModelExplore, LevelsAddUpToTheDistinctStates) {
  const ExploreResult result = explore(small_config(), {});
  const auto& levels = result.stats.level_states;
  ASSERT_EQ(levels.size(), static_cast<std::size_t>(result.stats.depth) + 1);
  EXPECT_EQ(levels.front(), 1u);
  std::uint64_t sum = 0;
  for (std::uint64_t count : levels) sum += count;
  EXPECT_EQ(sum, result.stats.distinct);
  EXPECT_EQ(sum, result.stats.explored);  // exhausted: every state was expanded
  const std::uint64_t widest = *std::max_element(levels.begin(), levels.end());
  EXPECT_GE(result.stats.level_bytes_max, widest * 20);  // a state takes some tens of bytes
  EXPECT_LE(result.stats.level_bytes_max, widest * 400);
}

TEST(ModelLiveness, ANonConvergedDeadEndIsStuck) {
  StateGraph graph;
  graph.add_state(0, {}, false);
  graph.add_state(0, {Kind::broadcast, 0}, false);  // 1: dead end
  graph.add_state(0, {Kind::broadcast, 1}, true);   // 2: converged
  graph.add_edge(0, 1, {Kind::broadcast, 0});
  graph.add_edge(0, 2, {Kind::broadcast, 1});
  const auto liveness = graph.check_liveness();
  ASSERT_TRUE(liveness.counterexample);
  EXPECT_EQ(liveness.counterexample->verdict, Verdict::stuck);
  EXPECT_EQ(liveness.counterexample->path, (std::vector<Transition>{{Kind::broadcast, 0}}));
}

TEST(ModelLiveness, ACycleThatNeverConvergesIsALivelock) {
  StateGraph graph;
  graph.add_state(0, {}, false);
  graph.add_state(0, {Kind::tick, 0}, false);
  graph.add_state(0, {Kind::tick, 1}, true);
  graph.add_edge(0, 1, {Kind::tick, 0});
  graph.add_edge(1, 0, {Kind::advance, 0});
  graph.add_edge(0, 2, {Kind::tick, 1});
  const auto liveness = graph.check_liveness();
  ASSERT_TRUE(liveness.counterexample);
  EXPECT_EQ(liveness.counterexample->verdict, Verdict::livelock);
  EXPECT_EQ(liveness.counterexample->path.size(), 2u);  // round the cycle from the start
}

TEST(ModelLiveness, BoundIsTheLongestFaultFreePath) {
  StateGraph graph;
  graph.add_state(0, {}, false);
  graph.add_state(0, {Kind::tick, 0}, false);
  graph.add_state(1, {Kind::tick, 0}, true);
  graph.add_edge(0, 1, {Kind::tick, 0});
  graph.add_edge(1, 2, {Kind::tick, 0});
  graph.add_edge(0, 2, {Kind::tick, 1});
  const auto liveness = graph.check_liveness();
  EXPECT_FALSE(liveness.counterexample);
  EXPECT_EQ(liveness.bound, 2u);
}

TEST(ModelOptions, NumbersAreRangeChecked) {
  EXPECT_EQ(parse_model_options({"--nodes", "3", "--values", "2"}).config.nodes, 3);
  for (const auto& args : std::vector<std::vector<std::string>>{{"--nodes", "0"},
                                                                {"--nodes", "9"},
                                                                {"--values", "-1"},
                                                                {"--drops", "x"},
                                                                {"--jobs", "0"},
                                                                {"--profile", "nope"},
                                                                {"--message-wakes", "65"},
                                                                {"--message-wakes", "-1"},
                                                                {"--shard", "3/2"},
                                                                {"--shard", "0/2"}}) {
    try {
      parse_model_options(args);
      ADD_FAILURE() << args[0] << " " << args[1] << " accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(args[0]), std::string::npos) << error.what();
    }
  }
  EXPECT_TRUE(parse_model_options({"--help"}).help);
  EXPECT_EQ(parse_model_options({}).config.message_wakes, no_message_bound);
  EXPECT_EQ(parse_model_options({"--message-wakes", "0"}).config.message_wakes, 0);
  EXPECT_FALSE(parse_model_options({}).config.dup_beyond_max);
  EXPECT_TRUE(parse_model_options({"--dup-beyond-max"}).config.dup_beyond_max);
  const auto shard = parse_model_options({"--shard", "2/5"}).config;
  EXPECT_EQ(shard.shard_index, 1);
  EXPECT_EQ(shard.shard_count, 5);
}

TEST(ModelPathFile, WrittenPathReplaysToTheSameStateWithAJournal) {
  const ModelConfig config = ci_config();
  // A path of enabled transitions: the walk's own choices, recorded.
  Successor state = initial_world(config, *core::profile_named(config.profile));
  std::vector<Transition> path;
  std::vector<Transition> enabled;
  for (std::uint32_t choice : {0u, 3u, 1u, 2u, 5u, 0u, 1u, 4u}) {
    enabled_transitions(state.world, config, enabled);
    Successor next = apply(state.world, enabled[choice % enabled.size()], config);
    if (next.violation || next.pruned) continue;
    path.push_back(enabled[choice % enabled.size()]);
    state = std::move(next);
  }
  const auto dir = std::filesystem::temp_directory_path() / "rumor-model-path-test";
  std::filesystem::create_directories(dir);
  const auto file = (dir / "walk.path").string();
  write_path_file(file, PathFile{config, path, "a walk\nof two lines"});
  EXPECT_TRUE(is_path_file(file));
  const PathFile read = read_path_file(file);
  EXPECT_EQ(read.path, path);
  EXPECT_EQ(read.config.dups, 1);
  const auto journal = (dir / "journal.jsonl").string();
  const PathReplay replay = replay_path(read, nullptr, journal);
  EXPECT_EQ(replay.steps, path.size());
  EXPECT_EQ(replay.verdict, Verdict::pass);
  std::ifstream lines(journal);
  const auto count = std::count(std::istreambuf_iterator<char>(lines), {}, '\n');
  EXPECT_GE(count, 8);  // init and topology requests and replies, at least
}

TEST(ModelPathFile, AnImpossibleStepIsRefused) {
  PathFile path{ci_config(), {{Kind::deliver, 5}}, ""};
  EXPECT_THROW(replay_path(path, nullptr, std::nullopt), std::runtime_error);
}

TEST(ModelMerge, ShardResultsUniteTheirFingerprints) {
  const auto dir = std::filesystem::temp_directory_path() / "rumor-model-merge-test";
  std::filesystem::create_directories(dir);
  ExploreOptions keep;
  keep.keep_fingerprints = true;
  const ExploreResult whole = explore(small_config(), keep);
  std::vector<std::string> files;
  for (int k = 0; k < 2; ++k) {
    ModelConfig config = small_config();
    config.shard_index = k;
    config.shard_count = 2;
    const ExploreResult part = explore(config, keep);
    ReportFiles report;
    report.fingerprints_file = (dir / ("shard" + std::to_string(k) + ".fingerprints")).string();
    {
      std::ofstream out(*report.fingerprints_file, std::ios::binary);
      for (std::uint64_t f : part.fingerprints) {
        unsigned char bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(f >> (8 * i));
        out.write(reinterpret_cast<const char*>(bytes), 8);
      }
    }
    files.push_back((dir / ("shard" + std::to_string(k) + ".json")).string());
    std::ofstream(files.back()) << report_json(config, part, report);
  }
  const MergedModelResult merged = merge_model_results(files);
  EXPECT_EQ(merged.shards, 2u);
  EXPECT_EQ(merged.distinct_states, whole.stats.distinct);
  EXPECT_EQ(merged.verdict, "pass");
  EXPECT_TRUE(merged.complete);
  EXPECT_THROW(merge_model_results({(dir / "shard0.fingerprints").string()}), std::runtime_error);
}

}  // namespace
}  // namespace rumor::replay::model
