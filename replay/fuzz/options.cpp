#include "replay/fuzz/options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/profile.hpp"
#include "replay/fuzz/schedule.hpp"

namespace rumor::fuzz {

const char* const fuzz_usage =
    "usage: rumor fuzz --seeds N [--seed-start S] [--jobs J] [--nodes A..B] [--profile NAME|all]\n"
    "                  [--keep-going] [--trace-dir DIR] [--shrink-budget RUNS]\n"
    "       rumor fuzz --replay FILE [--log] [--shrink] [--trace-dir DIR]\n"
    "Swarm-tests the core on a faulty simulated network: each seed picks its own cluster size,\n"
    "profile, topology, latency, client rate, clock skew and faults (loss, duplication,\n"
    "reordering, partitions, pauses), then heals and requires convergence within a bound\n"
    "derived from the configuration. The lowest failing seed is shrunk to a minimal schedule and\n"
    "written as DIR/rumor-fuzz-<seed>.trace (default DIR: .), replayable with --replay.\n"
    "  --seeds N          runs to do (seeds S .. S+N-1)\n"
    "  --seed-start S     first seed (default 0)\n"
    "  --jobs J           worker threads (default 1); results do not depend on it\n"
    "  --nodes A..B       cluster sizes to draw from, 1..64 (default 1..50); A alone fixes it\n"
    "  --profile P        core profile, or all to let each seed pick (default all)\n"
    "  --keep-going       run every seed instead of stopping at the first failure\n"
    "  --trace-dir DIR    where shrunk traces go (default .)\n"
    "  --shrink-budget R  simulation runs the shrinker may spend (default 3000; 0: no shrink)\n"
    "  --replay FILE      run one trace file and print its verdict\n"
    "  --log              with --replay: one line per delivery, send, drop and reply\n"
    "  --shrink           with --replay: shrink the trace and write the result to DIR\n"
    "exit: 0 clean, 1 safety failure, 2 liveness failure, 254 bad arguments\n";

namespace {

std::uint64_t parse_number(const std::string& flag, const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw std::invalid_argument(flag + " expects a non-negative integer, got '" + text + "'");
  }
  return value;
}

void parse_nodes(const std::string& text, SwarmLimits& limits) {
  const auto dots = text.find("..");
  const std::string low = dots == std::string::npos ? text : text.substr(0, dots);
  const std::string high = dots == std::string::npos ? text : text.substr(dots + 2);
  const auto min = parse_number("--nodes", low);
  const auto max = parse_number("--nodes", high);
  if (min < 1 || max > static_cast<std::uint64_t>(nodes_max) || min > max) {
    throw std::invalid_argument("--nodes expects A..B with 1 <= A <= B <= 64, got '" + text + "'");
  }
  limits.nodes_min = static_cast<int>(min);
  limits.nodes_max = static_cast<int>(max);
}

}  // namespace

FuzzOptions parse_fuzz_options(const std::vector<std::string>& args) {
  FuzzOptions options;
  bool have_seeds = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      options.help = true;
    } else if (flag == "--seeds") {
      options.campaign.seeds = parse_number(flag, value());
      have_seeds = true;
    } else if (flag == "--seed-start") {
      options.campaign.seed_start = parse_number(flag, value());
    } else if (flag == "--jobs") {
      const auto jobs = parse_number(flag, value());
      if (jobs < 1 || jobs > 256) throw std::invalid_argument("--jobs expects 1..256");
      options.campaign.jobs = static_cast<int>(jobs);
    } else if (flag == "--nodes") {
      options.nodes_text = value();
      parse_nodes(options.nodes_text, options.campaign.limits);
    } else if (flag == "--profile") {
      options.profile_text = value();
      if (options.profile_text == "all") {
        options.campaign.limits.profile.clear();
      } else if (core::profile_named(options.profile_text) && !options.profile_text.empty()) {
        options.campaign.limits.profile = options.profile_text;
      } else {
        throw std::invalid_argument("unknown profile '" + options.profile_text + "'");
      }
    } else if (flag == "--keep-going") {
      options.campaign.keep_going = true;
    } else if (flag == "--trace-dir") {
      options.trace_dir = value();
    } else if (flag == "--shrink-budget") {
      options.shrink_budget =
          static_cast<int>(std::min<std::uint64_t>(parse_number(flag, value()), 1'000'000));
    } else if (flag == "--replay") {
      options.replay_path = value();
    } else if (flag == "--log") {
      options.log = true;
    } else if (flag == "--shrink") {
      options.shrink_replay = true;
    } else {
      throw std::invalid_argument("unknown option '" + flag + "'");
    }
  }
  if (options.help) return options;
  if (options.replay_path && have_seeds) {
    throw std::invalid_argument("--replay and --seeds do not go together");
  }
  if (!options.replay_path && !have_seeds) throw std::invalid_argument("--seeds N is required");
  if (!options.replay_path && (options.log || options.shrink_replay)) {
    throw std::invalid_argument("--log and --shrink need --replay FILE");
  }
  return options;
}

}  // namespace rumor::fuzz
