// The traffic report `rumor replay` prints: a readable text form and a JSON form whose "net" has
// the shape of results.edn's :net (Maelstrom's net/checker.clj).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "replay/journal/explain.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/net_stats.hpp"

namespace rumor::replay::journal {

struct RunReport {
  std::string run_dir;
  std::size_t event_count = 0;
  double span_ms = 0;  // first to last journal event
  history::NetCounts net;
  std::optional<std::int64_t> op_count;  // nullopt without a history.edn
  Traffic traffic;
};

RunReport make_report(const std::string& run_dir, const std::vector<Event>& events,
                      std::optional<std::int64_t> op_count);

// The :net map as Maelstrom prints it in results.edn, on one line.
std::string net_edn(const history::NetCounts& net, std::optional<std::int64_t> op_count);

void print_text_report(std::ostream& out, const RunReport& report);

// Members appended to the JSON object: a key and its value as JSON text.
using RawJsonMembers = std::vector<std::pair<std::string, std::string>>;

// One JSON object: run, events, span-ms, op-count, net, by-type, by-node, by-pair and, when
// given, explain, then the extra members.
std::string json_report(const RunReport& report, const Explanation* explanation,
                        const RawJsonMembers& extra = {});

}  // namespace rumor::replay::journal
