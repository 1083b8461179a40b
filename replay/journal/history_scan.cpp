#include "replay/journal/history_scan.hpp"

#include <algorithm>
#include <filesystem>

#include "replay/history/history_io.hpp"

namespace rumor::replay::journal {

HistorySummary summarize_history(const history::History& ops) {
  HistorySummary summary;
  // A bool beside the time rather than std::optional: g++ 12 warns falsely on the latter here.
  bool open = false;
  std::int64_t open_from_ns = 0;
  std::int64_t last_time_ns = 0;
  for (const history::Op& op : ops) {
    last_time_ns = std::max(last_time_ns, op.time_ns);
    if (op.process) {  // a client
      if (op.type == history::OpType::invoke) {
        ++summary.op_count;
        if (!summary.first_invoke_ns) summary.first_invoke_ns = op.time_ns;
      }
      continue;
    }
    if (op.f == "start-partition" && !open) {
      open = true;
      open_from_ns = op.time_ns;
    }
    if (op.f == "stop-partition" && open && history::op_value_edn(op.value) == ":network-healed") {
      summary.partitions.push_back({open_from_ns, op.time_ns});
      open = false;
    }
  }
  if (open) summary.partitions.push_back({open_from_ns, last_time_ns});
  return summary;
}

HistorySummary scan_history(std::istream& in) {
  return summarize_history(history::read_history_edn(in, "history.edn"));
}

std::optional<HistorySummary> scan_history_file(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  return summarize_history(history::read_history_edn(path));
}

}  // namespace rumor::replay::journal
