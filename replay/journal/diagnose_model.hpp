// The RunModel the diagnosis reads, built from whatever a run holds: Maelstrom's net journal
// (any node, any language), the journal rumor's node traces stand for (trace_events.hpp), or the
// history alone; and the checker's verdict (lost and never-read values).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/history/op.hpp"
#include "replay/journal/diagnose.hpp"
#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

// From journal events (times in ms since the first event); partitions from the history's
// nemesis windows, aligned as the diagram aligns them.
RunModel model_from_events(const std::vector<Event>& events, const HistorySummary* history,
                           ModelSource source = ModelSource::net_journal);

// From the history alone: each worker ("p3", process modulo the worker count) stands for the
// node it talks to, since Maelstrom binds a client to one node.
RunModel model_from_history(const history::History& history);

struct Verdict {
  bool valid = true;
  bool recomputed = false;  // no results.edn: the checker ran on history.edn
  std::vector<std::int64_t> lost;
  std::vector<std::int64_t> never_read;
};

// RUN_DIR/results.edn's :workload when present, else check_set_full over the history.
Verdict run_verdict(const std::string& run_dir, const history::History& history);

}  // namespace rumor::replay::journal
