// The result of one fuzz run, with the exit code class it maps to.
#pragma once

#include <cstdint>
#include <string>

namespace rumor::replay::fuzz {

enum class Outcome { pass, safety, liveness };

// Exit codes of `rumor fuzz`: 0 clean, 1 a safety failure, 2 a liveness failure (worst wins).
inline constexpr int exit_pass = 0;
inline constexpr int exit_safety = 1;
inline constexpr int exit_liveness = 2;
inline constexpr int exit_bad_arguments = 254;

inline int exit_code(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return exit_pass;
    case Outcome::safety:
      return exit_safety;
    case Outcome::liveness:
      return exit_liveness;
  }
  return exit_safety;
}

inline std::string outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return "pass";
    case Outcome::safety:
      return "safety";
    case Outcome::liveness:
      return "liveness";
  }
  return "?";
}

struct Verdict {
  Outcome outcome = Outcome::pass;
  std::string reason;        // what broke, or what was pending; empty on a pass
  std::int64_t at_ms = 0;    // global virtual time the run ended (or failed)
  std::uint64_t events = 0;  // queue events handled: deliveries, ticks, client requests
  // How long after the heal every node held every required value (passing runs), against the
  // bound the run allowed: shows how much slack the derived bound leaves.
  std::int64_t converged_after_heal_ms = -1;
  std::int64_t liveness_bound_ms = 0;
  // A hash of the final node sets and the run's event counts: equal for equal schedules on any
  // machine and any --jobs, so hidden nondeterminism shows up (FoundationDB's "unseed").
  std::uint64_t fingerprint = 0;
};

}  // namespace rumor::replay::fuzz
