// The store's plots and message diagram: the numbers drawn come from the history (every
// completed op once), the SVG and HTML load nothing from the network, and the message diagram
// built from a simulated run's traces holds exactly the messages the simulator's journal counted.
#include "replay/sim/plots.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/history/history_io.hpp"
#include "replay/journal/trace_diagram.hpp"
#include "replay/journal/trace_events.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"
#include "replay/sim/store.hpp"
#include "replay/sim/svg_plot.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::sim {
namespace {

history::History small_history() {
  std::istringstream edn(
      "{:index 0, :time 0, :type :info, :process :nemesis, :f :start-partition, :value :one}\n"
      "{:index 1, :time 1000000, :type :invoke, :process 0, :f :broadcast, :value 1}\n"
      "{:index 2, :time 3000000, :type :ok, :process 0, :f :broadcast, :value 1}\n"
      "{:index 3, :time 4000000, :type :invoke, :process 1, :f :read, :value nil}\n"
      "{:index 4, :time 1500000000, :type :invoke, :process 0, :f :broadcast, :value 2}\n"
      "{:index 5, :time 1600000000, :type :info, :process 1, :f :read, :value nil}\n"
      "{:index 6, :time 2000000000, :type :info, :process :nemesis, :f :stop-partition, "
      ":value :network-healed}\n"
      "{:index 7, :time 2500000000, :type :invoke, :process 1, :f :read, :value nil}\n");
  return history::read_history_edn(edn, "small");
}

TEST(Plots, PairsEachInvocationWithItsCompletion) {
  const std::vector<OpLatency> ops = op_latencies(small_history());
  ASSERT_EQ(ops.size(), 2u);  // broadcast 2 and the last read never completed
  EXPECT_EQ(ops[0].f, "broadcast");
  EXPECT_EQ(ops[0].type, "ok");
  EXPECT_DOUBLE_EQ(ops[0].latency_ms, 2);
  EXPECT_EQ(ops[1].type, "info");
  EXPECT_DOUBLE_EQ(ops[1].invoked_s, 0.004);
  const std::vector<PlotSpan> spans = partition_spans_s(small_history());
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_DOUBLE_EQ(spans[0].to, 2);
}

TEST(Plots, RawAndRatePlotsCountEveryCompletedOpOnce) {
  const history::History history = small_history();
  const Plot raw = latency_raw_plot(history);
  ASSERT_EQ(raw.series.size(), 2u);  // broadcast ok, read info
  std::size_t points = 0;
  for (const PlotSeries& s : raw.series) points += s.points.size();
  EXPECT_EQ(points, 2u);
  const Plot rate = rate_plot(history);
  double completions = 0;
  for (const PlotSeries& s : rate.series) {
    const double width = s.points.size() > 1 ? s.points[1].x - s.points[0].x : 0.1;
    for (const PlotPoint& p : s.points) completions += p.y * width;
  }
  EXPECT_NEAR(completions, 2, 1e-9);
}

TEST(Plots, SvgIsStandaloneAndNamesItsSeries) {
  const std::string svg = plot_svg(latency_raw_plot(small_history()));
  EXPECT_EQ(svg.find("<svg"), svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(svg.find("http://", svg.find("2000/svg") + 8), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("data-name=\"broadcast ok\" data-points=\"1\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"nemesis\""), std::string::npos);
}

TEST(Plots, StoreHoldsThePlotsAndEveryMessageOfTheRun) {
  SimConfig config;
  config.nodes = core::node_names(3);
  config.time_limit_s = 3;
  config.rate = 20;
  config.profile = *core::profile_named("");
  config.keep_node_logs = true;
  const SimResult result = run_simulation(config);

  std::vector<trace::NodeTrace> traces;
  for (std::size_t k = 0; k < config.nodes.size(); ++k) {
    traces.push_back(*trace::parse_node_trace(result.node_logs[k], config.nodes[k]));
  }
  std::int64_t sends = 0, deliveries = 0;
  for (const journal::Event& e : journal::events_from_traces(traces)) {
    (e.type == journal::EventType::send ? sends : deliveries) += 1;
  }
  EXPECT_EQ(sends, result.net.all.send_count);
  EXPECT_EQ(deliveries, result.net.all.recv_count);
  // The store's diagram pairs the same messages without decoding them.
  const std::vector<journal::DiagramMessage> arrows = journal::diagram_messages_from_traces(traces);
  EXPECT_EQ(std::ssize(arrows), result.net.all.send_count);
  EXPECT_EQ(std::count_if(arrows.begin(), arrows.end(),
                          [](const journal::DiagramMessage& m) { return m.recv_ms.has_value(); }),
            result.net.all.recv_count);

  const auto dir =
      std::filesystem::temp_directory_path() / ("rumor_plots_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "node-logs");
  StoreContents contents;
  contents.nodes = config.nodes;
  contents.node_logs = result.node_logs;
  contents.history = &result.history;
  write_run_files(dir, contents, true);
  for (const char* name : {"latency-raw.svg", "latency-quantiles.svg", "rate.svg"}) {
    EXPECT_TRUE(std::filesystem::file_size(dir / name) > 0) << name;
  }
  std::ifstream in(dir / "messages.html");
  std::stringstream html;
  html << in.rdbuf();
  EXPECT_EQ(html.str().find("https://"), std::string::npos);
  EXPECT_NE(html.str().find("const DATA = "), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rumor::replay::sim
