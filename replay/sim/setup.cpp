// Setup (Maelstrom's doc/protocol.md): init from fresh clients, then topology, then the relative
// clock starts.
#include <algorithm>
#include <utility>

#include "replay/sim/simulation_run.hpp"
#include "replay/world/topology.hpp"

namespace rumor::replay::sim::detail {

using world::make_topology;
using world::TopologyMap;

// Processes are launched and get `init` from fresh clients c0..c(N−1), msg_id 1 each.
void Simulation::start_init() {
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    const EndpointId id = network_.add_endpoint(nodes_[k], /*polling=*/true);
    owners_.resize(id + 1);
    owners_[id] = Owner{OwnerKind::node, static_cast<std::uint32_t>(k)};
  }
  setup_.clear();
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    const EndpointId client = open_client(true, OwnerKind::setup, static_cast<std::uint32_t>(k));
    setup_.push_back(SetupClient{.endpoint = client, .node = k});
    core::Message init{.src = network_.name_of(client),
                       .dest = nodes_[k],
                       .msg_id = 1,
                       .in_reply_to = std::nullopt,
                       .body = core::Init{.node_id = nodes_[k], .node_ids = nodes_}};
    network_.send(std::move(init), now_ns_, events_);
    events_.schedule(now_ns_ + init_timeout_ms * ns_per_ms, EventKind::setup_timeout,
                     static_cast<std::uint32_t>(k));
  }
  setup_pending_ = nodes_.size();
  if (!cluster_.needs_ticks()) return;
  // Each node ticks on its own phase, so periodic work does not line up across the cluster.
  std::vector<std::pair<std::int64_t, std::uint32_t>> first_ticks;  // (time, node)
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    const auto offset_ms =
        static_cast<std::int64_t>(tick_rng_.below(static_cast<std::uint64_t>(config_.tick_ms)));
    first_ticks.emplace_back(offset_ms * ns_per_ms, static_cast<std::uint32_t>(k));
  }
  // In time order, as they always were (it fixes their order among same-instant events).
  std::sort(first_ticks.begin(), first_ticks.end());
  for (const auto& [time_ns, node] : first_ticks) wakes_.first_tick(node, time_ns, events_);
}

// Relative time 0 is set after init, before topology (Maelstrom's doc/protocol.md).
void Simulation::start_topology() {
  phase_ = Phase::topology;
  relative_zero_ns_ = now_ns_;
  const auto map = make_topology(config_.topology, nodes_);
  setup_.clear();
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    const EndpointId client = open_client(true, OwnerKind::setup, static_cast<std::uint32_t>(k));
    setup_.push_back(SetupClient{.endpoint = client, .node = k});
    core::Message topology{.src = network_.name_of(client),
                           .dest = nodes_[k],
                           .msg_id = 1,
                           .in_reply_to = std::nullopt,
                           .body = core::Topology{.neighbours = map.value_or(TopologyMap{})}};
    network_.send(std::move(topology), now_ns_, events_);
    events_.schedule(now_ns_ + rpc_timeout_ms * ns_per_ms, EventKind::setup_timeout,
                     static_cast<std::uint32_t>(k));
  }
  setup_pending_ = nodes_.size();
}

void Simulation::on_setup_reply(std::size_t setup, const core::Message& reply) {
  SetupClient& client = setup_[setup];
  if (client.done || reply.in_reply_to != 1) return;  // not the reply it waits for
  const bool init = phase_ == Phase::init;
  const bool ok = init ? std::holds_alternative<core::InitOk>(reply.body)
                       : std::holds_alternative<core::TopologyOk>(reply.body);
  if (!ok) {
    abort("Node " + nodes_[client.node] + " replied to " + (init ? "init" : "topology") + " with " +
          body_edn(reply) + " instead of " + (init ? "init_ok" : "topology_ok"));
    return;
  }
  client.done = true;
  if (init) {
    network_.remove_endpoint(client.endpoint);  // init clients close at once
  } else {
    network_.set_polling(client.endpoint, false, now_ns_, events_);  // stays open, idle
  }
  if (--setup_pending_ == 0) {
    if (init) {
      start_topology();
    } else {
      start_main();
    }
  }
}

void Simulation::on_setup_timeout(std::size_t setup) {
  if (phase_ != Phase::init && phase_ != Phase::topology) return;
  if (setup >= setup_.size() || setup_[setup].done) return;
  const std::string& node = nodes_[setup_[setup].node];
  if (phase_ == Phase::init) {
    abort("Expected node " + node + " to respond to an init message, but node did not respond.");
  } else {
    abort("Expected node " + node + " to respond to a topology message within 5 s.");
  }
}

}  // namespace rumor::replay::sim::detail
