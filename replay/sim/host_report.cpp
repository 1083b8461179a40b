#include "replay/sim/host_report.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace rumor::replay::sim {

namespace {

// Thresholds past which a figure points at the host (see the README's process-mode section).
constexpr double rate_shortfall = 0.9;      // achieved under 90 % of --rate
constexpr double slow_init_ms = 1000;       // real nodes answer init within ms
constexpr double slow_reply_ms_median = 5;  // a node's own reply to a client request

std::string fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::optional<double> median_ms(std::vector<std::int64_t> times_ns) {
  if (times_ns.empty()) return std::nullopt;
  const auto middle = times_ns.begin() + static_cast<std::ptrdiff_t>(times_ns.size() / 2);
  std::nth_element(times_ns.begin(), middle, times_ns.end());
  return static_cast<double>(*middle) / 1e6;
}

history::Edn* entry(history::Edn& map, std::string_view keyword) {
  for (auto& e : map.entries) {
    if (e.key.is_keyword(keyword)) return &e.value;
  }
  return nullptr;
}

// From the first history op to the last: the span the journal's messages were counted over.
double history_span_s(const history::History& history) {
  if (history.size() < 2) return 0;
  return static_cast<double>(history.back().time_ns - history.front().time_ns) / 1e9;
}

std::int64_t broadcast_invokes(const history::History& history) {
  return std::count_if(history.begin(), history.end(), [](const history::Op& op) {
    return op.process && op.type == history::OpType::invoke && op.f == "broadcast";
  });
}

}  // namespace

HostFigures host_figures(const SimResult& sim, const SimConfig& config, double requested_rate,
                         double jepsen_slip_ms, const std::optional<ProcessFigures>& processes) {
  HostFigures figures;
  figures.requested_rate = requested_rate;
  if (config.time_limit_s > 0) {
    figures.achieved_rate =
        static_cast<double>(sim.pace.ops) / static_cast<double>(config.time_limit_s);
  }
  if (sim.pace.ops > 0) {
    figures.invoke_slip_ms_mean =
        static_cast<double>(sim.pace.slip_ns_total) / static_cast<double>(sim.pace.ops) / 1e6;
  }
  figures.jepsen_slip_ms = jepsen_slip_ms;
  figures.init_ms = static_cast<double>(sim.init_ns) / 1e6;
  if (processes) {
    figures.start_spread_ms = static_cast<double>(processes->start_spread_ns) / 1e6;
    figures.node_reply_ms_median = median_ms(processes->reply_times_ns);
    figures.node_processes = processes->node_processes;
  }
  const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  figures.cores = cores > 0 ? static_cast<unsigned>(cores) : 1;
  return figures;
}

std::vector<std::string> host_warnings(const HostFigures& f) {
  std::vector<std::string> warnings;
  if (f.node_processes == 0) return warnings;
  if (f.requested_rate > 0 && f.achieved_rate < rate_shortfall * f.requested_rate) {
    warnings.push_back("achieved op rate " + fixed(f.achieved_rate, 1) +
                       "/s is under 90 % of --rate " + fixed(f.requested_rate, 1) +
                       ": the host or slow replies held the clients back");
  }
  if (f.init_ms > slow_init_ms) {
    warnings.push_back("slow init: the nodes took " + fixed(f.init_ms, 0) +
                       " ms to answer init (the host starting " + std::to_string(f.node_processes) +
                       " processes?)");
  }
  if (f.node_reply_ms_median && *f.node_reply_ms_median > slow_reply_ms_median) {
    warnings.push_back("median node reply time " + fixed(*f.node_reply_ms_median, 2) +
                       " ms is above " + fixed(slow_reply_ms_median, 0) +
                       " ms: the nodes (or the host running them) are slow to answer");
  }
  if (f.node_processes > f.cores) {
    warnings.push_back(std::to_string(f.node_processes) + " node processes share " +
                       std::to_string(f.cores) +
                       " cores: timings may measure the host rather than the node");
  }
  return warnings;
}

std::string pace_line(const HostFigures& f) {
  std::string line = "achieved " + fixed(f.achieved_rate, 1) + " ops/s (--rate " +
                     fixed(f.requested_rate, 1) + "), mean invoke slip " +
                     fixed(f.invoke_slip_ms_mean, 3) + " ms";
  if (f.jepsen_slip_ms > 0) line += " (--jepsen-slip-ms " + fixed(f.jepsen_slip_ms, 3) + ")";
  if (f.start_spread_ms) line += ", nodes started within " + fixed(*f.start_spread_ms, 1) + " ms";
  return line;
}

void add_host_keys(history::Edn& results, const SimResult& sim, const HostFigures& f,
                   const std::vector<std::string>& warnings) {
  using history::Edn;
  if (Edn* net = entry(results, "net")) {
    if (Edn* servers = entry(*net, "servers")) {
      const auto messages = static_cast<double>(sim.net.servers.msg_count);
      const double span_s = history_span_s(sim.history);
      const std::int64_t broadcasts = broadcast_invokes(sim.history);
      if (span_s > 0) servers->set("msgs-per-second", Edn::of_double(messages / span_s));
      if (broadcasts > 0) {
        servers->set("msgs-per-broadcast",
                     Edn::of_double(messages / static_cast<double>(broadcasts)));
      }
    }
  }
  Edn host = Edn::of_map();
  host.set("achieved-rate", Edn::of_double(f.achieved_rate));
  host.set("invoke-slip-ms-mean", Edn::of_double(f.invoke_slip_ms_mean));
  host.set("init-ms", Edn::of_double(f.init_ms));
  if (f.start_spread_ms) host.set("start-spread-ms", Edn::of_double(*f.start_spread_ms));
  if (f.node_reply_ms_median) {
    host.set("node-reply-ms-median", Edn::of_double(*f.node_reply_ms_median));
  }
  host.set("node-processes", Edn::of_int(static_cast<std::int64_t>(f.node_processes)));
  host.set("cores", Edn::of_int(f.cores));
  Edn list = Edn::of_vector();
  for (const auto& warning : warnings) list.items.push_back(Edn::of_string(warning));
  host.set("warnings", std::move(list));
  results.set("host", std::move(host));
}

}  // namespace rumor::replay::sim
