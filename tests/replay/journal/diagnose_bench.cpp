// Speed benchmark (not a test): how long `rumor replay RUN`'s diagnosis takes, per run given on
// the command line (default: the six failing 5-node runs and the 25-node 3e run under
// $RUMOR_TRACES_DIR or ../shared/traces/maelstrom). For each: reading the journal (or the traces),
// the verdict and model, the diagnosis of the lost and never-read values, and the worst case:
// every broadcast value diagnosed as if lost.
// Usage: diagnose_bench [RUN_DIR...]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "replay/journal/diagnose_run.hpp"
#include "replay/journal/trace_events.hpp"
#include "replay/trace/node_trace.hpp"
#include "replay/trace/rerun.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<std::string> default_runs() {
  std::filesystem::path root = "../shared/traces/maelstrom";
  if (const char* dir = std::getenv("RUMOR_TRACES_DIR")) root = dir;
  std::vector<std::string> runs;
  for (const char* run : {"anand-trehan--flyio_challenges/20250603T121221.136-0400",
                          "anand-trehan--flyio_challenges/20250603T195059.875-0400",
                          "anand-trehan--flyio_challenges/20250627T005337.784-0400",
                          "anand-trehan--flyio_challenges/20250627T173156.525-0400",
                          "anand-trehan--flyio_challenges/20250627T204412.137-0400",
                          "anand-trehan--flyio_challenges/20250629T182831.105-0400",
                          "anugoen4--maelstrom-anurag/20240126T112500.811+0530"}) {
    if (std::filesystem::exists(root / run)) runs.push_back((root / run).string());
  }
  return runs;
}

void bench(const std::string& dir) {
  using namespace rumor::replay::journal;
  auto start = Clock::now();
  const bool has_journal = std::filesystem::is_directory(dir + "/net-journal");
  std::vector<Event> events;
  if (has_journal) {
    events = read_journal(dir);
  } else {
    auto traces = rumor::replay::trace::read_run_traces(dir);
    for (auto& t : traces) rumor::replay::trace::rerun_and_fill_outputs(t);
    events = events_from_traces(traces);
  }
  const double read_ms = ms_since(start);
  start = Clock::now();
  const auto run =
      diagnose_run(dir, events, has_journal ? ModelSource::net_journal : ModelSource::traces);
  const double diagnose_ms = ms_since(start);
  if (!run) {
    std::cout << dir << ": no history.edn\n";
    return;
  }
  std::vector<std::int64_t> every;
  for (const ClientBroadcast& b : run->model.broadcasts) every.push_back(b.value);
  std::sort(every.begin(), every.end());
  every.erase(std::unique(every.begin(), every.end()), every.end());
  start = Clock::now();
  const Diagnosis all = diagnose(run->model, every, {});
  const double every_ms = ms_since(start);
  std::cout << std::filesystem::path(dir).filename().string() << ": " << run->model.nodes.size()
            << " nodes, " << events.size() << " events; read " << read_ms
            << " ms; verdict + model + diagnosis of " << run->diagnosis.values.size() << " values "
            << diagnose_ms << " ms; total " << read_ms + diagnose_ms << " ms; every value ("
            << all.values.size() << ") as if lost " << every_ms << " ms\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> runs(argv + 1, argv + argc);
  if (runs.empty()) runs = default_runs();
  for (const std::string& run : runs) bench(run);
  return 0;
}
