// Speed benchmark (not a test): what writing the store costs a `rumor test` run of 3e (25 nodes,
// rate 100, latency 100, 20 s), split into the simulation, the files Maelstrom's store always
// had (history.edn, history.txt, node logs), the three plots and the message diagram.
// Usage: store_plots_bench [runs]. Prints the median of each part, in ms of CPU time.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/profile.hpp"
#include "replay/history/history_io.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/trace_diagram.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/plots.hpp"
#include "replay/sim/simulation.hpp"
#include "replay/sim/store.hpp"
#include "replay/sim/svg_plot.hpp"
#include "replay/trace/node_trace.hpp"
#include "tests/replay/sim/bench_support.hpp"

namespace {

using rumor::replay::sim::bench::cpu_ms;
using rumor::replay::sim::bench::median;

double ms_since(double start_ms) { return cpu_ms() - start_ms; }

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  rumor::replay::sim::SimConfig config = rumor::replay::sim::bench::benchmark_run();
  config.keep_node_logs = true;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("rumor_store_bench_" + std::to_string(::getpid()));
  std::vector<double> sim_ms, files_ms, plots_ms, all_ms, parse_ms, events_ms, diagram_ms;
  for (int run = 0; run < runs; ++run) {
    config.seed = static_cast<std::uint64_t>(run + 1);
    auto start = cpu_ms();
    const auto result = rumor::replay::sim::run_simulation(config);
    sim_ms.push_back(ms_since(start));

    rumor::replay::sim::StoreContents contents;
    std::ostringstream edn, txt;
    rumor::replay::history::write_history_edn(result.history, edn);
    rumor::replay::history::write_history_txt(result.history, txt);
    contents.history_edn = edn.str();
    contents.history_txt = txt.str();
    contents.nodes = config.nodes;
    contents.node_logs = result.node_logs;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "node-logs");
    start = cpu_ms();
    rumor::replay::sim::write_run_files(dir, contents, true);
    files_ms.push_back(ms_since(start));

    start = cpu_ms();
    for (const auto& plot : {rumor::replay::sim::latency_raw_plot(result.history),
                             rumor::replay::sim::latency_quantiles_plot(result.history),
                             rumor::replay::sim::rate_plot(result.history)}) {
      if (rumor::replay::sim::plot_svg(plot).empty()) return 1;
    }
    plots_ms.push_back(ms_since(start));

    start = cpu_ms();
    std::vector<rumor::replay::trace::NodeTrace> traces;
    for (std::size_t k = 0; k < config.nodes.size(); ++k) {
      traces.push_back(
          *rumor::replay::trace::parse_node_trace(result.node_logs[k], config.nodes[k]));
    }
    parse_ms.push_back(ms_since(start));
    start = cpu_ms();
    const auto messages = rumor::replay::journal::diagram_messages_from_traces(traces);
    events_ms.push_back(ms_since(start));
    start = cpu_ms();
    std::ostringstream html;
    rumor::replay::journal::write_diagram_html(html, messages, {});
    diagram_ms.push_back(ms_since(start));

    start = cpu_ms();
    rumor::replay::sim::write_store_plots(dir, result.history, contents.nodes, contents.node_logs);
    all_ms.push_back(ms_since(start));
  }
  std::filesystem::remove_all(dir);
  std::cout << "3e, " << runs << " seeds, median CPU ms: simulation " << median(sim_ms)
            << ", history + node logs written " << median(files_ms) << ", three SVG plots "
            << median(plots_ms) << ", plots + message diagram written " << median(all_ms)
            << " (of which: traces parsed " << median(parse_ms) << ", arrows paired "
            << median(events_ms) << ", diagram page " << median(diagram_ms) << ")\n";
  return 0;
}
