#include "replay/sim/cluster.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "runtime/trace_format.hpp"

#ifndef RUMOR_VERSION
#define RUMOR_VERSION "unknown"
#endif

namespace rumor::replay::sim {

namespace {

// The rumor-node command line that builds the same initial state, so replay can rebuild it.
runtime::trace::Header trace_header(const core::Profile& profile, std::uint64_t node_seed,
                                    std::int64_t tick_ms) {
  return runtime::trace::Header{
      .program = "rumor-test",
      .version = RUMOR_VERSION,
      .settings = {{"profile", profile.name}, {"seed", std::to_string(node_seed)}},
      .args = {profile.name, "--seed", std::to_string(node_seed), "--tick-ms",
               std::to_string(tick_ms)}};
}

}  // namespace

Cluster::Cluster(const std::vector<std::string>& nodes, const core::Profile& profile,
                 std::uint64_t node_seed, bool keep_logs, StepFunction step, std::int64_t tick_ms)
    : keep_logs_(keep_logs) {
  // With logs kept, each node's log is its full trace, as `rumor replay` re-runs it.
  const runtime::HostOptions options{
      .capture = keep_logs ? runtime::trace::Capture::full : runtime::trace::Capture::off,
      .header = trace_header(profile, node_seed, tick_ms),
      .keep_log_lines = keep_logs,
      .step = step};
  nodes_.reserve(nodes.size());
  for (const auto& name : nodes) {
    nodes_.push_back(Node{.name = name,
                          .host = runtime::Host(core::make_state(profile, node_seed), options),
                          .muted = false,
                          .mute_reason = std::nullopt});
  }
}

void Cluster::deliver(std::size_t node, Delivery&& delivery, std::int64_t now_ns, Network& network,
                      EventQueue& events) {
  delivery.received().now_ms = now_ns / ns_per_ms;
  core::Output& output = nodes_[node].host.step(delivery.input, delivery.id);
  send(node, output, now_ns, network, events);
}

void Cluster::tick(std::size_t node, std::int64_t now_ns, Network& network, EventQueue& events) {
  send(node, nodes_[node].host.step(core::Tick{now_ns / ns_per_ms}), now_ns, network, events);
}

std::int64_t Cluster::advance(std::int64_t now_ns, std::int64_t deadline_ns, Network& /*network*/,
                              EventQueue& /*events*/) {
  return std::max(now_ns, deadline_ns);  // virtual time: nothing happens between events
}

void Cluster::send(std::size_t index, core::Output& output, std::int64_t now_ns, Network& network,
                   EventQueue& events) {
  Node& node = nodes_[index];
  for (auto& message : output.messages) {
    if (node.muted) break;
    const SendResult sent = network.send(std::move(message), now_ns, events);
    if (sent == SendResult::sent) continue;
    // Maelstrom's stdout reader throws here and reads nothing more from this node.
    node.muted = true;
    node.mute_reason = (sent == SendResult::invalid_dest ? "Invalid dest" : "Invalid src") +
                       std::string(" for message from ") + message.src + " to " + message.dest +
                       " at " + std::to_string(now_ns / ns_per_ms) + " ms";
    if (keep_logs_) node.host.log() += "[rumor] node muted: " + *node.mute_reason + "\n";
  }
}

std::vector<core::Value> Cluster::values(std::size_t node) const {
  if (nodes_[node].host.failed()) return {};  // the state went with the failed step
  // The node's set, which holds what its log holds (the log never repeats a value), read in order.
  const core::State& state = nodes_[node].host.state();
  assert(state.known.size() == state.values.size());
  return state.known.sorted();
}

std::vector<std::string> Cluster::problems() const {
  std::vector<std::string> problems;
  for (const Node& node : nodes_) {
    if (node.mute_reason) problems.push_back(node.name + " went mute: " + *node.mute_reason);
    if (node.host.failed())
      problems.push_back(node.name + " crashed: " + node.host.failure()->reason);
  }
  return problems;
}

std::optional<std::string> Cluster::crash_report(std::size_t node) const {
  const auto& failure = nodes_[node].host.failure();
  if (!failure) return std::nullopt;
  return "Node " + nodes_[node].name + " crashed: " + failure->reason;
}

}  // namespace rumor::replay::sim
