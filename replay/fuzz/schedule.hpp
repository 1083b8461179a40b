// A fuzz run as plain data: the cluster's configuration plus an explicit list of events (client
// requests and fault windows). The simulation is a pure function of a Schedule, so a failing
// schedule can be shrunk event by event and written to a schedule file that replays exactly.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "replay/world/faults.hpp"
#include "replay/world/latency.hpp"

namespace rumor::replay::fuzz {

// Node sets and the network's fault windows are the simulated world's (replay/world/faults.hpp).
using world::contains;
using world::LinkFault;
using world::LinkFaultKind;
using world::nodes_max;
using world::NodeSet;
using world::only;
using world::Partition;

using LatencyKind = world::LatencyDist;

// Node-to-node latency, as Maelstrom draws it (Maelstrom's net.clj), with draws capped at max_ms
// so the convergence bound stays finite (world::LatencyModel once run).
struct Latency {
  LatencyKind kind = LatencyKind::constant;
  std::int64_t mean_ms = 0;
  std::int64_t max_ms = 0;
  bool operator==(const Latency&) const = default;
};

// A node's view of time: it ticks every period_ms starting at phase_ms (global time), and every
// input it gets carries global time + skew_ms.
struct NodeClock {
  std::int64_t period_ms = 10;
  std::int64_t phase_ms = 0;
  std::int64_t skew_ms = 0;
  bool operator==(const NodeClock&) const = default;
};

struct Config {
  std::uint64_t seed = 0;  // the campaign seed; also keys the per-message fates and core seeds
  int nodes = 1;
  std::string profile = "default";
  std::string topology = "grid";  // Maelstrom topology kind sent to every node (Maelstrom's
                                  // workload/broadcast.clj, topologies)
  Latency latency;
  std::vector<NodeClock> clocks;    // one per node
  std::int64_t fault_phase_ms = 0;  // faults and client broadcasts happen before this
  std::int64_t liveness_ms = 0;     // then everything heals; convergence is due within this
  bool operator==(const Config&) const = default;
};

// A client asks `node` to broadcast `value` (several events may carry the same value).
struct ClientBroadcast {
  std::int64_t at_ms = 0;
  int node = 0;
  core::Value value = 0;
  bool operator==(const ClientBroadcast&) const = default;
};

struct ClientRead {
  std::int64_t at_ms = 0;
  int node = 0;
  bool operator==(const ClientRead&) const = default;
};

// While active, the node handles nothing: its inbound messages wait and it gets no ticks.
struct Pause {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  int node = 0;
  bool operator==(const Pause&) const = default;
};

using EventBody = std::variant<ClientBroadcast, ClientRead, LinkFault, Partition, Pause>;

struct Event {
  std::uint32_t id = 0;  // stable through shrinking: keys the fates of messages in its window
  EventBody body;
  bool operator==(const Event&) const = default;
};

struct Schedule {
  Config config;
  std::vector<Event> events;
  bool operator==(const Schedule&) const = default;
};

std::string latency_kind_name(LatencyKind kind);
std::string link_fault_kind_name(LinkFaultKind kind);

// The nodes an event names; a schedule stays valid when nodes past the count are dropped.
NodeSet nodes_of(const EventBody& body);

// The schedule restricted to the first `nodes` nodes: events naming only dropped nodes go, sets
// lose the dropped members. Used to shrink the cluster.
Schedule restrict_nodes(const Schedule& schedule, int nodes);

// The schedule without node `node`: its events go, later nodes move down one index (n5 becomes
// n4), sets lose it. Used to shrink the cluster one node at a time.
Schedule remove_node(const Schedule& schedule, int node);

// Distinct broadcast values in the schedule.
std::size_t distinct_values(const Schedule& schedule);

}  // namespace rumor::replay::fuzz
