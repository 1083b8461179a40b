#include "replay/sim/options.hpp"

#include <filesystem>
#include <limits>
#include <sstream>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/sim/generator.hpp"
#include "replay/world/topology.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay::sim {

using world::is_topology_name;

namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

}  // namespace

std::string test_usage() {
  std::ostringstream out;
  out << "usage: rumor test -w broadcast [options]\n"
         "Runs a simulated Maelstrom broadcast test on the embedded node, in virtual time\n"
         "(or, with --bin, on real node processes in wall-clock time).\n"
         "  -w, --workload NAME        broadcast (required)\n"
         "      --node-count N         nodes n0..n(N-1), N in 1..1000 (default: n1..n5, like "
         "Jepsen)\n"
         "      --nodes A,B,...        explicit node ids (also -n A, repeatable)\n"
         "      --time-limit S         seconds of main phase, 0..86400 (default 60)\n"
         "      --rate R               client ops per second, network-wide, 0..1e6 (default 5);\n"
         "                             R x S at most 1e7 ops\n"
         "      --latency MS           node-to-node latency, 0..60000 (default 0)\n"
         "      --latency-dist D       constant | uniform | exponential (default constant)\n"
         "      --topology T           grid | line | total | tree | tree2 | tree3 | tree4 "
         "(default grid)\n"
         "      --nemesis partition    partition the network now and then\n"
         "      --nemesis-interval S   mean seconds between nemesis ops, 0.1..86400 (default 10)\n"
         "      --concurrency K|Kn     client workers, at most 100000 (default 1n = one per node)\n"
         "      --availability A       total or a fraction in [0, 1]\n"
         "      --seed X               seed of every random choice (default "
      << default_seed
      << ")\n"
         "      --profile NAME         node tuning profile:";
  for (const auto& name : core::profile_names()) out << ' ' << name;
  out << "\n"
         "      --tick-ms N            node tick period in ms, 1..60000 (default 10)\n"
         "      --jepsen-slip-ms MS    add MS to every client op gap, as a slow Jepsen host\n"
         "                             does (real runs: 0-1.7 at rate 100; 0..100, default 0)\n"
         "      --json                 print the results as one JSON object\n"
         "      --no-store             do not write store/broadcast/<time>/\n"
         "      --bin FILE [ARGS...]   process mode: run FILE (any Maelstrom node) as every node,\n"
         "                             with the ARGS up to the next flag, in wall-clock time;\n"
         "                             its stderr goes to store/.../node-logs/<node>.log\n";
  return out.str();
}

namespace {

// Bounds that keep every simulated time well inside 64-bit nanoseconds and every run finite:
// a day of main phase, a minute of latency, a minute per tick, at most kClientOpsMax client ops
// (the history is kept in memory) and at most 100,000 workers and 1,000 nodes.
constexpr std::int64_t kTimeLimitMaxS = 86'400;
constexpr std::int64_t kLatencyMaxMs = 60'000;
constexpr double kJepsenSlipMaxMs = 100;  // real Jepsen hosts slip 0-1.7 ms per op
constexpr double kRateMax = 1e6;
constexpr double kRateMinPositive = 1e-3;  // a gap between ops of at most 1000 s
constexpr double kClientOpsMax = 1e7;
constexpr double kNemesisIntervalMinS = 0.1;
constexpr std::int64_t kNodeCountMax = 1'000;
constexpr std::size_t kWorkersMax = 100'000;

// The flag values that need resolving once every flag is known.
struct RawFlags {
  std::int64_t node_count = 0;
  std::vector<std::string> node_lists;  // --nodes A,B,...
  std::vector<std::string> nodes;       // -n / --node, repeatable
  std::string latency_dist = "constant";
  std::vector<std::string> nemesis;
  std::string availability;
};

// Like Maelstrom: --bin takes the path, then every argument up to the next flag goes to the
// program; the rest is left for CLI11. False when --bin has no path.
bool take_bin(std::vector<std::string>& args, TestOptions& options) {
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string path;
    if (args[i].starts_with("--bin=")) {
      path = args[i].substr(6);
    } else if (args[i] == "--bin") {
      if (i + 1 >= args.size()) return false;
      path = args[++i];
    } else {
      rest.push_back(args[i]);
      continue;
    }
    options.bin = std::filesystem::absolute(path).lexically_normal().string();
    options.bin_args.clear();
    while (i + 1 < args.size() && !args[i + 1].starts_with("-"))
      options.bin_args.push_back(args[++i]);
  }
  args = std::move(rest);
  return true;
}

void add_flags(CLI::App& app, TestOptions& o, RawFlags& raw) {
  app.add_option("-w,--workload", o.workload, "broadcast (required)");
  runtime::cli::add_number(app, "--node-count", raw.node_count, std::int64_t{1}, kNodeCountMax,
                           "nodes");
  app.add_option("--nodes", raw.node_lists, "explicit node ids A,B,...")->allow_extra_args(false);
  app.add_option("-n,--node", raw.nodes, "a node id, repeatable")->allow_extra_args(false);
  runtime::cli::add_number(app, "--time-limit", o.time_limit_s, std::int64_t{0}, kTimeLimitMaxS,
                           "s");
  runtime::cli::add_number(app, "--rate", o.rate, 0.0, kRateMax, "client ops per second");
  runtime::cli::add_number(app, "--latency", o.latency.mean_ms, std::int64_t{0}, kLatencyMaxMs,
                           "ms");
  app.add_option("--latency-dist", raw.latency_dist)
      ->check(CLI::IsMember({"constant", "uniform", "exponential"}));
  app.add_option("--topology", o.topology)->check([](const std::string& name) {
    return is_topology_name(name) ? std::string() : "unknown topology " + name;
  });
  app.add_option("--nemesis", raw.nemesis)
      ->delimiter(',')
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"partition"}));
  runtime::cli::add_number(app, "--nemesis-interval", o.nemesis_interval_s, kNemesisIntervalMinS,
                           double{kTimeLimitMaxS}, "s");
  app.add_option("--concurrency", o.concurrency, "K or Kn");
  app.add_option("--availability", raw.availability)->check([](const std::string& text) {
    const auto a = runtime::cli::parse_number<double>(text);
    return text == "total" || (a && *a >= 0 && *a <= 1) ? std::string()
                                                        : "must be total or a number in [0, 1]";
  });
  runtime::cli::add_number(app, "--seed", o.seed, std::uint64_t{0},
                           std::numeric_limits<std::uint64_t>::max(), "seed");
  app.add_option("--profile", o.profile)->check([](const std::string& name) {
    return core::profile_named(name) ? std::string() : "unknown profile " + name;
  });
  runtime::cli::add_number(app, "--tick-ms", o.tick_ms, std::int64_t{1}, core::tick_ms_max, "ms");
  runtime::cli::add_number(app, "--jepsen-slip-ms", o.jepsen_slip_ms, 0.0, kJepsenSlipMaxMs,
                           "ms added to every client op gap");
  app.add_flag("--json", o.json);
  app.add_flag_callback("--no-store", [&o] { o.store = false; });
  // Accepted for command-line compatibility; the simulator keeps no Maelstrom log.
  app.add_flag("--log-stderr,--log-net-send,--log-net-recv");
}

// K or Kn, K a positive integer; the worker count without wrapping, or why not.
std::optional<std::string> resolve_workers(TestOptions& options) {
  const std::string& text = options.concurrency;
  const bool times_nodes = text.ends_with('n');
  const auto k =
      runtime::cli::parse_number<std::size_t>(times_nodes ? text.substr(0, text.size() - 1) : text);
  if (!k || *k == 0) return "--concurrency must be K or Kn with K a positive integer";
  const std::size_t per = times_nodes ? options.nodes.size() : 1;
  if (*k > kWorkersMax / per) {
    return "--concurrency " + text + " asks for more than " + std::to_string(kWorkersMax) +
           " workers";
  }
  options.workers = *k * per;
  return std::nullopt;
}

// The node list, workers and cross-flag limits, once every flag is parsed.
std::optional<std::string> resolve(TestOptions& options, const RawFlags& raw) {
  if (options.workload.empty()) return "-w/--workload is required (broadcast)";
  if (options.workload != "broadcast") {
    return "unsupported workload " + options.workload + " (only broadcast)";
  }
  std::vector<std::string> nodes;
  for (const auto& list : raw.node_lists)
    for (auto& n : split_commas(list)) nodes.push_back(n);
  for (const auto& n : raw.nodes) nodes.push_back(n);
  if (raw.node_count > 0) {
    options.nodes = core::node_names(static_cast<std::size_t>(raw.node_count));
  } else if (!nodes.empty()) {
    options.nodes = nodes;
  } else {
    options.nodes = {"n1", "n2", "n3", "n4", "n5"};  // Jepsen's default node list
  }
  if (options.nodes.size() > static_cast<std::size_t>(kNodeCountMax)) {
    return "more than " + std::to_string(kNodeCountMax) + " nodes";
  }
  if (auto why = resolve_workers(options)) return why;
  for (std::size_t k = 0; k < options.nodes.size(); ++k) {
    const auto& id = options.nodes[k];
    // Ids starting with c are clients to Maelstrom's network (latency 0, never partitioned).
    if (id.empty() || id[0] == 'c') return "bad node id '" + id + "'";
    for (std::size_t j = 0; j < k; ++j) {
      if (options.nodes[j] == id) return "duplicate node id " + id;
    }
  }
  if (options.rate > 0 && options.rate < kRateMinPositive) {
    return "--rate must be 0 or at least 0.001 (one op per 1000 s)";
  }
  if (options.rate * static_cast<double>(options.time_limit_s) > kClientOpsMax) {
    return "--rate × --time-limit asks for more than 1e7 client ops (the history is in memory)";
  }
  options.latency.dist = *latency_dist_named(raw.latency_dist);
  options.nemesis_partition = !raw.nemesis.empty();
  if (!raw.availability.empty()) options.availability = raw.availability;
  return std::nullopt;
}

}  // namespace

ParsedOptions parse_test_options(const std::vector<std::string>& args) {
  TestOptions options;
  std::vector<std::string> rest = args;
  if (!take_bin(rest, options)) return {std::nullopt, "--bin needs a program"};
  CLI::App app{"rumor test"};
  RawFlags raw;
  add_flags(app, options, raw);
  const runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, rest);
  if (parsed.help) {
    options.help = true;
    return {options, ""};
  }
  if (parsed.error) return {std::nullopt, *parsed.error};
  if (auto why = resolve(options, raw)) return {std::nullopt, *why};
  return {options, ""};
}

}  // namespace rumor::replay::sim
