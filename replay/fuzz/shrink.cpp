#include "replay/fuzz/shrink.hpp"

#include <algorithm>
#include <numeric>

#include "replay/fuzz/convergence_bound.hpp"
#include "replay/fuzz/simulation.hpp"

namespace rumor::replay::fuzz {

namespace {

std::vector<std::vector<std::size_t>> split(const std::vector<std::size_t>& items, std::size_t n) {
  std::vector<std::vector<std::size_t>> chunks;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t end = begin + (items.size() - begin) / (n - i);
    chunks.emplace_back(items.begin() + static_cast<std::ptrdiff_t>(begin),
                        items.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end;
  }
  return chunks;
}

std::vector<std::size_t> without(const std::vector<std::size_t>& items,
                                 const std::vector<std::size_t>& chunk) {
  std::vector<std::size_t> rest;
  std::set_difference(items.begin(), items.end(), chunk.begin(), chunk.end(),
                      std::back_inserter(rest));
  return rest;
}

// Holds the best failing schedule found so far and judges candidates against the budget.
class Shrinker {
 public:
  Shrinker(const Schedule& failing, Outcome outcome, int budget)
      : outcome_(outcome), budget_(budget) {
    best_.schedule = failing;
    best_.verdict = simulate(failing);
    best_.runs = 1;
  }

  bool out_of_budget() const { return best_.runs >= budget_; }

  // Runs the candidate (with its own convergence bound); keeps it when it still fails.
  bool try_candidate(Schedule candidate) {
    if (out_of_budget()) {
      best_.exhausted = true;
      return false;
    }
    candidate.config.liveness_ms = convergence_bound_ms(candidate);
    ++best_.runs;
    Verdict verdict = simulate(candidate);
    if (verdict.outcome != outcome_) return false;
    best_.schedule = std::move(candidate);
    best_.verdict = std::move(verdict);
    return true;
  }

  // Big steps first (keep only the first k nodes), then one node at a time, renumbering the rest.
  void shrink_nodes() {
    const int nodes = best_.schedule.config.nodes;
    for (int candidate : {1, 2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 48}) {
      if (candidate >= nodes) break;
      if (try_candidate(restrict_nodes(best_.schedule, candidate))) break;
    }
    bool removed = true;
    while (removed && !out_of_budget()) {
      removed = false;
      for (int node = best_.schedule.config.nodes - 1; node >= 0 && !out_of_budget(); --node) {
        if (best_.schedule.config.nodes > 1 && try_candidate(remove_node(best_.schedule, node))) {
          removed = true;
        }
      }
    }
  }

  void shrink_events() {
    const Schedule base = best_.schedule;
    auto subset = [&](const std::vector<std::size_t>& keep) {
      Schedule candidate = base;
      candidate.events.clear();
      for (std::size_t i : keep) candidate.events.push_back(base.events[i]);
      return candidate;
    };
    const auto keep = ddmin(base.events.size(), [&](const std::vector<std::size_t>& indices) {
      return try_candidate(subset(indices));
    });
    // try_candidate kept the last failing candidate; make sure it is the ddmin result.
    if (keep.size() != best_.schedule.events.size()) try_candidate(subset(keep));
  }

  // Each window: always on (per_mille 1000) and with one node fewer on either side, when the
  // failure survives that.
  void simplify_windows() {
    for (std::size_t i = 0; i < best_.schedule.events.size() && !out_of_budget(); ++i) {
      simplify_window(i);
    }
  }

  // The heal right after the last event.
  void shorten_fault_phase() {
    std::int64_t last_ms = 0;
    for (const auto& event : best_.schedule.events) {
      std::visit(
          [&](const auto& body) {
            if constexpr (requires { body.end_ms; }) {
              last_ms = std::max(last_ms, body.end_ms);
            } else {
              last_ms = std::max(last_ms, body.at_ms + 1);
            }
          },
          event.body);
    }
    if (last_ms >= best_.schedule.config.fault_phase_ms) return;
    Schedule candidate = best_.schedule;
    candidate.config.fault_phase_ms = last_ms;
    try_candidate(std::move(candidate));
  }

  ShrinkResult result() const { return best_; }

 private:
  void simplify_window(std::size_t i) {
    auto with_body = [&](auto change) {
      Schedule candidate = best_.schedule;
      std::visit(change, candidate.events[i].body);
      return candidate;
    };
    const EventBody& body = best_.schedule.events[i].body;
    if (const auto* fault = std::get_if<LinkFault>(&body); fault && fault->per_mille < 1000) {
      try_candidate(with_body([](auto& b) {
        if constexpr (requires { b.per_mille; }) b.per_mille = 1000;
      }));
    }
    if (!std::holds_alternative<LinkFault>(body) && !std::holds_alternative<Partition>(body)) {
      return;
    }
    for (int node = 0; node < best_.schedule.config.nodes && !out_of_budget(); ++node) {
      for (bool from_side : {true, false}) {
        const NodeSet set = std::visit(
            [from_side](const auto& b) -> NodeSet {
              if constexpr (requires { b.from; }) {
                return from_side ? b.from : b.to;
              } else {
                return 0;
              }
            },
            best_.schedule.events[i].body);
        if (!contains(set, node) || (set & ~only(node)) == 0) continue;
        try_candidate(with_body([&](auto& b) {
          if constexpr (requires { b.from; }) (from_side ? b.from : b.to) &= ~only(node);
        }));
      }
    }
  }

  Outcome outcome_;
  int budget_;
  ShrinkResult best_;
};

}  // namespace

std::vector<std::size_t> ddmin(std::size_t count,
                               const std::function<bool(const std::vector<std::size_t>&)>& fails) {
  std::vector<std::size_t> items(count);
  std::iota(items.begin(), items.end(), std::size_t{0});
  if (items.size() == 1 && fails({})) return {};
  std::size_t n = 2;
  while (items.size() >= 2) {
    const auto chunks = split(items, std::min(n, items.size()));
    bool reduced = false;
    for (const auto& chunk : chunks) {
      if (fails(chunk)) {
        items = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && chunks.size() > 2) {
      for (const auto& chunk : chunks) {
        auto rest = without(items, chunk);
        if (fails(rest)) {
          items = std::move(rest);
          n = std::max<std::size_t>(chunks.size() - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (reduced) continue;
    if (chunks.size() >= items.size()) break;
    n = std::min(chunks.size() * 2, items.size());
  }
  if (items.size() == 1 && fails({})) return {};
  return items;
}

ShrinkResult shrink(const Schedule& failing, Outcome outcome, int run_budget) {
  Shrinker shrinker(failing, outcome, run_budget);
  if (shrinker.result().verdict.outcome != outcome) return shrinker.result();
  shrinker.shrink_nodes();
  shrinker.shrink_events();
  shrinker.simplify_windows();
  shrinker.shorten_fault_phase();
  shrinker.shrink_nodes();
  shrinker.shrink_events();
  return shrinker.result();
}

}  // namespace rumor::replay::fuzz
