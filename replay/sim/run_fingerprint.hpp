// The fingerprint `rumor test` prints on stderr: one 64-bit hash of a run's history (every op's
// fields) and of every node's final value set, so two runs with the same flags and seed show
// the same figure and runs that differ show different ones at a glance.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "replay/history/op.hpp"

namespace rumor::replay::sim {

// Hashes the ops' fields as they are (integers, value vectors, process, type, f, error, extra
// keys) rather than history.edn's text, so a run that writes no store never renders that text.
// Equal for two runs exactly when their histories and final value sets are equal (up to hash
// collisions).
std::uint64_t run_fingerprint(const history::History& history,
                              const std::vector<std::string>& nodes,
                              const std::vector<std::vector<std::int64_t>>& final_values);

}  // namespace rumor::replay::sim
