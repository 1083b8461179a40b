// What the journal views need from history.edn, read by history's one reader (history_io.hpp):
// the client op count for msgs-per-op and the nemesis partition windows.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "replay/history/op.hpp"

namespace rumor::replay::journal {

// History times are nanoseconds since the test's relative-time origin.
struct TimeWindow {
  std::int64_t from_ns = 0;
  std::int64_t to_ns = 0;
};

struct HistorySummary {
  std::int64_t op_count = 0;  // client :invoke ops (nemesis excluded), Maelstrom's net/checker.clj
  std::optional<std::int64_t> first_invoke_ns;  // time of the first client :invoke
  // From a start-partition to the :network-healed stop-partition that ends it; a partition still
  // open at the end of the history ends at the last op's time.
  std::vector<TimeWindow> partitions;
};

HistorySummary summarize_history(const history::History& ops);
HistorySummary scan_history(std::istream& in);
// nullopt when the file does not exist; throws std::runtime_error (naming the file and line) if it
// exists but can't be read.
std::optional<HistorySummary> scan_history_file(const std::string& path);

}  // namespace rumor::replay::journal
