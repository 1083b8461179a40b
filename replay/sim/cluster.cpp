#include "replay/sim/cluster.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "core/codec.hpp"
#include "runtime/trace_format.hpp"

#ifndef RUMOR_VERSION
#define RUMOR_VERSION "unknown"
#endif

namespace rumor::replay::sim {

namespace {

// The rumor-node command line that builds the same initial state, so replay can rebuild it.
std::string trace_header(const core::Profile& profile, std::uint64_t node_seed,
                         std::int64_t tick_ms) {
  runtime::trace::Header header{
      .program = "rumor-test",
      .version = RUMOR_VERSION,
      .settings = {{"profile", profile.name}, {"seed", std::to_string(node_seed)}},
      .args = {profile.name, "--seed", std::to_string(node_seed), "--tick-ms",
               std::to_string(tick_ms)}};
  return runtime::trace::header_line(header);
}

}  // namespace

Cluster::Cluster(const std::vector<std::string>& nodes, const core::Profile& profile,
                 std::uint64_t node_seed, bool keep_logs, StepFunction step, std::int64_t tick_ms)
    : keep_logs_(keep_logs), step_(step) {
  nodes_.reserve(nodes.size());
  for (const auto& name : nodes) {
    Node node;
    node.name = name;
    node.state = core::make_state(profile, node_seed);
    if (keep_logs_) node.log = trace_header(profile, node_seed, tick_ms);
    nodes_.push_back(std::move(node));
  }
}

void Cluster::deliver(std::size_t node, Delivery delivery, std::int64_t now_ns, Network& network,
                      EventQueue& events) {
  const std::int64_t now_ms = now_ns / ns_per_ms;
  if (keep_logs_ && !nodes_[node].crash) {
    // The line a process would have read, with Maelstrom's network id.
    runtime::trace::append_in(nodes_[node].log, now_ms,
                              core::encode(delivery.message, delivery.id));
  }
  step(node, core::Received{std::move(delivery.message), now_ms}, now_ns, network, events);
}

void Cluster::tick(std::size_t node, std::int64_t now_ns, Network& network, EventQueue& events) {
  if (keep_logs_ && !nodes_[node].crash) {
    runtime::trace::append_tick(nodes_[node].log, now_ns / ns_per_ms);
  }
  step(node, core::Tick{now_ns / ns_per_ms}, now_ns, network, events);
}

std::int64_t Cluster::advance(std::int64_t now_ns, std::int64_t deadline_ns, Network& /*network*/,
                              EventQueue& /*events*/) {
  return std::max(now_ns, deadline_ns);  // virtual time: nothing happens between events
}

void Cluster::step(std::size_t index, const core::Input& input, std::int64_t now_ns,
                   Network& network, EventQueue& events) {
  Node& node = nodes_[index];
  if (node.crash) return;  // a dead process reads nothing
  core::Output output;
  try {
    core::StepResult result = step_(std::move(node.state), input);
    node.state = std::move(result.state);
    output = std::move(result.output);
  } catch (const std::exception& e) {
    node.crash = e.what();
    node.wake_at_ms.reset();
    return;
  }
  node.wake_at_ms = output.wake_at_ms;
  if (keep_logs_) {
    for (const auto& line : output.log_lines) {
      node.log += line;
      node.log += '\n';
    }
    std::string encoded;
    for (const auto& message : output.messages) {
      core::encode_append(message, encoded);
      encoded += '\n';
    }
    runtime::trace::append_outs(node.log, encoded);
  }
  for (auto& message : output.messages) {
    if (node.muted) break;
    const SendResult sent = network.send(std::move(message), now_ns, events);
    if (sent == SendResult::sent) continue;
    // Maelstrom's stdout reader throws here and reads nothing more from this node.
    node.muted = true;
    node.mute_reason = (sent == SendResult::invalid_dest ? "Invalid dest" : "Invalid src") +
                       std::string(" for message from ") + message.src + " to " + message.dest +
                       " at " + std::to_string(now_ns / ns_per_ms) + " ms";
    if (keep_logs_) node.log += "[rumor] node muted: " + *node.mute_reason + "\n";
  }
}

std::vector<core::Value> Cluster::values(std::size_t node) const {
  std::vector<core::Value> values = nodes_[node].state.values;
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<std::string> Cluster::problems() const {
  std::vector<std::string> problems;
  for (const Node& node : nodes_) {
    if (node.mute_reason) problems.push_back(node.name + " went mute: " + *node.mute_reason);
    if (node.crash) problems.push_back(node.name + " crashed: " + *node.crash);
  }
  return problems;
}

std::optional<std::string> Cluster::crash_report(std::size_t node) const {
  if (!nodes_[node].crash) return std::nullopt;
  return "Node " + nodes_[node].name + " crashed: " + *nodes_[node].crash;
}

}  // namespace rumor::replay::sim
