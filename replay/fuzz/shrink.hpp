// Shrinking a failing schedule to a small one that still fails the same way (safety or
// liveness): fewer nodes first (every later run gets cheaper), then delta debugging (ddmin) over
// the event list, then simpler fault windows and a shorter fault phase. Every candidate is judged
// by re-running the deterministic simulation, with its convergence bound recomputed, so the
// result replays exactly. A budget of simulation runs bounds the work.
#pragma once

#include <functional>
#include <vector>

#include "replay/fuzz/schedule.hpp"
#include "replay/fuzz/verdict.hpp"

namespace rumor::replay::fuzz {

struct ShrinkResult {
  Schedule schedule;
  Verdict verdict;         // of `schedule`
  int runs = 0;            // simulations spent
  bool exhausted = false;  // the budget ran out before the schedule was 1-minimal
};

ShrinkResult shrink(const Schedule& failing, Outcome outcome, int run_budget);

// Classic ddmin (Zeller & Hildebrandt 2002) over indices [0, count): returns a subset (sorted)
// for which `fails` holds, 1-minimal unless `fails` ran out of budget (returns false then).
// `fails` must hold for the full set; it is never asked about the full set again.
std::vector<std::size_t> ddmin(std::size_t count,
                               const std::function<bool(const std::vector<std::size_t>&)>& fails);

}  // namespace rumor::replay::fuzz
