// The traffic report of a run that has rumor traces but no net journal (process mode, the
// simulator): the same RunReport, counted from what each node recorded. A node's #in lines are its
// deliveries; its #out lines its sends. Client requests are counted as sent when delivered, and
// replies to clients as delivered when sent (clients keep no trace); messages Maelstrom refused
// (invalid dest) count as sent, where the journal would not list them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/journal/report.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::journal {

RunReport report_from_traces(const std::string& run_dir,
                             const std::vector<trace::NodeTrace>& traces,
                             std::optional<std::int64_t> op_count);

}  // namespace rumor::replay::journal
