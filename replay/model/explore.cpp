#include "replay/model/explore.hpp"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "core/profile.hpp"
#include "replay/model/fingerprint.hpp"
#include "replay/model/frontier.hpp"
#include "replay/model/liveness.hpp"
#include "replay/model/visited.hpp"

namespace rumor::replay::model {

namespace {

// Frontier states expanded per batch: bounds the successors held at once.
constexpr std::size_t batch_states = 2048;

struct Candidate {
  std::uint32_t parent = 0;
  Transition via;
  std::uint64_t fingerprint = 0;
  Successor successor;
};

std::uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::uint64_t kib = 0;
      status >> kib;
      return kib * 1024;
    }
  }
  return 0;
}

void expand_range(const std::vector<FrontierEntry>& frontier, std::size_t begin, std::size_t end,
                  const ModelConfig& config, const Fingerprinter& fingerprint,
                  std::vector<Candidate>& out) {
  std::vector<Transition> enabled;
  for (std::size_t i = begin; i < end; ++i) {
    enabled_transitions(frontier[i].world, config, enabled);
    for (const Transition& transition : enabled) {
      Candidate candidate{frontier[i].index, transition, 0,
                          apply(frontier[i].world, transition, config)};
      if (!candidate.successor.violation && !candidate.successor.pruned) {
        candidate.fingerprint = fingerprint(candidate.successor.world);
      }
      out.push_back(std::move(candidate));
    }
  }
}

// Successors of frontier[begin, end), computed by `jobs` threads, in the frontier's order.
std::vector<std::vector<Candidate>> expand(const std::vector<FrontierEntry>& frontier,
                                           std::size_t begin, std::size_t end,
                                           const ModelConfig& config,
                                           const Fingerprinter& fingerprint) {
  const std::size_t jobs = std::max<std::size_t>(1, static_cast<std::size_t>(config.jobs));
  std::vector<std::vector<Candidate>> parts(jobs);
  const std::size_t share = (end - begin + jobs - 1) / jobs;
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < jobs; ++j) {
    const std::size_t from = std::min(end, begin + j * share);
    const std::size_t to = std::min(end, from + share);
    if (j + 1 == jobs || jobs == 1) {
      expand_range(frontier, from, to, config, fingerprint, parts[j]);
    } else {
      threads.emplace_back(
          [&, from, to, j] { expand_range(frontier, from, to, config, fingerprint, parts[j]); });
    }
  }
  for (auto& thread : threads) thread.join();
  return parts;
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

class Search {
 public:
  Search(const ModelConfig& config, const ExploreOptions& options)
      : config_(config), options_(options) {}

  ExploreResult run();

 private:
  bool absorb(Candidate& candidate, FrontierLevel& next);
  bool expand_level(FrontierLevel& frontier, FrontierLevel& next, const Fingerprinter& fingerprint,
                    bool split_here, bool cut_here);
  void report_progress(bool force);
  std::vector<Transition> path_to(std::uint32_t index) const;
  ExploreResult finish();

  const ModelConfig& config_;
  const ExploreOptions& options_;
  StateGraph graph_;
  VisitedSet visited_;
  ExploreResult result_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_ = start_;
};

std::vector<Transition> Search::path_to(std::uint32_t index) const { return graph_.path_to(index); }

ExploreResult Search::finish() {
  auto& stats = result_.stats;
  stats.distinct = visited_.size();
  if (options_.keep_fingerprints) result_.fingerprints = visited_.keys();
  // The liveness check needs no fingerprints: its arrays take the visited set's memory.
  visited_ = VisitedSet{};
  if (!result_.counterexample) {
    const auto liveness = graph_.check_liveness();
    result_.counterexample = liveness.counterexample;
    result_.convergence_bound = liveness.bound;
    result_.inconclusive = liveness.inconclusive;
  }
  result_.exhausted = !result_.counterexample && stats.depth_cut == 0;
  report_progress(true);
  stats.peak_rss_bytes = peak_rss_bytes();
  return std::move(result_);
}

void Search::report_progress(bool force) {
  auto& stats = result_.stats;
  const auto now = std::chrono::steady_clock::now();
  stats.seconds = std::chrono::duration<double>(now - start_).count();
  stats.cpu_seconds = cpu_seconds();
  if (!options_.progress) return;
  if (!force && now - last_progress_ < std::chrono::milliseconds(500)) return;
  last_progress_ = now;
  options_.progress(stats);
}

// Takes one successor into the graph; false when it is a violation (the search stops).
bool Search::absorb(Candidate& candidate, FrontierLevel& next) {
  auto& stats = result_.stats;
  ++stats.transitions[static_cast<int>(candidate.via.kind)];
  if (candidate.successor.violation) {
    auto path = path_to(candidate.parent);
    path.push_back(candidate.via);
    result_.counterexample =
        Counterexample{Verdict::safety, *candidate.successor.violation, std::move(path), 0};
    return false;
  }
  if (candidate.successor.pruned) {
    ++stats.pruned;
    if (!is_fault(candidate.via.kind)) graph_.mark_cut(candidate.parent);
    return true;
  }
  const auto [index, inserted] =
      visited_.insert(candidate.fingerprint, static_cast<std::uint32_t>(graph_.size()));
  if (inserted) {
    graph_.add_state(candidate.parent, candidate.via,
                     converged(candidate.successor.world, config_.values));
    next.push(index, candidate.successor.world);
  }
  if (!is_fault(candidate.via.kind)) graph_.add_edge(candidate.parent, index, candidate.via);
  return true;
}

// Expands one level batch by batch into `next`; false when a violation stopped the search.
bool Search::expand_level(FrontierLevel& frontier, FrontierLevel& next,
                          const Fingerprinter& fingerprint, bool split_here, bool cut_here) {
  auto& stats = result_.stats;
  const std::uint64_t level_size = frontier.size();
  const auto shards = static_cast<std::uint64_t>(config_.shard_count);
  std::uint64_t position = 0;
  std::vector<FrontierEntry> batch;
  for (;;) {
    batch.clear();
    while (batch.size() < batch_states) {
      auto entry = frontier.pop();
      if (!entry) break;
      const std::uint64_t at = position++;
      if (cut_here) {
        graph_.mark_cut(entry->index);
        ++stats.depth_cut;
      } else if (split_here && at % shards != static_cast<std::uint64_t>(config_.shard_index)) {
        graph_.mark_cut(entry->index);
        ++stats.shard_left;
      } else {
        batch.push_back(std::move(*entry));
      }
    }
    if (batch.empty()) return true;
    auto parts = expand(batch, 0, batch.size(), config_, fingerprint);
    for (auto& part : parts) {
      for (auto& candidate : part) {
        if (!absorb(candidate, next)) return false;
      }
    }
    stats.explored += batch.size();
    stats.distinct = visited_.size();
    stats.queue = level_size - position + next.size();
    report_progress(false);
  }
}

ExploreResult Search::run() {
  const auto profile = core::profile_named(config_.profile);
  if (!profile) throw std::invalid_argument("unknown profile '" + config_.profile + "'");
  Successor initial = initial_world(config_, *profile);
  if (initial.violation || initial.pruned) {
    result_.counterexample = Counterexample{
        Verdict::safety, initial.violation.value_or("the setup overflows a link"), {}, 0};
    return result_;
  }
  const Fingerprinter fingerprint(initial.world, options_.reduce_symmetry, config_.values);
  result_.stats.symmetries = fingerprint.symmetry_count();
  visited_.insert(fingerprint(initial.world), 0);
  graph_.add_state(0, Transition{}, converged(initial.world, config_.values));
  auto frontier = std::make_unique<FrontierLevel>(initial.world);
  frontier->push(0, initial.world);
  bool sharded = config_.shard_count <= 1;
  for (int depth = 0; frontier->size() > 0; ++depth) {
    result_.stats.depth = depth;
    result_.stats.level_states.push_back(frontier->size());
    result_.stats.level_bytes_max = std::max(result_.stats.level_bytes_max, frontier->bytes());
    // From the first level big enough, the shards split it: each expands every N-th state.
    const bool split_here =
        !sharded && frontier->size() >= static_cast<std::uint64_t>(config_.shard_count) * 16;
    sharded = sharded || split_here;
    const bool cut_here = config_.max_depth > 0 && depth >= config_.max_depth;
    auto next = std::make_unique<FrontierLevel>(initial.world);
    if (!expand_level(*frontier, *next, fingerprint, split_here, cut_here)) return finish();
    if (cut_here) break;
    frontier = std::move(next);
  }
  return finish();
}

}  // namespace

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::safety:
      return "safety violation";
    case Verdict::stuck:
      return "stuck without converging";
    case Verdict::livelock:
      return "livelock";
  }
  return "?";
}

ExploreResult explore(const ModelConfig& config, const ExploreOptions& options) {
  // Millions of small states are made and freed in waves: glibc's fastbins then spend most of
  // the search consolidating (perf: 60 % in malloc). Without them the search runs ~20 % faster.
  mallopt(M_MXFAST, 0);
  Search search(config, options);
  return search.run();
}

}  // namespace rumor::replay::model
