// The simulated server nodes: one runtime::Host each (message level), stepped on deliveries and on
// the ticks it asks for. Outputs enter the network at once. Like Maelstrom's stdout reader, an
// output with an unregistered src or dest makes the node mute for the rest of the test; a step that
// throws is a crashed process (the host's failure; Maelstrom aborts the run at teardown). With logs
// kept, each node's log is its rumor trace (runtime/trace_format.hpp) plus the core's log lines, so
// `rumor replay` can re-run the run's store directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/profile.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "replay/sim/event_queue.hpp"
#include "replay/sim/node_host.hpp"
#include "replay/world/network.hpp"
#include "runtime/host.hpp"

namespace rumor::replay::sim {

class Cluster : public NodeHost {
 public:
  using StepFunction = runtime::StepFunction;

  Cluster(const std::vector<std::string>& nodes, const core::Profile& profile,
          std::uint64_t node_seed, bool keep_logs, StepFunction step,
          std::int64_t tick_ms = core::tick_ms_default);

  std::size_t size() const override { return nodes_.size(); }
  const std::string& name(std::size_t node) const { return nodes_[node].name; }

  void deliver(std::size_t node, Delivery&& delivery, std::int64_t now_ns, Network& network,
               EventQueue& events) override;
  bool needs_ticks() const override { return true; }
  std::optional<std::int64_t> wake_at_ms(std::size_t node) const override {
    return nodes_[node].host.wake_at_ms();
  }
  void tick(std::size_t node, std::int64_t now_ns, Network& network, EventQueue& events) override;
  std::int64_t advance(std::int64_t now_ns, std::int64_t deadline_ns, Network& network,
                       EventQueue& events) override;

  std::vector<core::Value> values(std::size_t node) const override;
  const std::string& log(std::size_t node) const override { return nodes_[node].host.log(); }
  bool muted(std::size_t node) const { return nodes_[node].muted; }
  bool crashed(std::size_t node) const { return nodes_[node].host.failed(); }
  std::vector<std::string> problems() const override;
  std::optional<std::string> crash_report(std::size_t node) const override;

 private:
  struct Node {
    std::string name;
    runtime::Host host;
    bool muted = false;
    std::optional<std::string> mute_reason;
  };

  void send(std::size_t node, core::Output& output, std::int64_t now_ns, Network& network,
            EventQueue& events);

  std::vector<Node> nodes_;
  bool keep_logs_;
};

}  // namespace rumor::replay::sim
