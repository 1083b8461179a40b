// A campaign: seeds seed_start .. seed_start + seeds - 1, one independent run each, spread over
// `jobs` threads. Results are collected per seed and summed in seed order, so everything printed
// (and the exit code) is the same for any number of jobs.
// A campaign that outgrows one machine is split into shards (`--shard K/N`): shard K runs the
// seeds whose offset from seed_start is K-1 modulo N. Strided rather than in blocks, so every
// shard samples the whole seed range (each seed draws its run independently, so blocks would
// balance the work as well in expectation: tests/benchmarks.md, Shards).
#pragma once

#include <cstdint>
#include <vector>

#include "replay/fuzz/generate.hpp"
#include "replay/fuzz/progress.hpp"
#include "replay/fuzz/verdict.hpp"

namespace rumor::replay::fuzz {

struct CampaignOptions {
  std::uint64_t seeds = 0;
  std::uint64_t seed_start = 0;
  int jobs = 1;
  SwarmLimits limits;
  // Without it the campaign stops at its lowest failing seed (seeds below it all still run, so
  // which seed that is does not depend on jobs).
  bool keep_going = false;
  int shard_index = 1;  // K of --shard K/N, 1-based
  int shard_count = 1;  // N
};

// How many seeds shard K of N runs when nothing fails: offsets K-1, K-1+N, ... below seeds.
std::uint64_t shard_seed_count(const CampaignOptions& options);

// The seed of the shard's i-th run.
std::uint64_t shard_seed(const CampaignOptions& options, std::uint64_t index);

// The run's share of a campaign digest: summed (mod 2^64) over runs, so shards' digests add up to
// the digest of one unsharded run over the same seeds, in any order.
std::uint64_t run_digest(std::uint64_t seed, const Verdict& verdict);

struct SeedFailure {
  std::uint64_t seed = 0;
  Verdict verdict;
};

struct CampaignResult {
  std::uint64_t runs = 0;
  std::uint64_t events = 0;
  std::uint64_t fingerprint = 0;  // of every run's fingerprint, in seed order
  std::uint64_t digest = 0;       // sum of run_digest over the runs
  double seconds = 0;
  double cpu_seconds = 0;             // of the whole process, every thread
  std::vector<SeedFailure> failures;  // in seed order
  // The passing run that used the largest share of its convergence bound.
  std::uint64_t slowest_seed = 0;
  std::int64_t slowest_converged_ms = -1;
  std::int64_t slowest_bound_ms = 0;
};

CampaignResult run_campaign(const CampaignOptions& options, Progress* progress);

}  // namespace rumor::replay::fuzz
