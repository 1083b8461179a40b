// A faster set-full tracker for the common shape of a history: every read returns its values in
// strictly ascending order (as rumor's nodes and simulator do), so a client's read can be
// compared with its previous read by one common-prefix test and a merge of the two tails.
#pragma once

#include <optional>
#include <vector>

#include "replay/history/op.hpp"
#include "replay/history/set_full.hpp"

namespace rumor::replay::history {

// track_elements' result for `ops` (the history's client ops, sorted by :index), or nullopt
// when the history is outside this tracker's shape: a read not strictly ascending or kept as
// text, a value broadcast twice or read before its broadcast, repeated or negative indices,
// anything track_elements would throw on. The caller then runs the general tracker.
std::optional<TrackedElements> track_elements_by_chains(const std::vector<const Op*>& ops);

}  // namespace rumor::replay::history
