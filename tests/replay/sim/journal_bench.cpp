// Benchmark (not a test): what the message journal costs a 3e run (25 nodes, rate 100, latency
// 100, 20 s). Alternates runs without and with the journal, same seeds, and reports CPU ms per
// simulation, the journal's size, and reading it back (what messages.html and `rumor replay`
// pay, and messages.html's way, straight from the lines). Usage: journal_bench [runs].
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <vector>

#include "core/profile.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/jsonl_diagram.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"
#include "tests/replay/sim/bench_support.hpp"

using rumor::replay::sim::bench::cpu_ms;
using rumor::replay::sim::bench::median;

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  rumor::replay::sim::SimConfig config = rumor::replay::sim::bench::benchmark_run();
  const auto dir = std::filesystem::temp_directory_path() / "rumor_journal_bench";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / rumor::replay::journal::jsonl_journal_file).string();
  std::vector<double> plain_ms, journal_ms, read_ms, diagram_ms, store_diagram_ms;
  std::uintmax_t bytes = 0;
  for (int run = 0; run < runs; ++run) {
    config.seed = static_cast<std::uint64_t>(run + 1);
    config.journal = nullptr;
    double start = cpu_ms();
    rumor::replay::sim::run_simulation(config);
    plain_ms.push_back(cpu_ms() - start);

    rumor::replay::journal::JsonlJournalWriter writer(path);
    config.journal = &writer;
    start = cpu_ms();
    rumor::replay::sim::run_simulation(config);
    writer.close();
    journal_ms.push_back(cpu_ms() - start);
    bytes = std::filesystem::file_size(path);

    start = cpu_ms();
    const auto events = rumor::replay::journal::read_journal(dir.string());
    read_ms.push_back(cpu_ms() - start);
    start = cpu_ms();
    std::ostringstream page;
    rumor::replay::journal::write_diagram_html(page, events,
                                               rumor::replay::journal::DiagramOptions{});
    diagram_ms.push_back(cpu_ms() - start);
    start = cpu_ms();
    std::ostringstream store_page;
    rumor::replay::journal::write_diagram_html(
        store_page, rumor::replay::journal::diagram_messages_from_jsonl(path).messages,
        rumor::replay::journal::DiagramOptions{});
    store_diagram_ms.push_back(cpu_ms() - start);
  }
  std::filesystem::remove_all(dir);
  std::cout << "3e simulation, median CPU ms over " << runs << " seeds: " << median(plain_ms)
            << " without the journal, " << median(journal_ms) << " writing it (" << bytes / 1024
            << " KiB, last seed); reading it back " << median(read_ms)
            << " ms, a diagram from those events " << median(diagram_ms)
            << " ms; the store's messages.html straight from the lines " << median(store_diagram_ms)
            << " ms\n";
  return 0;
}
