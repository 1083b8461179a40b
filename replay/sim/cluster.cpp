#include "replay/sim/cluster.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace rumor::sim {

Cluster::Cluster(const std::vector<std::string>& nodes, const core::Profile& profile,
                 std::uint64_t node_seed, bool keep_logs, StepFunction step)
    : keep_logs_(keep_logs), step_(step) {
  nodes_.reserve(nodes.size());
  for (const auto& name : nodes) {
    Node node;
    node.name = name;
    node.state = core::make_state(profile, node_seed);
    nodes_.push_back(std::move(node));
  }
}

void Cluster::deliver(std::size_t node, core::Message message, std::int64_t now_ns,
                      Network& network, EventQueue& events) {
  step(node, core::Received{std::move(message), now_ns / ns_per_ms}, now_ns, network, events);
}

void Cluster::tick(std::size_t node, std::int64_t now_ns, Network& network, EventQueue& events) {
  step(node, core::Tick{now_ns / ns_per_ms}, now_ns, network, events);
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
    return;
  }
  if (keep_logs_) {
    for (const auto& line : output.log_lines) {
      node.log += line;
      node.log += '\n';
    }
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

}  // namespace rumor::sim
