// A faster set-full tracker for the common shape of a history: a client reads one node, whose
// values only grow and are returned in the order it learned them (as rumor's nodes do), so a
// client's read differs from its previous read by a few values past a long common prefix.
#pragma once

#include <optional>
#include <vector>

#include "replay/history/op.hpp"
#include "replay/history/set_full.hpp"

namespace rumor::replay::history {

// track_elements' result for `ops` (the history's client ops, sorted by :index), or nullopt
// when the history is outside this tracker's shape: a read holding a broadcast value twice,
// holding a value before its broadcast, or kept as text; a value broadcast twice; repeated or
// negative indices; many clients with short reads; anything track_elements would throw on.
// The caller then runs the general tracker, which gives the same result for any history.
std::optional<TrackedElements> track_elements_by_chains(const std::vector<const Op*>& ops);

}  // namespace rumor::replay::history
