#include "replay/fuzz/campaign.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <limits>
#include <optional>
#include <thread>

#include "replay/fuzz/hash.hpp"
#include "replay/fuzz/simulation.hpp"

namespace rumor::replay::fuzz {

namespace {

constexpr auto poll_interval = std::chrono::milliseconds(50);

struct Shared {
  const CampaignOptions& options;
  std::uint64_t seeds = 0;                       // the shard's
  std::vector<std::optional<Verdict>> verdicts;  // by seed offset; each written by one worker
  std::atomic<std::uint64_t> next{0};
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> failed{0};
  std::atomic<std::uint64_t> first_failure{std::numeric_limits<std::uint64_t>::max()};
  std::atomic<int> workers_running{0};
};

void lower_to(std::atomic<std::uint64_t>& target, std::uint64_t value) {
  std::uint64_t current = target.load();
  while (value < current && !target.compare_exchange_weak(current, value)) {
  }
}

void work(Shared& shared) {
  const auto& options = shared.options;
  while (true) {
    const std::uint64_t offset = shared.next.fetch_add(1);
    if (offset >= shared.seeds) break;
    // Seeds are claimed in order, so every seed below the first failure has been claimed.
    if (!options.keep_going && offset > shared.first_failure.load()) break;
    const std::uint64_t seed = shard_seed(options, offset);
    Verdict verdict = simulate(generate_schedule(seed, options.limits));
    if (verdict.outcome != Outcome::pass) {
      ++shared.failed;
      lower_to(shared.first_failure, offset);
    }
    shared.verdicts[offset] = std::move(verdict);
    ++shared.done;
  }
  --shared.workers_running;
}

}  // namespace

std::uint64_t shard_seed_count(const CampaignOptions& options) {
  const auto first = static_cast<std::uint64_t>(options.shard_index - 1);
  const auto stride = static_cast<std::uint64_t>(std::max(1, options.shard_count));
  return options.seeds <= first ? 0 : (options.seeds - first - 1) / stride + 1;
}

std::uint64_t shard_seed(const CampaignOptions& options, std::uint64_t index) {
  return options.seed_start + static_cast<std::uint64_t>(options.shard_index - 1) +
         index * static_cast<std::uint64_t>(std::max(1, options.shard_count));
}

std::uint64_t run_digest(std::uint64_t seed, const Verdict& verdict) {
  return hash_words({seed, verdict.fingerprint});
}

CampaignResult run_campaign(const CampaignOptions& options, Progress* progress) {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const std::uint64_t seeds = shard_seed_count(options);
  Shared shared{
      .options = options, .seeds = seeds, .verdicts = std::vector<std::optional<Verdict>>(seeds)};
  const int jobs = std::max(1, options.jobs);
  shared.workers_running = jobs;
  std::vector<std::thread> workers;
  for (int i = 0; i < jobs; ++i) workers.emplace_back(work, std::ref(shared));
  while (shared.workers_running.load() > 0) {
    std::this_thread::sleep_for(poll_interval);
    if (progress) progress->update(shared.done.load(), shared.failed.load());
  }
  for (auto& worker : workers) worker.join();

  CampaignResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const std::uint64_t first_failure = shared.first_failure.load();
  const std::uint64_t counted =
      options.keep_going || first_failure >= seeds ? seeds : first_failure + 1;
  for (std::uint64_t offset = 0; offset < counted; ++offset) {
    const Verdict& verdict = *shared.verdicts[offset];
    const std::uint64_t seed = shard_seed(options, offset);
    ++result.runs;
    result.events += verdict.events;
    result.fingerprint = hash_words({result.fingerprint, verdict.fingerprint});
    result.digest += run_digest(seed, verdict);
    if (verdict.outcome != Outcome::pass) {
      result.failures.push_back(SeedFailure{seed, verdict});
    } else if (verdict.converged_after_heal_ms *
                   std::max<std::int64_t>(result.slowest_bound_ms, 1) >
               result.slowest_converged_ms * std::max<std::int64_t>(verdict.liveness_bound_ms, 1)) {
      result.slowest_seed = seed;
      result.slowest_converged_ms = verdict.converged_after_heal_ms;
      result.slowest_bound_ms = verdict.liveness_bound_ms;
    }
  }
  if (progress) progress->finish(result.runs, result.failures.size());
  return result;
}

}  // namespace rumor::replay::fuzz
