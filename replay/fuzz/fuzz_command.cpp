#include "replay/fuzz/fuzz_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/hex.hpp"
#include "replay/fuzz/campaign.hpp"
#include "replay/fuzz/options.hpp"
#include "replay/fuzz/schedule_file.hpp"
#include "replay/fuzz/shard_result.hpp"
#include "replay/fuzz/shrink.hpp"
#include "replay/fuzz/simulation.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/model/path_file.hpp"

namespace rumor::replay::fuzz {

namespace {

constexpr std::size_t failures_listed_max = 20;
constexpr int exit_crash = 255;  // the message journal could not be written

struct EventCounts {
  int broadcasts = 0;
  int reads = 0;
  int windows = 0;
  int pauses = 0;
};

EventCounts count_events(const Schedule& schedule) {
  EventCounts counts;
  for (const auto& event : schedule.events) {
    if (std::holds_alternative<ClientBroadcast>(event.body)) {
      ++counts.broadcasts;
    } else if (std::holds_alternative<ClientRead>(event.body)) {
      ++counts.reads;
    } else if (std::holds_alternative<Pause>(event.body)) {
      ++counts.pauses;
    } else {
      ++counts.windows;
    }
  }
  return counts;
}

std::string describe_config(const Schedule& schedule) {
  const Config& config = schedule.config;
  const EventCounts counts = count_events(schedule);
  std::ostringstream out;
  out << config.nodes << " nodes, profile " << config.profile << ", topology " << config.topology
      << ", latency " << latency_kind_name(config.latency.kind) << " " << config.latency.mean_ms
      << " ms (max " << config.latency.max_ms << "), fault phase " << config.fault_phase_ms
      << " ms, liveness bound " << config.liveness_ms << " ms; " << schedule.events.size()
      << " events: " << counts.broadcasts << " broadcasts, " << counts.reads << " reads, "
      << counts.windows << " fault windows, " << counts.pauses << " pauses";
  return out.str();
}

std::string describe_verdict(const Verdict& verdict) {
  std::ostringstream out;
  out << outcome_name(verdict.outcome) << " at " << verdict.at_ms << " ms after " << verdict.events
      << " events";
  if (!verdict.reason.empty()) out << ": " << verdict.reason;
  return out.str();
}

std::string reproduce_command(const FuzzOptions& options, std::uint64_t seed) {
  return "rumor fuzz --seeds 1 --seed-start " + std::to_string(seed) + " --nodes " +
         options.nodes_text + " --profile " + options.profile_text;
}

// Shrinks a failing schedule (unless the budget is 0), writes it as a schedule file, says
// where; returns the file's path.
std::string shrink_and_write(const Schedule& failing, const Verdict& verdict,
                             const std::string& name, const std::string& found_by,
                             const FuzzOptions& options) {
  ShrinkResult shrunk{failing, verdict, 0, false};
  if (options.shrink_budget > 0) {
    std::cout << "shrinking " << name << " (budget " << options.shrink_budget << " runs)...\n"
              << std::flush;
    shrunk = shrink(failing, verdict.outcome, options.shrink_budget);
  }
  const std::string path = options.schedule_dir + "/rumor-fuzz-" + name + ".schedule";
  std::ostringstream comment;
  comment << "rumor fuzz schedule (format: replay/fuzz/schedule_file.hpp)\n"
          << "found by: " << found_by << "\n"
          << "original: " << describe_config(failing) << "\n"
          << "shrunk in " << shrunk.runs << " runs"
          << (shrunk.exhausted ? " (budget exhausted, may not be minimal)" : "") << "\n"
          << "verdict: " << describe_verdict(shrunk.verdict) << "\n"
          << "replay: rumor fuzz --replay " << path << "\n";
  try {
    std::filesystem::create_directories(options.schedule_dir);
    write_schedule_file(path, shrunk.schedule, comment.str());
  } catch (const std::exception& error) {
    std::cerr << "rumor fuzz: could not write the schedule: " << error.what() << "\n";
  }
  std::cout << "shrunk " << name << " from " << failing.config.nodes << " nodes, "
            << failing.events.size() << " events to " << shrunk.schedule.config.nodes << " nodes, "
            << shrunk.schedule.events.size() << " events in " << shrunk.runs << " runs"
            << (shrunk.exhausted ? " (budget exhausted)" : "") << "\n"
            << "  shrunk run: " << describe_config(shrunk.schedule) << "\n"
            << "  shrunk verdict: " << describe_verdict(shrunk.verdict) << "\n"
            << "  schedule: " << path << "\n"
            << "  replay: rumor fuzz --replay " << path << "\n";
  return path;
}

// The replayed run's message journal goes to store/fuzz/<schedule name>/journal.jsonl, so that
// `rumor replay` --explain and --diagram read it like any run's (README, rumor fuzz).
std::filesystem::path replay_journal_dir(const std::string& schedule_path) {
  return std::filesystem::current_path() / "store" / "fuzz" /
         std::filesystem::path(schedule_path).stem();
}

Verdict simulate_with_journal(const Schedule& schedule, const FuzzOptions& options) {
  const std::filesystem::path dir = replay_journal_dir(*options.replay_path);
  std::filesystem::create_directories(dir);
  journal::JsonlJournalWriter writer((dir / journal::jsonl_journal_file).string());
  journal::PairingJournal journal(writer);
  const Verdict verdict = simulate(schedule, options.log ? &std::cout : nullptr, &journal);
  writer.close();
  std::cerr << "rumor fuzz: message journal in " << dir.string() << "\n";
  return verdict;
}

int run_replay(const FuzzOptions& options) {
  if (model::is_path_file(*options.replay_path)) {  // a `rumor model` counterexample
    return model::replay_path_command(*options.replay_path,
                                      replay_journal_dir(*options.replay_path), options.log);
  }
  Schedule schedule;
  try {
    schedule = read_schedule_file(*options.replay_path);
  } catch (const ScheduleFileError& error) {
    std::cerr << "rumor fuzz: " << error.what() << "\n";
    return exit_bad_arguments;
  }
  Verdict verdict;
  try {
    verdict = simulate_with_journal(schedule, options);
  } catch (const std::exception& error) {  // the journal could not be written
    std::cerr << "rumor fuzz: " << error.what() << "\n";
    return exit_crash;
  }
  std::cout << "replay " << *options.replay_path << ": " << describe_config(schedule) << "\n"
            << "verdict: " << describe_verdict(verdict) << " (fingerprint "
            << core::hex64(verdict.fingerprint) << ")\n";
  if (options.shrink_replay && verdict.outcome != Outcome::pass) {
    shrink_and_write(schedule, verdict, std::to_string(schedule.config.seed) + ".shrunk",
                     "rumor fuzz --replay " + *options.replay_path + " --shrink", options);
  }
  return exit_code(verdict.outcome);
}

// The campaign's result as JSON (shard_result.hpp) for --json and --result; false if the file
// could not be written.
bool emit_result(const FuzzOptions& options, const CampaignResult& result,
                 std::optional<ShrunkSchedule> schedule, std::ostream& json_out) {
  if (schedule) {
    std::ifstream in(schedule->path, std::ios::binary);
    schedule->text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string json = to_json(shard_result(options.campaign, result, std::move(schedule)));
  if (options.json) json_out << json << "\n" << std::flush;
  if (!options.result_path) return true;
  std::ofstream out(*options.result_path, std::ios::binary);
  out << json << "\n";
  out.close();
  if (out) return true;
  std::cerr << "rumor fuzz: could not write " << *options.result_path << "\n";
  return false;
}

int run_campaign_command(const FuzzOptions& options, std::ostream& json_out) {
  const auto& campaign = options.campaign;
  Progress progress(std::cerr, isatty(STDERR_FILENO) != 0, shard_seed_count(campaign));
  const CampaignResult result = run_campaign(campaign, &progress);
  Outcome worst = Outcome::pass;
  for (std::size_t i = 0; i < result.failures.size(); ++i) {
    const auto& failure = result.failures[i];
    if (failure.verdict.outcome == Outcome::safety || worst == Outcome::pass) {
      worst = failure.verdict.outcome;
    }
    if (i >= failures_listed_max) continue;
    const Schedule schedule = generate_schedule(failure.seed, campaign.limits);
    std::cout << "FAIL seed " << failure.seed << ": " << describe_verdict(failure.verdict) << "\n"
              << "  run: " << describe_config(schedule) << "\n"
              << "  reproduce: " << reproduce_command(options, failure.seed) << "\n";
  }
  if (result.failures.size() > failures_listed_max) {
    std::cout << "... and " << result.failures.size() - failures_listed_max << " more failures\n";
  }
  std::optional<ShrunkSchedule> first_schedule;
  if (!result.failures.empty()) {
    const auto& first = result.failures.front();
    if (!campaign.keep_going) {
      std::cout << "stopped at the first failing seed (--keep-going runs every seed)\n";
    }
    first_schedule =
        ShrunkSchedule{first.seed,
                       shrink_and_write(generate_schedule(first.seed, campaign.limits),
                                        first.verdict, std::to_string(first.seed),
                                        reproduce_command(options, first.seed), options),
                       ""};
  }
  const double rate = result.seconds > 0 ? static_cast<double>(result.runs) / result.seconds : 0;
  char figures[256];
  std::snprintf(figures, sizeof figures, "%llu runs, %llu events, %.1f s, %.1f runs/s",
                static_cast<unsigned long long>(result.runs),
                static_cast<unsigned long long>(result.events), result.seconds, rate);
  std::cout << "rumor fuzz: " << figures << " (seeds " << campaign.seed_start << ".."
            << campaign.seed_start + campaign.seeds - 1 << ", nodes " << options.nodes_text
            << ", profile " << options.profile_text << ", jobs " << campaign.jobs
            << ", fingerprint " << core::hex64(result.fingerprint) << ")\n";
  if (campaign.shard_count > 1) {
    std::cout << "shard " << campaign.shard_index << "/" << campaign.shard_count << ": seeds "
              << shard_seed(campaign, 0) << ", " << shard_seed(campaign, 0) + campaign.shard_count
              << ", ... (stride " << campaign.shard_count << "), digest "
              << core::hex64(result.digest) << "\n";
  }
  if (result.slowest_converged_ms >= 0) {
    std::cout << "slowest convergence: " << result.slowest_converged_ms
              << " ms after the heal, of a " << result.slowest_bound_ms << " ms bound (seed "
              << result.slowest_seed << ")\n";
  }
  if (result.failures.empty()) {
    std::cout << "all runs passed\n";
  } else {
    std::cout << result.failures.size() << " failing runs, worst: " << outcome_name(worst) << "\n";
  }
  if ((options.json || options.result_path) &&
      !emit_result(options, result, std::move(first_schedule), json_out)) {
    return exit_crash;
  }
  return exit_code(worst);
}

}  // namespace

int fuzz_command(const std::vector<std::string>& args) {
  FuzzOptions options;
  try {
    options = parse_fuzz_options(args);
  } catch (const std::invalid_argument& error) {
    std::cerr << "rumor fuzz: " << error.what() << " (rumor fuzz --help lists the flags)\n";
    return exit_bad_arguments;
  }
  if (options.help) {
    std::cout << fuzz_usage;
    return exit_pass;
  }
  if (options.replay_path) return run_replay(options);
  if (options.campaign.seeds == 0 && !options.json && !options.result_path) {
    std::cout << "rumor fuzz: 0 runs\nall runs passed\n";
    return exit_pass;
  }
  // With --json, stdout carries only the result: the text goes to stderr meanwhile.
  std::ostream json_out(std::cout.rdbuf());
  if (options.json) std::cout.rdbuf(std::cerr.rdbuf());
  const int exit = run_campaign_command(options, json_out);
  std::cout.rdbuf(json_out.rdbuf());
  return exit;
}

}  // namespace rumor::replay::fuzz
