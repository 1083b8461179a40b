#include "replay/fuzz/shard_merge.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/hex.hpp"
#include "replay/json_members.hpp"

namespace rumor::replay::fuzz {

namespace {

constexpr std::size_t failures_listed_max = 20;

std::string shard_name(int index, int count) {
  return std::to_string(index) + "/" + std::to_string(count);
}

// Which option differs, e.g. "profile 'frugal' vs 'all'"; empty when none does.
std::string campaign_difference(const CampaignKey& a, const CampaignKey& b) {
  if (a.seed_start != b.seed_start) {
    return "seed_start " + std::to_string(a.seed_start) + " vs " + std::to_string(b.seed_start);
  }
  if (a.seeds != b.seeds)
    return "seeds " + std::to_string(a.seeds) + " vs " + std::to_string(b.seeds);
  if (a.nodes != b.nodes) return "nodes '" + a.nodes + "' vs '" + b.nodes + "'";
  if (a.profile != b.profile) return "profile '" + a.profile + "' vs '" + b.profile + "'";
  if (a.keep_going != b.keep_going) {
    return std::string("keep_going ") + (a.keep_going ? "true" : "false") + " vs " +
           (b.keep_going ? "true" : "false");
  }
  return "";
}

// A shard's figures must be what its options and K/N give.
void check_coverage(const NamedShard& shard) {
  const ShardResult& r = shard.result;
  const auto fail = [&](const std::string& why) { throw MergeError(shard.name + ": " + why); };
  CampaignOptions options;
  options.seeds = r.campaign.seeds;
  options.shard_index = r.shard_index;
  options.shard_count = r.shard_count;
  if (r.planned != shard_seed_count(options)) {
    fail("plans " + std::to_string(r.planned) + " seeds, but shard " +
         shard_name(r.shard_index, r.shard_count) + " of " + std::to_string(r.campaign.seeds) +
         " seeds has " + std::to_string(shard_seed_count(options)));
  }
  if (r.runs > r.planned || r.failures.size() > r.runs) fail("more runs or failures than seeds");
  if (r.runs < r.planned && (r.campaign.keep_going || r.failures.empty())) {
    fail("ran " + std::to_string(r.runs) + " of its " + std::to_string(r.planned) +
         " seeds without stopping at a failure (an interrupted shard?)");
  }
  for (std::size_t i = 0; i < r.failures.size(); ++i) {
    const std::uint64_t seed = r.failures[i].seed;
    if (!seed_in_shard(r.campaign, r.shard_index, r.shard_count, seed) ||
        (i > 0 && seed <= r.failures[i - 1].seed)) {
      fail("failing seed " + std::to_string(seed) + " is out of order or not one of its seeds");
    }
  }
  const bool schedule_fits = r.failures.empty()
                                 ? !r.first_failure
                                 : r.first_failure && r.first_failure->seed == r.failures[0].seed;
  if (!schedule_fits) fail("\"first_failure\" does not match its lowest failing seed");
}

void check_complete(const std::map<int, const NamedShard*>& by_index, int count) {
  std::string missing;
  int missing_count = 0;
  for (int index = 1; index <= count; ++index) {
    if (by_index.count(index) > 0) continue;
    if (++missing_count <= 20) missing += (missing.empty() ? "" : ", ") + std::to_string(index);
  }
  if (missing_count == 0) return;
  if (missing_count > 20) missing += ", ...";
  throw MergeError(std::to_string(missing_count) + " of " + std::to_string(count) +
                   " shards missing: " + missing + " (have " + std::to_string(by_index.size()) +
                   ")");
}

}  // namespace

MergedCampaign merge_shards(const std::vector<NamedShard>& shards) {
  if (shards.empty()) throw MergeError("no results to merge");
  const NamedShard& first = shards.front();
  std::map<int, const NamedShard*> by_index;
  for (const NamedShard& shard : shards) {
    const ShardResult& r = shard.result;
    const std::string difference = campaign_difference(r.campaign, first.result.campaign);
    if (!difference.empty()) {
      throw MergeError(shard.name + " is of another campaign than " + first.name + ": " +
                       difference);
    }
    if (r.shard_count != first.result.shard_count) {
      throw MergeError(shard.name + " is shard " + shard_name(r.shard_index, r.shard_count) +
                       ", but " + first.name + " is of " +
                       std::to_string(first.result.shard_count) + " shards");
    }
    const auto [at, inserted] = by_index.emplace(r.shard_index, &shard);
    if (!inserted) {
      throw MergeError(shard.name + " and " + at->second->name + " are both shard " +
                       shard_name(r.shard_index, r.shard_count));
    }
    check_coverage(shard);
  }
  check_complete(by_index, first.result.shard_count);

  MergedCampaign merged;
  merged.shard_count = first.result.shard_count;
  ShardResult& whole = merged.whole;
  whole.campaign = first.result.campaign;
  whole.planned = whole.campaign.seeds;
  for (const auto& [index, shard] : by_index) {
    const ShardResult& r = shard->result;
    whole.runs += r.runs;
    whole.events += r.events;
    whole.digest += r.digest;
    whole.failures.insert(whole.failures.end(), r.failures.begin(), r.failures.end());
    if (r.first_failure &&
        (!whole.first_failure || r.first_failure->seed < whole.first_failure->seed)) {
      whole.first_failure = r.first_failure;
      merged.first_failure_shard = index;
    }
    whole.wall_s = std::max(whole.wall_s, r.wall_s);
    whole.cpu_s += r.cpu_s;
  }
  std::sort(whole.failures.begin(), whole.failures.end(),
            [](const FailedRun& a, const FailedRun& b) { return a.seed < b.seed; });
  return merged;
}

std::string merged_json(const MergedCampaign& merged) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  // The merged campaign reads like one unsharded result (shard 1/1), under its own kind.
  const std::string body = to_json(merged.whole);
  w.StartObject();
  json::member(w, "kind", "rumor-merge");
  json::member(w, "of", fuzz_result_kind);
  json::member(w, "shards", merged.shard_count);
  json::member(w, "first_failure_shard", merged.first_failure_shard);
  w.Key("result");
  w.RawValue(body.c_str(), body.size(), rapidjson::kObjectType);
  json::member(w, "exit", exit_code(merged));
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

void print_merged(std::ostream& out, const MergedCampaign& merged) {
  const ShardResult& whole = merged.whole;
  const CampaignKey& c = whole.campaign;
  out << "rumor merge: " << merged.shard_count << " shards of rumor fuzz (seeds ";
  if (c.seeds == 0) {
    out << "none";
  } else {
    out << c.seed_start << ".." << c.seed_start + (c.seeds - 1);
  }
  out << ", nodes " << c.nodes << ", profile " << c.profile
      << (c.keep_going ? ", --keep-going" : "") << ")\n";
  for (std::size_t i = 0; i < whole.failures.size() && i < failures_listed_max; ++i) {
    const FailedRun& f = whole.failures[i];
    out << "FAIL seed " << f.seed << ": " << outcome_name(f.outcome) << " at " << f.at_ms
        << " ms after " << f.events << " events" << (f.reason.empty() ? "" : ": " + f.reason)
        << "\n  reproduce: rumor fuzz --seeds 1 --seed-start " << f.seed << " --nodes " << c.nodes
        << " --profile " << c.profile << "\n";
  }
  if (whole.failures.size() > failures_listed_max) {
    out << "... and " << whole.failures.size() - failures_listed_max << " more failures\n";
  }
  if (whole.first_failure) {
    out << "first failing seed " << whole.first_failure->seed << " (shard "
        << shard_name(merged.first_failure_shard, merged.shard_count) << "), shrunk schedule "
        << whole.first_failure->path << " where that shard ran\n";
    if (!c.keep_going) {
      out << "each shard stopped at its own first failure (--keep-going runs every seed)\n";
    }
  }
  char figures[160];
  std::snprintf(figures, sizeof figures, "%.1f s wall (slowest shard), %.1f s CPU (all shards)",
                whole.wall_s, whole.cpu_s);
  out << whole.runs << " runs, " << whole.events << " events, digest " << core::hex64(whole.digest)
      << ", " << figures << "\n";
  if (whole.failures.empty()) {
    out << "all runs passed\n";
  } else {
    out << whole.failures.size()
        << " failing runs, worst: " << outcome_name(worst_outcome(whole.failures)) << "\n";
  }
}

}  // namespace rumor::replay::fuzz
