#include "replay/model/report.hpp"

#include <cstdio>
#include <ostream>

#include "core/codec.hpp"

namespace rumor::replay::model {

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::uint64_t rate(std::uint64_t count, double seconds) {
  return seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(count) / seconds) : 0;
}

std::string quoted(const std::string& text) {
  std::string out;
  core::append_json_string(out, text);
  return out;
}

Verdict verdict_of(const ExploreResult& result) {
  return result.counterexample ? result.counterexample->verdict : Verdict::pass;
}

}  // namespace

int verdict_exit_code(const ExploreResult& result) {
  switch (verdict_of(result)) {
    case Verdict::pass:
      return 0;
    case Verdict::safety:
      return 1;
    default:
      return 2;
  }
}

std::string progress_line(const ExploreStats& stats) {
  return "explored " + std::to_string(stats.explored) + ", distinct " +
         std::to_string(stats.distinct) + ", depth " + std::to_string(stats.depth) + ", " +
         std::to_string(rate(stats.distinct, stats.seconds)) + " states/s, queue " +
         std::to_string(stats.queue);
}

void print_report(std::ostream& out, const ModelConfig& config, const ExploreResult& result,
                  const ReportFiles& files) {
  const auto& stats = result.stats;
  out << "rumor model: nodes " << config.nodes << ", values " << config.values << ", drops "
      << config.drops << ", dups " << config.dups << ", partitions " << config.partitions
      << ", profile " << config.profile << ", in-flight-max " << config.in_flight_max
      << ", partition-wakes " << config.partition_wakes;
  if (config.message_wakes >= 0) out << ", message-wakes " << config.message_wakes;
  if (config.dup_beyond_max) out << ", dup-beyond-max";
  if (config.max_depth > 0) out << ", max-depth " << config.max_depth;
  if (config.shard_count > 1)
    out << ", shard " << config.shard_index + 1 << "/" << config.shard_count;
  out << "\n  distinct states " << stats.distinct << " (explored " << stats.explored
      << ", symmetries " << stats.symmetries << "), max depth " << stats.depth
      << "\n  transitions:";
  for (int k = 0; k < kind_count; ++k) {
    out << " " << kind_name(static_cast<Kind>(k)) << " "
        << stats.transitions[static_cast<std::size_t>(k)];
  }
  out << "\n  pruned by --in-flight-max " << stats.pruned << ", left unexpanded " << stats.depth_cut
      << ", left to other shards " << stats.shard_left << ", liveness inconclusive "
      << result.inconclusive << "\n  wall " << fixed(stats.seconds, 2) << " s, cpu "
      << fixed(stats.cpu_seconds, 2) << " s, " << rate(stats.distinct, stats.cpu_seconds) * 60
      << " distinct states/min of cpu, peak memory " << stats.peak_rss_bytes / (1024 * 1024)
      << " MiB\n  states per level:";
  for (std::uint64_t count : stats.level_states) out << " " << count;
  out << "\n  largest level encoded "
      << fixed(static_cast<double>(stats.level_bytes_max) / (1 << 20), 1) << " MiB\n";
  if (const auto& counterexample = result.counterexample) {
    out << "VIOLATION (" << verdict_name(counterexample->verdict) << "): " << counterexample->what
        << "\n  shortest path: " << counterexample->path.size() << " transitions";
    if (counterexample->verdict == Verdict::livelock) {
      out << " (the cycle starts after transition " << counterexample->cycle_start << ")";
    }
    out << "\n";
    if (files.path_file) {
      out << "  path: " << *files.path_file << "\n  replay: rumor fuzz --replay "
          << *files.path_file << "\n";
    }
  } else {
    out << "verdict: pass"
        << (result.exhausted ? ", exhausted" : ", NOT exhausted (a bound cut the search)")
        << "; every fault-free continuation converges within " << result.convergence_bound
        << " transitions\n";
  }
  if (files.fingerprints_file) out << "  fingerprints: " << *files.fingerprints_file << "\n";
}

std::string report_json(const ModelConfig& config, const ExploreResult& result,
                        const ReportFiles& files) {
  const auto& stats = result.stats;
  std::string out =
      "{\"kind\":\"rumor-model\",\"config\":{\"nodes\":" + std::to_string(config.nodes) +
      ",\"values\":" + std::to_string(config.values) +
      ",\"drops\":" + std::to_string(config.drops) + ",\"dups\":" + std::to_string(config.dups) +
      ",\"partitions\":" + std::to_string(config.partitions) +
      ",\"profile\":" + quoted(config.profile) +
      ",\"max_depth\":" + std::to_string(config.max_depth) +
      ",\"in_flight_max\":" + std::to_string(config.in_flight_max) +
      ",\"partition_wakes\":" + std::to_string(config.partition_wakes) + ",\"message_wakes\":" +
      (config.message_wakes >= 0 ? std::to_string(config.message_wakes) : "null") +
      ",\"dup_beyond_max\":" + (config.dup_beyond_max ? "true" : "false") +
      ",\"jobs\":" + std::to_string(config.jobs) + "}";
  out += ",\"shard\":{\"index\":" + std::to_string(config.shard_index + 1) +
         ",\"count\":" + std::to_string(config.shard_count) + "}";
  out += ",\"verdict\":" +
         quoted(result.counterexample ? verdict_name(result.counterexample->verdict) : "pass");
  out += ",\"exhausted\":" + std::string(result.exhausted ? "true" : "false");
  out += ",\"distinct_states\":" + std::to_string(stats.distinct) +
         ",\"explored_states\":" + std::to_string(stats.explored) +
         ",\"max_depth_reached\":" + std::to_string(stats.depth) + ",\"transitions\":{";
  for (int k = 0; k < kind_count; ++k) {
    out += (k ? "," : "") + quoted(kind_name(static_cast<Kind>(k))) + ":" +
           std::to_string(stats.transitions[static_cast<std::size_t>(k)]);
  }
  out += "},\"pruned\":" + std::to_string(stats.pruned) +
         ",\"unexpanded\":" + std::to_string(stats.depth_cut) +
         ",\"shard_left\":" + std::to_string(stats.shard_left) +
         ",\"liveness_inconclusive\":" + std::to_string(result.inconclusive) +
         ",\"convergence_bound\":" + std::to_string(result.convergence_bound) +
         ",\"symmetries\":" + std::to_string(stats.symmetries) +
         ",\"wall_seconds\":" + fixed(stats.seconds, 3) +
         ",\"cpu_seconds\":" + fixed(stats.cpu_seconds, 3) +
         ",\"peak_rss_bytes\":" + std::to_string(stats.peak_rss_bytes) +
         ",\"level_bytes_max\":" + std::to_string(stats.level_bytes_max) + ",\"level_states\":[";
  for (std::size_t i = 0; i < stats.level_states.size(); ++i) {
    out += (i ? "," : "") + std::to_string(stats.level_states[i]);
  }
  out += "]";
  if (const auto& counterexample = result.counterexample) {
    out += ",\"violation\":" + quoted(counterexample->what) +
           ",\"path_length\":" + std::to_string(counterexample->path.size());
  }
  if (files.path_file) out += ",\"path_file\":" + quoted(*files.path_file);
  if (files.fingerprints_file) out += ",\"fingerprints_file\":" + quoted(*files.fingerprints_file);
  return out + "}";
}

}  // namespace rumor::replay::model
