#include "replay/model/options.hpp"

#include <stdexcept>

#include "core/profile.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay::model {

const char* const model_usage =
    "usage: rumor model --nodes N --values V [--drops D] [--dups U] [--partitions P]\n"
    "                   [--profile NAME] [--max-depth K] [--in-flight-max M]\n"
    "                   [--partition-wakes W] [--message-wakes W] [--dup-beyond-max]\n"
    "                   [--jobs J] [--shard K/N] [--json] [--out DIR]\n"
    "Explores every interleaving of a small cluster of real cores breadth-first: client\n"
    "broadcasts, deliveries in any order, drops, duplicates and partitions within their budgets,\n"
    "time moving to the next wake-up. Checks safety on every step and, from every state, that\n"
    "fault-free continuations converge. A violation's shortest path is written as\n"
    "DIR/rumor-model-<verdict>.path, replayable with `rumor fuzz --replay FILE`.\n"
    "  --nodes N            cluster size, 1..8 (default 2)\n"
    "  --values V           values the client broadcasts, 0..16 (default 2)\n"
    "  --drops D            messages the network may lose, 0..8 (default 0)\n"
    "  --dups U             messages the network may duplicate, 0..8 (default 0)\n"
    "  --partitions P       partitions that may start (and heal), 0..4 (default 0)\n"
    "  --profile NAME       core profile (default default)\n"
    "  --max-depth K        stop expanding at depth K, 0..100000 (default 0: no bound)\n"
    "  --in-flight-max M    messages in flight per directed link, 1..16 (default 2)\n"
    "  --partition-wakes W  wake-ups a partition may last, 0..16 (default 1)\n"
    "  --message-wakes W    wake-ups a message may wait in flight before it is delivered or\n"
    "                       dropped, 0..64 (default: no bound)\n"
    "  --dup-beyond-max     a duplicate may put one copy more on its link than --in-flight-max\n"
    "  --jobs J             worker threads, 1..256 (default 1); results do not depend on it\n"
    "  --shard K/N          explore part K of N of the search (1 <= K <= N <= 4096)\n"
    "  --json               print the result as one JSON object\n"
    "  --out DIR            where paths and shard fingerprints go (default .)\n"
    "exit: 0 pass, 1 safety violation, 2 liveness violation, 254 bad arguments\n";

namespace {

void parse_shard(const std::string& text, ModelConfig& config) {
  const auto slash = text.find('/');
  const auto k = runtime::cli::parse_number<int>(text.substr(0, slash));
  const auto n = slash == std::string::npos
                     ? std::optional<int>()
                     : runtime::cli::parse_number<int>(text.substr(slash + 1));
  if (!k || !n || *k < 1 || *n > 4096 || *k > *n) {
    throw std::invalid_argument("--shard expects K/N with 1 <= K <= N <= 4096, got '" + text + "'");
  }
  config.shard_index = *k - 1;
  config.shard_count = *n;
}

}  // namespace

ModelOptions parse_model_options(const std::vector<std::string>& args) {
  ModelOptions options;
  ModelConfig& config = options.config;
  CLI::App app{"rumor model"};
  std::string shard_text;
  using runtime::cli::add_number;
  add_number(app, "--nodes", config.nodes, 1, 8, "cluster size");
  add_number(app, "--values", config.values, 0, 16, "values broadcast");
  add_number(app, "--drops", config.drops, 0, 8, "drop budget");
  add_number(app, "--dups", config.dups, 0, 8, "duplicate budget");
  add_number(app, "--partitions", config.partitions, 0, 4, "partition budget");
  app.add_option("--profile", config.profile, "core profile");
  add_number(app, "--max-depth", config.max_depth, 0, 100'000, "depth bound");
  add_number(app, "--in-flight-max", config.in_flight_max, 1, 16, "messages per link");
  add_number(app, "--partition-wakes", config.partition_wakes, 0, 16, "wake-ups per partition");
  add_number(app, "--message-wakes", config.message_wakes, 0, 64, "wake-ups per message");
  app.add_flag("--dup-beyond-max", config.dup_beyond_max);
  add_number(app, "--jobs", config.jobs, 1, 256, "worker threads");
  app.add_option("--shard", shard_text, "K/N");
  app.add_flag("--json", options.json);
  app.add_option("--out", options.out_dir, "directory");
  const runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, args);
  if (parsed.help) {
    options.help = true;
    return options;
  }
  if (parsed.error) throw std::invalid_argument(*parsed.error);
  if (!core::profile_named(config.profile) || config.profile.empty()) {
    throw std::invalid_argument("--profile: unknown profile '" + config.profile + "'");
  }
  if (!shard_text.empty()) parse_shard(shard_text, config);
  return options;
}

}  // namespace rumor::replay::model
