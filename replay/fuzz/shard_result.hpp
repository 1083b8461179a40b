// The result of one `rumor fuzz` campaign, or of one shard of one (`--shard K/N`), as the JSON
// object `--json` prints and `--result FILE` writes, and as `rumor merge` reads it back.
//
//   {"kind": "rumor-fuzz", "version": 1,
//    "options": {"seed_start", "seeds", "nodes": "A..B", "profile", "keep_going"},
//    "shard": {"index": K, "count": N, "split": "strided"},
//    "seeds": {"first", "stride", "planned", "last_run"},   // the seeds this shard covers
//    "complete", "runs", "events", "digest": "hex",
//    "failures": [{"seed", "outcome", "reason", "at_ms", "events", "fingerprint": "hex"}],
//    "first_failure": {"seed", "schedule": {"path", "text"}} or null,
//    "wall_s", "cpu_s", "jobs", "exit"}
//
// "wall_s" and "cpu_s" time the runs (CPU of every thread), not the shrinking of the first
// failure. "options" holds everything two shards must agree on to be merged; "digest" sums a hash
// of every run's seed and fingerprint, so the digests of N shards add up (mod 2^64) to the digest
// of one run over the same seeds.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "replay/fuzz/campaign.hpp"
#include "replay/fuzz/verdict.hpp"

namespace rumor::replay::fuzz {

inline constexpr const char* fuzz_result_kind = "rumor-fuzz";
inline constexpr int fuzz_result_version = 1;

struct FailedRun {
  std::uint64_t seed = 0;
  Outcome outcome = Outcome::safety;
  std::string reason;
  std::int64_t at_ms = 0;
  std::uint64_t events = 0;
  std::uint64_t fingerprint = 0;
};

// The shrunk schedule of a shard's first failure, as written to its schedule file.
struct ShrunkSchedule {
  std::uint64_t seed = 0;
  std::string path;
  std::string text;  // the schedule file's contents; empty if it could not be written
};

// What must match for shards to belong to one campaign.
struct CampaignKey {
  std::uint64_t seed_start = 0;
  std::uint64_t seeds = 0;
  std::string nodes;    // A..B
  std::string profile;  // a profile's name, or all
  bool keep_going = false;
};

struct ShardResult {
  CampaignKey campaign;
  int shard_index = 1;
  int shard_count = 1;
  std::uint64_t planned = 0;  // seeds the shard runs when none fails
  std::uint64_t runs = 0;
  std::uint64_t events = 0;
  std::uint64_t digest = 0;
  std::vector<FailedRun> failures;  // in seed order
  std::optional<ShrunkSchedule> first_failure;
  double wall_s = 0;
  double cpu_s = 0;
  int jobs = 1;
};

// The worst outcome among the failures: safety beats liveness beats pass.
Outcome worst_outcome(const std::vector<FailedRun>& failures);

ShardResult shard_result(const CampaignOptions& options, const CampaignResult& result,
                         std::optional<ShrunkSchedule> first_failure);

// One line of JSON.
std::string to_json(const ShardResult& result);

struct ResultError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The inverse of to_json, from a parsed object of kind "rumor-fuzz"; throws ResultError naming
// the field that is missing, ill-typed or out of range.
ShardResult parse_shard_result(const rapidjson::Value& object);

// Whether `seed` is one of the campaign's seeds that shard `index` of `count` runs.
bool seed_in_shard(const CampaignKey& campaign, int index, int count, std::uint64_t seed);

}  // namespace rumor::replay::fuzz
