// Delivery-delay benchmark (not a test): how late, relative to the configured latency, real
// Maelstrom delivered node-to-node messages. Reads every full run with a latency above 0 listed in
// the traces folder's INDEX.tsv, pairs each server message's send and recv journal events by
// message id, and prints the distribution of (recv − send − latency) in ms, the share delivered
// early and the share delivered within 50 µs of the previous delivery to the same node.
// Maelstrom's delivery loop sleeps `(long dt)` whole milliseconds, so it can deliver up to 1 ms
// early; this checks that against the journals (see tests/benchmarks.md).
//
// usage: delivery_delay_bench [TRACES_DIR]   (default: $RUMOR_TRACES_DIR or
// ../shared/traces/maelstrom)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "replay/journal/journal.hpp"

namespace {

namespace fs = std::filesystem;
using rumor::replay::journal::Event;
using rumor::replay::journal::EventType;

struct Run {
  fs::path dir;
  std::int64_t latency_ms = 0;
};

// Rows of INDEX.tsv (dir, part, nodes, rate, latency, nemesis, time_limit, ..., files) that have
// a journal ("full") and a latency above 0.
std::vector<Run> runs_with_latency(const fs::path& traces) {
  std::vector<Run> runs;
  std::ifstream index(traces / "INDEX.tsv");
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
    if (fields.size() < 12 || fields[11] != "full") continue;
    const std::int64_t latency_ms = std::atoll(fields[4].c_str());
    if (latency_ms > 0) runs.push_back(Run{traces / fields[0], latency_ms});
  }
  return runs;
}

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

void report(const Run& run) {
  const std::vector<Event> events = rumor::replay::journal::read_journal(run.dir.string());
  std::map<std::int64_t, std::int64_t> sent_ns;  // message id -> send time
  std::map<std::string, std::int64_t> last_delivery_ns;
  std::vector<double> excess_ms;
  std::int64_t grouped = 0;
  for (const Event& event : events) {
    if (rumor::replay::journal::involves_client(event.message)) continue;
    if (event.type == EventType::send) {
      sent_ns[event.message.id] = event.time_ns;
      continue;
    }
    const auto sent = sent_ns.find(event.message.id);
    if (sent == sent_ns.end()) continue;
    excess_ms.push_back(static_cast<double>(event.time_ns - sent->second) / 1e6 -
                        static_cast<double>(run.latency_ms));
    auto [previous, fresh] = last_delivery_ns.try_emplace(event.message.dest, event.time_ns);
    if (!fresh && event.time_ns - previous->second <= 50'000) ++grouped;
    previous->second = event.time_ns;
  }
  std::sort(excess_ms.begin(), excess_ms.end());
  const auto early =
      std::count_if(excess_ms.begin(), excess_ms.end(), [](double d) { return d < 0; });
  const auto n = static_cast<double>(std::max<std::size_t>(1, excess_ms.size()));
  std::printf("%s (latency %lld ms): %zu server deliveries\n", run.dir.string().c_str(),
              static_cast<long long>(run.latency_ms), excess_ms.size());
  std::printf(
      "  delay - latency (ms): min %.3f  p1 %.3f  p10 %.3f  p25 %.3f  median %.3f  p75 %.3f"
      "  p90 %.3f  p99 %.3f  max %.3f\n",
      quantile(excess_ms, 0), quantile(excess_ms, 0.01), quantile(excess_ms, 0.10),
      quantile(excess_ms, 0.25), quantile(excess_ms, 0.5), quantile(excess_ms, 0.75),
      quantile(excess_ms, 0.90), quantile(excess_ms, 0.99), quantile(excess_ms, 1));
  std::printf(
      "  early (< latency): %.1f %%; within 50 us of the previous delivery to that node: "
      "%.1f %%\n",
      100.0 * static_cast<double>(early) / n, 100.0 * static_cast<double>(grouped) / n);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path traces = "../shared/traces/maelstrom";
  if (const char* env = std::getenv("RUMOR_TRACES_DIR")) traces = env;
  if (argc > 1) traces = argv[1];
  const std::vector<Run> runs = runs_with_latency(traces);
  if (runs.empty()) {
    std::cerr << "no full run with a latency above 0 under " << traces << "\n";
    return 2;
  }
  for (const Run& run : runs) report(run);
  return 0;
}
