#include "replay/sim/test_command.hpp"

#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/hex.hpp"
#include "core/profile.hpp"
#include "replay/history/check.hpp"
#include "replay/history/edn.hpp"
#include "replay/history/history_io.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/sim/host_report.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/process_cluster.hpp"
#include "replay/sim/run_fingerprint.hpp"
#include "replay/sim/simulation.hpp"
#include "replay/sim/store.hpp"

namespace rumor::replay::sim {

namespace {

constexpr int exit_bad_arguments = 254;
constexpr int exit_crash = 255;

SimConfig config_from(const TestOptions& options) {
  SimConfig config;
  config.nodes = options.nodes;
  config.time_limit_s = options.time_limit_s;
  config.rate = options.rate;
  config.latency = options.latency;
  config.topology = options.topology;
  config.nemesis_partition = options.nemesis_partition;
  config.nemesis_interval_s = options.nemesis_interval_s;
  config.concurrency = options.workers;
  config.seed = options.seed;
  config.profile = *core::profile_named(options.profile);
  config.tick_ms = options.tick_ms;
  config.keep_node_logs = options.store;
  config.jepsen_slip_ns = static_cast<std::int64_t>(options.jepsen_slip_ms * 1e6);
  return config;
}

const char* verdict_line(history::Validity validity) {
  switch (validity) {
    case history::Validity::valid:
      return "Everything looks good! ヽ(‘ー`)ノ";
    case history::Validity::invalid:
      return "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻";
    case history::Validity::unknown:
      return "Errors occurred during analysis, but no anomalies found. ಠ~ಠ";
  }
  return "";
}

// The run directory exists from the start: the message journal is written into it as the run
// goes (and in process mode the nodes' stderr, the node logs). --no-store returns an empty path.
std::filesystem::path run_dir_for(const TestOptions& options) {
  if (!options.store) return {};
  return create_run_dir(std::filesystem::current_path() / "store");
}

// The run's message journal, or none with --no-store (which then costs nothing).
std::unique_ptr<journal::JsonlJournalWriter> open_journal(const std::filesystem::path& run_dir) {
  if (run_dir.empty()) return nullptr;
  return std::make_unique<journal::JsonlJournalWriter>(
      (run_dir / journal::jsonl_journal_file).string());
}

SimResult run_nodes(const TestOptions& options, const SimConfig& config,
                    const std::filesystem::path& run_dir,
                    std::optional<ProcessFigures>& process_figures) {
  if (!options.bin) return run_simulation(config);
  ProcessCluster processes(config.nodes, *options.bin, options.bin_args,
                           run_dir.empty() ? run_dir : run_dir / "node-logs");
  SimResult result = run_simulation(config, processes);
  process_figures = ProcessFigures{.start_spread_ns = processes.start_spread_ns(),
                                   .reply_times_ns = processes.reply_times_ns(),
                                   .node_processes = processes.size()};
  return result;
}

void describe(const TestOptions& options, const SimConfig& config) {
  std::cerr << "rumor test: seed " << options.seed << ", " << config.nodes.size() << " nodes, "
            << options.workers << " workers, ";
  if (options.bin) {
    std::cerr << "processes of " << *options.bin;
    for (const auto& arg : options.bin_args) std::cerr << ' ' << arg;
    std::cerr << " (wall-clock time)\n";
  } else {
    std::cerr << "profile " << (options.profile.empty() ? "default" : options.profile) << "\n";
  }
}

void write_store(const TestOptions& options, const SimConfig& config, const SimResult& sim,
                 const std::optional<history::Edn>& results,
                 const std::filesystem::path& process_run_dir) {
  StoreContents contents;
  std::ostringstream history_edn;
  history::write_history_edn(sim.history, history_edn);
  contents.history_edn = history_edn.str();
  std::ostringstream txt;
  history::write_history_txt(sim.history, txt);
  contents.history_txt = txt.str();
  if (results) contents.results_edn = history::to_edn_pretty(*results) + "\n";
  contents.nodes = config.nodes;
  contents.node_logs = sim.node_logs;
  contents.history = &sim.history;
  try {
    const auto store_root = std::filesystem::current_path() / "store";
    const std::filesystem::path& dir = process_run_dir;
    write_run_files(dir, contents, /*node_logs=*/!options.bin);
    link_latest(store_root, dir);
    std::cerr << "rumor test: wrote " << dir.string() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "rumor test: cannot write the store: " << e.what() << "\n";
  }
}

int run(const TestOptions& options) {
  SimConfig config = config_from(options);
  describe(options, config);
  const std::filesystem::path process_run_dir = run_dir_for(options);
  const std::unique_ptr<journal::JsonlJournalWriter> journal = open_journal(process_run_dir);
  config.journal = journal.get();

  const auto wall_start = std::chrono::steady_clock::now();
  std::optional<ProcessFigures> process_figures;
  SimResult sim = run_nodes(options, config, process_run_dir, process_figures);
  if (journal) journal->close();
  const auto wall_sim = std::chrono::steady_clock::now();
  const HostFigures host =
      host_figures(sim, config, options.rate, options.jepsen_slip_ms, process_figures);
  const std::vector<std::string> host_warning_lines = host_warnings(host);

  // Over the ops themselves: with --no-store history.edn is never rendered.
  const std::uint64_t fingerprint = run_fingerprint(sim.history, config.nodes, sim.final_values);

  for (const auto& problem : sim.problems) std::cerr << "rumor test: WARN " << problem << "\n";
  for (const auto& warning : host_warning_lines) {
    std::cerr << "rumor test: WARN host: " << warning << "\n";
  }

  std::optional<history::Edn> results;
  history::Validity validity = history::Validity::unknown;
  if (!sim.abort_reason) {
    results = history::check(sim.history, sim.net,
                             history::CheckOptions{.availability = options.availability});
    validity = history::validity_of(*results);
    add_host_keys(*results, sim, host, host_warning_lines);
  }
  const auto wall_end = std::chrono::steady_clock::now();

  if (options.store) {
    write_store(options, config, sim, results, process_run_dir);
  }

  const double simulated_s = static_cast<double>(sim.simulated_ns) / 1e9;
  const double sim_wall_s = std::chrono::duration<double>(wall_sim - wall_start).count();
  const double total_wall_s = std::chrono::duration<double>(wall_end - wall_start).count();
  if (options.bin) {
    std::cerr << "rumor test: ran " << sim_wall_s << " s of wall-clock time (" << sim.events
              << " events); with checking " << total_wall_s * 1e3 << " ms\n";
  } else {
    std::cerr << "rumor test: simulated " << simulated_s << " s (" << sim.events << " events) in "
              << sim_wall_s * 1e3 << " ms, "
              << static_cast<std::int64_t>(simulated_s / std::max(sim_wall_s, 1e-9))
              << "x real time; with checking " << total_wall_s * 1e3 << " ms\n";
  }
  std::cerr << "rumor test: seed " << options.seed << " fingerprint " << core::hex64(fingerprint)
            << "\n";

  if (sim.abort_reason) {
    std::cerr << "rumor test: test crashed: " << *sim.abort_reason << "\n";
    return exit_crash;
  }
  if (options.json) {
    std::cout << history::to_json(*results) << "\n";
  } else {
    std::cout << history::to_edn_pretty(*results) << "\n\n"
              << verdict_line(validity) << "\n"
              << pace_line(host) << "\n";
    for (const auto& warning : host_warning_lines) std::cout << "host: " << warning << "\n";
  }
  return history::exit_code(validity);
}

}  // namespace

int test_command(const std::vector<std::string>& args) {
  const ParsedOptions parsed = parse_test_options(args);
  if (!parsed.options) {
    std::cerr << "rumor test: " << parsed.error << " (rumor test --help lists the flags)\n";
    return exit_bad_arguments;
  }
  if (parsed.options->help) {
    std::cout << test_usage();
    return 0;
  }
  try {
    return run(*parsed.options);
  } catch (const std::exception& e) {
    std::cerr << "rumor test: crashed: " << e.what() << "\n";
    return exit_crash;
  }
}

}  // namespace rumor::replay::sim
