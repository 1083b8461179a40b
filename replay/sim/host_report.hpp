// What a run says about its host rather than its nodes. The same node can score differently on
// different machines: Maelstrom's msgs-per-op divides by the op count, which falls when the
// Jepsen host slips per op, and a host short of cores slows every node process. So a run reports
// host-independent traffic figures (messages per second and per broadcast, under :net :servers),
// the pace the clients achieved, and warnings when the host, not the node, was the limit.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "replay/history/edn.hpp"
#include "replay/sim/simulation.hpp"

namespace rumor::replay::sim {

struct HostFigures {
  double requested_rate = 0;       // --rate
  double achieved_rate = 0;        // main-phase client ops per second of --time-limit
  double invoke_slip_ms_mean = 0;  // mean (invoke time − due time), --jepsen-slip-ms included
  double jepsen_slip_ms = 0;
  double init_ms = 0;  // from the start until every node answered init
  // Process mode only: release to the last node's exec, and the median time a node took to
  // answer a client request written to it.
  std::optional<double> start_spread_ms;
  std::optional<double> node_reply_ms_median;
  std::size_t node_processes = 0;  // 0 when the nodes are the embedded cores
  unsigned cores = 0;              // online processors of this host
};

struct ProcessFigures {
  std::int64_t start_spread_ns = 0;
  std::vector<std::int64_t> reply_times_ns;
  std::size_t node_processes = 0;
};

HostFigures host_figures(const SimResult& sim, const SimConfig& config, double requested_rate,
                         double jepsen_slip_ms, const std::optional<ProcessFigures>& processes);

// The warnings that tell a host limit from a node's behaviour (process mode only: in virtual
// time the host cannot be the limit).
std::vector<std::string> host_warnings(const HostFigures& figures);

// "achieved 97.3 ops/s (--rate 100), mean invoke slip 0.271 ms"
std::string pace_line(const HostFigures& figures);

// Rumor-only results keys, where Maelstrom's results have none to compare with:
// :net :servers :msgs-per-second and :msgs-per-broadcast, and a top-level :host map.
void add_host_keys(history::Edn& results, const SimResult& sim, const HostFigures& figures,
                   const std::vector<std::string>& warnings);

}  // namespace rumor::replay::sim
