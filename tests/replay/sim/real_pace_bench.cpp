// Real-run pace benchmark (not a test): for every real Maelstrom run listed in the traces
// folder's INDEX.tsv with a client rate, the ops its Jepsen host made and the mean slip per op
// (mean gap between main-phase client invokes minus the ideal 1/rate), i.e. the value of
// `rumor test --jepsen-slip-ms` that reproduces that host; for runs with a net journal also the
// host-independent figures rumor adds under :net :servers (messages per second over the span
// from the first op to the last, and per broadcast).
//
// usage: real_pace_bench [TRACES_DIR]   (default: $RUMOR_TRACES_DIR or ../shared/traces/maelstrom)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "replay/history/history_io.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/net_stats.hpp"

namespace {

namespace fs = std::filesystem;

void report(const fs::path& run, const std::string& part, const std::string& nodes, double rate,
            bool has_journal) {
  const rumor::replay::history::History history =
      rumor::replay::history::read_history_edn((run / "history.edn").string());
  std::vector<std::int64_t> invokes;
  std::int64_t ops = 0;
  std::int64_t broadcasts = 0;
  for (const auto& op : history) {
    if (!op.process || op.type != rumor::replay::history::OpType::invoke) continue;
    ++ops;
    if (op.f == "broadcast") ++broadcasts;
    if (!op.final_read) invokes.push_back(op.time_ns);
  }
  if (invokes.size() < 2 || history.size() < 2) return;
  const double gap_ms = static_cast<double>(invokes.back() - invokes.front()) / 1e6 /
                        static_cast<double>(invokes.size() - 1);
  std::printf("%-58s %-6s %3s %6.0f %6lld %9.3f %8.3f", run.string().c_str(), part.c_str(),
              nodes.c_str(), rate, static_cast<long long>(ops), gap_ms, gap_ms - 1000.0 / rate);
  if (has_journal) {
    const auto stats =
        rumor::replay::journal::net_stats(rumor::replay::journal::read_journal(run.string()));
    const double span_s =
        static_cast<double>(history.back().time_ns - history.front().time_ns) / 1e9;
    const auto messages = static_cast<double>(stats.servers.msg_count);
    std::printf(" %10.1f %10.2f", messages / span_s,
                broadcasts > 0 ? messages / static_cast<double>(broadcasts) : 0.0);
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  fs::path traces = "../shared/traces/maelstrom";
  if (const char* env = std::getenv("RUMOR_TRACES_DIR")) traces = env;
  if (argc > 1) traces = argv[1];
  std::ifstream index(traces / "INDEX.tsv");
  if (!index) {
    std::fprintf(stderr, "no INDEX.tsv under %s\n", traces.string().c_str());
    return 2;
  }
  std::printf("%-58s %-6s %3s %6s %6s %9s %8s %10s %10s\n", "run", "part", "n", "rate", "ops",
              "gap ms", "slip ms", "msgs/s", "msgs/bcast");
  std::string line;
  std::getline(index, line);  // header: dir part nodes rate latency nemesis time_limit ... files
  while (std::getline(index, line)) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
    if (fields.size() < 12 || !fs::exists(traces / fields[0] / "history.edn")) continue;
    const double rate = std::atof(fields[3].c_str());
    if (rate <= 0) continue;
    try {
      report(traces / fields[0], fields[1], fields[2], rate, fields[11] == "full");
    } catch (const std::exception& e) {
      std::printf("%s: %s\n", fields[0].c_str(), e.what());
    }
  }
  return 0;
}
