// One simulated Maelstrom broadcast test (Maelstrom's doc/protocol.md; Jepsen's generator,
// nemesis.clj): setup (init, topology), the main phase (staggered client ops and the partition
// nemesis), drain, heal, 10 s recovery, final reads, all in deterministic virtual time on the
// simulated network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/profile.hpp"
#include "core/step.hpp"
#include "replay/history/check.hpp"
#include "replay/history/op.hpp"
#include "replay/world/event_queue.hpp"
#include "replay/world/latency.hpp"
#include "replay/world/network.hpp"
#include "runtime/host.hpp"

namespace rumor::replay::sim {

using world::LatencyModel;
using world::ns_per_ms;
using world::ns_per_s;

// How a node steps: the host's (runtime/host.hpp), core::step unless a test substitutes a
// misbehaving node.
using StepFunction = runtime::StepFunction;

struct SimConfig {
  std::vector<std::string> nodes;
  std::int64_t time_limit_s = 60;
  double rate = 5;  // ops per second, network-wide; 0 = no main-phase client ops
  LatencyModel latency;
  std::string topology = "grid";
  bool nemesis_partition = false;
  double nemesis_interval_s = 10;
  std::size_t concurrency = 0;  // resolved worker count; 0 means one per node
  std::uint64_t seed = 0;
  core::Profile profile;
  std::int64_t tick_ms = 10;
  bool keep_node_logs = false;
  std::int64_t jepsen_slip_ns = 0;  // added to every client op gap (--jepsen-slip-ms)
  StepFunction step = core::step_in_place;
  // When set, the network writes every send, delivery and drop to this message journal.
  journal::JsonlJournalWriter* journal = nullptr;
};

// How the client ops of the main phase kept to the schedule.
struct ClientPace {
  std::int64_t ops = 0;            // client ops invoked in the main phase
  std::int64_t slip_ns_total = 0;  // summed (invoke time − due time), --jepsen-slip-ms included
};

struct SimResult {
  history::History history;
  history::NetCounts net;
  std::vector<std::vector<core::Value>> final_values;  // per node, sorted
  std::vector<std::string> node_logs;                  // per node (empty unless kept)
  std::vector<std::string> problems;                   // nodes that went mute or crashed
  std::optional<std::string> abort_reason;             // Maelstrom would crash: exit 255
  std::int64_t simulated_ns = 0;                       // virtual time at the end
  std::int64_t events = 0;                             // events processed
  std::int64_t init_ns = 0;                            // from the start to every init answered
  ClientPace pace;
};

SimResult run_simulation(const SimConfig& config);

class NodeHost;
// The same run with `host`'s nodes (e.g. child processes) instead of the embedded cores.
SimResult run_simulation(const SimConfig& config, NodeHost& host);

}  // namespace rumor::replay::sim
