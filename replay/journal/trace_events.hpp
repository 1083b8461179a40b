// The net journal that rumor's node traces stand for (runs of `rumor test`, `rumor test --bin`,
// or rumor-node under Maelstrom without a journal): each node's #out lines are its sends at that
// step's time, its #in lines its deliveries. A send is paired with the first later delivery of
// the same message (source, destination and body) at its destination; a send with no delivery
// was dropped or still in flight. Clients keep no trace, so a client request is sent and
// delivered at once, and so is a reply. Bodies keep only what the diagnosis reads: a gossip
// body keeps its values, not its stream offsets and acks.
#pragma once

#include <vector>

#include "replay/journal/journal.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::journal {

// Traces whose outputs are filled in (trace::rerun_and_fill_outputs for hash captures). Times:
// time_ns = the trace's now_ms * 1e6. Without read_lists a read_ok's "messages" is only its
// size as text ("2000 values"): a 25-node run's reads hold millions of values, which the
// message diagram of `rumor test`'s store does not need and the diagnosis does.
std::vector<Event> events_from_traces(const std::vector<trace::NodeTrace>& traces,
                                      bool read_lists = true);

}  // namespace rumor::replay::journal
