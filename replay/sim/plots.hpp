// What Maelstrom's store gives a person to look at, for a simulated run: latency-raw (every
// operation's latency against the time it began), latency quantiles over time, the operation
// rate, and the message diagram, as self-contained SVG/HTML files beside history.edn.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "replay/history/op.hpp"
#include "replay/sim/svg_plot.hpp"

namespace rumor::replay::sim {

// One completed client operation: its :f, its completion type ("ok", "info", "fail"), when it
// was invoked (s since the history's origin) and how long it took (ms).
struct OpLatency {
  std::string f;
  std::string type;
  double invoked_s = 0;
  double latency_ms = 0;
};

// Invocations paired with their completions, per process; unanswered invocations are left out.
std::vector<OpLatency> op_latencies(const history::History& history);
// The nemesis partitions, start-partition to the heal, in s.
std::vector<PlotSpan> partition_spans_s(const history::History& history);

// Dots per (f, type), log-scale latency, like Maelstrom's latency-raw.png.
Plot latency_raw_plot(const history::History& history);
// Per f, the 0.5/0.95/0.99/1 latency quantiles of ops invoked in each time bucket.
Plot latency_quantiles_plot(const history::History& history);
// Per (f, type), completions per second in each time bucket.
Plot rate_plot(const history::History& history);

// Writes latency-raw.svg, latency-quantiles.svg, rate.svg and (from the node logs' rumor traces,
// when they hold any) messages.html into run_dir. Throws std::runtime_error on a write error.
void write_store_plots(const std::filesystem::path& run_dir, const history::History& history,
                       const std::vector<std::string>& nodes,
                       const std::vector<std::string>& node_logs);

}  // namespace rumor::replay::sim
