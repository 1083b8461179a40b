// The reference set-full tracker (set_full_reference.cpp): slow and obviously Jepsen's algorithm.
#pragma once

#include "replay/history/op.hpp"
#include "replay/history/set_full.hpp"

namespace rumor::replay::history::testing {

TrackedElements reference_track_elements(const History& history);

}  // namespace rumor::replay::history::testing
