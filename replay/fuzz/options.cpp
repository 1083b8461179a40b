#include "replay/fuzz/options.hpp"

#include <limits>
#include <stdexcept>

#include "core/profile.hpp"
#include "replay/fuzz/schedule.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay::fuzz {

const char* const fuzz_usage =
    "usage: rumor fuzz --seeds N [--seed-start S] [--jobs J] [--nodes A..B] [--profile NAME|all]\n"
    "                  [--keep-going] [--schedule-dir DIR] [--shrink-budget RUNS]\n"
    "                  [--shard K/N] [--json] [--result FILE]\n"
    "       rumor fuzz --replay FILE [--log] [--shrink] [--schedule-dir DIR]\n"
    "Swarm-tests the core on a faulty simulated network: each seed picks its own cluster size,\n"
    "profile, topology, latency, client rate, clock skew and faults (loss, duplication,\n"
    "reordering, partitions, pauses), then heals and requires convergence within a bound\n"
    "derived from the configuration. The lowest failing seed is shrunk to a minimal schedule and\n"
    "written as DIR/rumor-fuzz-<seed>.schedule (default DIR: .), replayable with --replay.\n"
    "  --seeds N          runs to do (seeds S .. S+N-1), 1..1000000\n"
    "  --seed-start S     first seed (default 0)\n"
    "  --jobs J           worker threads, 1..256 (default 1); results do not depend on it\n"
    "  --nodes A..B       cluster sizes to draw from, 1..64 (default 1..50); A alone fixes it\n"
    "  --profile P        core profile, or all to let each seed pick (default all)\n"
    "  --keep-going       run every seed instead of stopping at the first failure\n"
    "  --schedule-dir DIR where shrunk schedules go (default .; also --trace-dir)\n"
    "  --shrink-budget R  simulation runs the shrinker may spend, 0..1000000 (default 3000;\n"
    "                     0: no shrink)\n"
    "  --shard K/N        run only shard K of N: the seeds whose offset from S is K-1 modulo N\n"
    "                     (1 <= K <= N <= 65536); `rumor merge` joins the shards' results\n"
    "  --json             print the result as one JSON object on stdout (the text goes to\n"
    "                     stderr)\n"
    "  --result FILE      also write that JSON object to FILE\n"
    "  --replay FILE      run one schedule file and print its verdict\n"
    "  --log              with --replay: one line per delivery, send, drop and reply\n"
    "  --shrink           with --replay: shrink the schedule and write the result to DIR\n"
    "exit: 0 clean, 1 safety failure, 2 liveness failure, 254 bad arguments\n";

namespace {

// A campaign keeps one verdict per seed in memory, so the count is bounded.
constexpr std::uint64_t kSeedsMax = 1'000'000;
// Far more machines than anyone shards over; keeps K and N in an int.
constexpr int kShardsMax = 65536;

void parse_nodes(const std::string& text, SwarmLimits& limits) {
  const auto dots = text.find("..");
  const std::string low = dots == std::string::npos ? text : text.substr(0, dots);
  const std::string high = dots == std::string::npos ? text : text.substr(dots + 2);
  const auto min = runtime::cli::parse_number<int>(low);
  const auto max = runtime::cli::parse_number<int>(high);
  if (!min || !max || *min < 1 || *max > nodes_max || *min > *max) {
    throw std::invalid_argument("--nodes expects A..B with 1 <= A <= B <= 64, got '" + text + "'");
  }
  limits.nodes_min = *min;
  limits.nodes_max = *max;
}

void parse_shard(const std::string& text, CampaignOptions& campaign) {
  const auto slash = text.find('/');
  const auto index = runtime::cli::parse_number<int>(text.substr(0, slash));
  const auto count = slash == std::string::npos
                         ? std::nullopt
                         : runtime::cli::parse_number<int>(text.substr(slash + 1));
  if (!index || !count || *index < 1 || *count > kShardsMax || *index > *count) {
    throw std::invalid_argument("--shard expects K/N with 1 <= K <= N <= 65536, got '" + text +
                                "'");
  }
  campaign.shard_index = *index;
  campaign.shard_count = *count;
}

void parse_profile(FuzzOptions& options) {
  if (options.profile_text == "all") {
    options.campaign.limits.profile.clear();
  } else if (core::profile_named(options.profile_text) && !options.profile_text.empty()) {
    options.campaign.limits.profile = options.profile_text;
  } else {
    throw std::invalid_argument("unknown profile '" + options.profile_text + "'");
  }
}

void add_flags(CLI::App& app, FuzzOptions& options) {
  CampaignOptions& campaign = options.campaign;
  runtime::cli::add_number(app, "--seeds", campaign.seeds, std::uint64_t{1}, kSeedsMax, "runs");
  runtime::cli::add_number(app, "--seed-start", campaign.seed_start, std::uint64_t{0},
                           std::numeric_limits<std::uint64_t>::max(), "first seed");
  runtime::cli::add_number(app, "--jobs", campaign.jobs, 1, 256, "worker threads");
  app.add_option("--nodes", options.nodes_text, "A..B");
  app.add_option("--profile", options.profile_text, "NAME or all");
  app.add_flag("--keep-going", campaign.keep_going);
  app.add_option("--schedule-dir,--trace-dir", options.schedule_dir);
  runtime::cli::add_number(app, "--shrink-budget", options.shrink_budget, 0, 1'000'000, "runs");
  app.add_option("--shard", options.shard_text, "K/N");
  app.add_flag("--json", options.json);
  app.add_option("--result", options.result_path, "FILE");
  app.add_option("--replay", options.replay_path);
  app.add_flag("--log", options.log);
  app.add_flag("--shrink", options.shrink_replay);
}

}  // namespace

FuzzOptions parse_fuzz_options(const std::vector<std::string>& args) {
  FuzzOptions options;
  CLI::App app{"rumor fuzz"};
  add_flags(app, options);
  const runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, args);
  if (parsed.help) {
    options.help = true;
    return options;
  }
  if (parsed.error) throw std::invalid_argument(*parsed.error);
  parse_nodes(options.nodes_text, options.campaign.limits);
  parse_profile(options);
  parse_shard(options.shard_text, options.campaign);
  const bool have_seeds = app.count("--seeds") > 0;
  if (options.replay_path && have_seeds) {
    throw std::invalid_argument("--replay and --seeds do not go together");
  }
  if (!options.replay_path && !have_seeds) throw std::invalid_argument("--seeds N is required");
  if (!options.replay_path && (options.log || options.shrink_replay)) {
    throw std::invalid_argument("--log and --shrink need --replay FILE");
  }
  if (options.replay_path &&
      (app.count("--shard") > 0 || options.json || options.result_path.has_value())) {
    throw std::invalid_argument("--shard, --json and --result are for campaigns, not --replay");
  }
  const CampaignOptions& campaign = options.campaign;
  if (campaign.seeds > 0 &&
      campaign.seed_start > std::numeric_limits<std::uint64_t>::max() - (campaign.seeds - 1)) {
    throw std::invalid_argument("--seed-start + --seeds runs past the last 64-bit seed");
  }
  return options;
}

}  // namespace rumor::replay::fuzz
