// The message diagram's arrows straight from rumor's node traces, without decoding bodies: what
// `rumor test` writes as messages.html into its store, where decoding every line into journal
// events would cost more than the simulation. Pairing and timing follow trace_events.hpp; a
// delivery is matched to its send by source, destination and the body's exact text, which the
// simulator and process mode pass through unchanged.
#pragma once

#include <vector>

#include "replay/journal/diagram.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::journal {

// Times in ms since the first traced step. Lines that are not envelopes are skipped.
std::vector<DiagramMessage> diagram_messages_from_traces(
    const std::vector<trace::NodeTrace>& traces);

}  // namespace rumor::replay::journal
