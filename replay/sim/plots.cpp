#include "replay/sim/plots.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>

#include "replay/journal/diagram.hpp"
#include "replay/journal/jsonl_diagram.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/journal/trace_diagram.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::sim {
namespace {

constexpr double kNanosPerSecond = 1e9;

// Ok ops in calm colours, indeterminate ones orange, failures red; broadcast and read differ in
// shade so both read on one chart.
std::string colour_of(const std::string& f, const std::string& type) {
  if (type == "info") return f == "read" ? "#FFB347" : "#FF8C00";
  if (type == "fail") return f == "read" ? "#E377C2" : "#D62728";
  return f == "read" ? "#1F77B4" : "#2CA02C";
}

// About 40 buckets over the run, at least 100 ms wide, in whole tenths of a second.
double bucket_width_s(const std::vector<OpLatency>& ops) {
  double end_s = 1;
  for (const OpLatency& op : ops) end_s = std::max(end_s, op.invoked_s);
  return std::max(0.1, std::ceil(end_s / 40 * 10) / 10);
}

std::string type_name(history::OpType type) {
  switch (type) {
    case history::OpType::ok:
      return "ok";
    case history::OpType::fail:
      return "fail";
    case history::OpType::info:
      return "info";
    case history::OpType::invoke:
      break;
  }
  return "invoke";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::vector<OpLatency> op_latencies(const history::History& history) {
  std::vector<OpLatency> ops;
  std::map<std::int64_t, const history::Op*> open;  // process -> its invocation
  for (const history::Op& op : history) {
    if (!op.process) continue;
    if (op.type == history::OpType::invoke) {
      open[*op.process] = &op;
      continue;
    }
    const auto found = open.find(*op.process);
    if (found == open.end()) continue;
    const history::Op& invoke = *found->second;
    ops.push_back(OpLatency{op.f, type_name(op.type),
                            static_cast<double>(invoke.time_ns) / kNanosPerSecond,
                            static_cast<double>(op.time_ns - invoke.time_ns) / 1e6});
    open.erase(found);
  }
  return ops;
}

std::vector<PlotSpan> partition_spans_s(const history::History& history) {
  std::vector<PlotSpan> spans;
  bool open = false;
  double from = 0, last = 0;
  for (const history::Op& op : history) {
    last = std::max(last, static_cast<double>(op.time_ns) / kNanosPerSecond);
    if (op.process) continue;
    if (op.f == "start-partition" && !open) {
      open = true;
      from = last;
    }
    const auto* raw = std::get_if<history::RawEdn>(&op.value);
    if (op.f == "stop-partition" && open && raw && raw->text == ":network-healed") {
      spans.push_back({from, last});
      open = false;
    }
  }
  if (open) spans.push_back({from, last});
  return spans;
}

Plot latency_raw_plot(const history::History& history) {
  Plot plot{"Latency (raw)", "time (s)", "latency (ms)", true, partition_spans_s(history), {}};
  std::map<std::pair<std::string, std::string>, PlotSeries> by_kind;
  for (const OpLatency& op : op_latencies(history)) {
    PlotSeries& s = by_kind[{op.f, op.type}];
    s.name = op.f + " " + op.type;
    s.color = colour_of(op.f, op.type);
    s.points.push_back({op.invoked_s, op.latency_ms});
  }
  for (auto& [kind, s] : by_kind) plot.series.push_back(std::move(s));
  return plot;
}

Plot latency_quantiles_plot(const history::History& history) {
  Plot plot{"Latency quantiles", "time (s)", "latency (ms)", true, partition_spans_s(history), {}};
  const std::vector<OpLatency> ops = op_latencies(history);
  const double width = bucket_width_s(ops);
  // f -> bucket -> latencies
  std::map<std::string, std::map<std::int64_t, std::vector<double>>> buckets;
  for (const OpLatency& op : ops) {
    if (op.type != "ok") continue;  // Jepsen's quantiles are over ok ops
    buckets[op.f][static_cast<std::int64_t>(op.invoked_s / width)].push_back(op.latency_ms);
  }
  static const std::pair<double, const char*> kQuantiles[] = {
      {0.5, "#2CA02C"}, {0.95, "#FF8C00"}, {0.99, "#D62728"}, {1.0, "#9467BD"}};
  for (auto& [f, by_bucket] : buckets) {
    for (const auto& [q, colour] : kQuantiles) {
      PlotSeries s{f + " " + (q == 1.0 ? std::string("max") : std::to_string(q).substr(0, 4)),
                   colour,
                   true,
                   f == "read",
                   {}};
      for (auto& [bucket, latencies] : by_bucket) {
        std::sort(latencies.begin(), latencies.end());
        const auto rank =
            static_cast<std::size_t>(std::floor(q * static_cast<double>(latencies.size())));
        s.points.push_back({(static_cast<double>(bucket) + 0.5) * width,
                            latencies[std::min(rank, latencies.size() - 1)]});
      }
      plot.series.push_back(std::move(s));
    }
  }
  return plot;
}

Plot rate_plot(const history::History& history) {
  Plot plot{
      "Throughput", "time (s)", "operations per second", false, partition_spans_s(history), {}};
  const std::vector<OpLatency> ops = op_latencies(history);
  const double width = bucket_width_s(ops);
  std::int64_t last_bucket = 0;
  std::map<std::pair<std::string, std::string>, std::map<std::int64_t, double>> counts;
  for (const OpLatency& op : ops) {
    const auto bucket = static_cast<std::int64_t>((op.invoked_s + op.latency_ms / 1e3) / width);
    counts[{op.f, op.type}][bucket] += 1;
    last_bucket = std::max(last_bucket, bucket);
  }
  for (auto& [kind, by_bucket] : counts) {
    PlotSeries s{
        kind.first + " " + kind.second, colour_of(kind.first, kind.second), true, false, {}};
    for (std::int64_t b = 0; b <= last_bucket; ++b) {
      const auto found = by_bucket.find(b);
      s.points.push_back({(static_cast<double>(b) + 0.5) * width,
                          (found == by_bucket.end() ? 0.0 : found->second) / width});
    }
    plot.series.push_back(std::move(s));
  }
  return plot;
}

namespace {

// messages.html from the run's message journal: times and partitions on the journal's clock.
void write_journal_diagram(const std::filesystem::path& run_dir, const history::History& history) {
  const journal::JsonlDiagram diagram =
      journal::diagram_messages_from_jsonl((run_dir / journal::jsonl_journal_file).string());
  journal::DiagramOptions options;
  options.title = run_dir.filename().string();
  const double origin_ms = static_cast<double>(diagram.origin_ns) / 1e6;
  for (const PlotSpan& span : partition_spans_s(history)) {
    options.partitions.push_back({span.from * 1e3 - origin_ms, span.to * 1e3 - origin_ms});
  }
  std::ofstream out(run_dir / "messages.html", std::ios::binary);
  journal::write_diagram_html(out, diagram.messages, options);
  if (!out) throw std::runtime_error("cannot write " + (run_dir / "messages.html").string());
}

}  // namespace

void write_store_plots(const std::filesystem::path& run_dir, const history::History& history,
                       const std::vector<std::string>& nodes,
                       const std::vector<std::string>& node_logs) {
  write_file(run_dir / "latency-raw.svg", plot_svg(latency_raw_plot(history)));
  write_file(run_dir / "latency-quantiles.svg", plot_svg(latency_quantiles_plot(history)));
  write_file(run_dir / "rate.svg", plot_svg(rate_plot(history)));
  if (std::filesystem::is_regular_file(run_dir / journal::jsonl_journal_file)) {
    write_journal_diagram(run_dir, history);
    return;
  }
  std::vector<trace::NodeTrace> traces;
  for (std::size_t k = 0; k < nodes.size() && k < node_logs.size(); ++k) {
    if (auto parsed = trace::parse_node_trace(node_logs[k], nodes[k])) {
      traces.push_back(std::move(*parsed));
    }
  }
  if (traces.empty()) return;
  const std::vector<journal::DiagramMessage> messages =
      journal::diagram_messages_from_traces(traces);
  journal::DiagramOptions options;
  options.title = run_dir.filename().string() + " (from the node traces)";
  // Trace and history times share the simulator's clock; the diagram counts from its first step.
  std::int64_t origin_ms = std::numeric_limits<std::int64_t>::max();
  for (const trace::NodeTrace& t : traces) {
    if (!t.inputs.empty()) origin_ms = std::min(origin_ms, t.inputs.front().now_ms);
  }
  for (const PlotSpan& span : partition_spans_s(history)) {
    const auto origin = static_cast<double>(origin_ms);
    options.partitions.push_back({span.from * 1e3 - origin, span.to * 1e3 - origin});
  }
  std::ofstream out(run_dir / "messages.html", std::ios::binary);
  journal::write_diagram_html(out, messages, options);
  if (!out) throw std::runtime_error("cannot write " + (run_dir / "messages.html").string());
}

}  // namespace rumor::replay::sim
