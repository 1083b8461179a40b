// A campaign: seeds seed_start .. seed_start + seeds - 1, one independent run each, spread over
// `jobs` threads. Results are collected per seed and summed in seed order, so everything printed
// (and the exit code) is the same for any number of jobs.
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
};

struct SeedFailure {
  std::uint64_t seed = 0;
  Verdict verdict;
};

struct CampaignResult {
  std::uint64_t runs = 0;
  std::uint64_t events = 0;
  std::uint64_t fingerprint = 0;  // of every run's fingerprint, in seed order
  double seconds = 0;
  std::vector<SeedFailure> failures;  // in seed order
  // The passing run that used the largest share of its convergence bound.
  std::uint64_t slowest_seed = 0;
  std::int64_t slowest_converged_ms = -1;
  std::int64_t slowest_bound_ms = 0;
};

CampaignResult run_campaign(const CampaignOptions& options, Progress* progress);

}  // namespace rumor::replay::fuzz
