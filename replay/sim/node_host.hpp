// Who runs a test's server nodes: the embedded cores (Cluster, stepped in virtual time) or child
// processes over pipes (ProcessCluster, `rumor test --bin`, in wall-clock time). The simulation
// around them (network, clients, generator, nemesis, checker) is the same for both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "replay/sim/event_queue.hpp"
#include "replay/world/network.hpp"

namespace rumor::replay::sim {

class NodeHost {
 public:
  virtual ~NodeHost() = default;

  virtual std::size_t size() const = 0;
  // Hands node `node` a message the network delivered at now_ns. What the node writes in return
  // enters the network through network.send, at once (embedded) or when it is read (processes).
  virtual void deliver(std::size_t node, Delivery&& delivery, std::int64_t now_ns, Network& network,
                       EventQueue& events) = 0;
  // Embedded cores are ticked by the simulation's tick events; processes tick themselves.
  virtual bool needs_ticks() const = 0;
  // When the node's core next needs a tick (core::Output::wake_at_ms of its last step).
  virtual std::optional<std::int64_t> wake_at_ms(std::size_t /*node*/) const {
    return std::nullopt;
  }
  virtual void tick(std::size_t node, std::int64_t now_ns, Network& network,
                    EventQueue& events) = 0;
  // Lets time pass from now_ns towards deadline_ns, the next event's time, and returns the time
  // reached. Virtual time jumps to the deadline; a wall-clock host waits, handles what nodes
  // write meanwhile, and returns as soon as it handled something (possibly before the deadline).
  virtual std::int64_t advance(std::int64_t now_ns, std::int64_t deadline_ns, Network& network,
                               EventQueue& events) = 0;

  // The test is over: Maelstrom force-kills every node process here.
  virtual void teardown() {}

  // Every value the node holds, sorted (empty when unknown: a process keeps its state).
  virtual std::vector<core::Value> values(std::size_t node) const = 0;
  // The node-logs/<node>.log text to store, if the host keeps it in memory.
  virtual const std::string& log(std::size_t node) const = 0;
  // One line per node that went mute or crashed, in node order.
  virtual std::vector<std::string> problems() const = 0;
  // Maelstrom's teardown error for a node that died during the test, if it did.
  virtual std::optional<std::string> crash_report(std::size_t node) const = 0;
};

}  // namespace rumor::replay::sim
