// Transitions as one line of text, for counterexamples.
#include <string>

#include "replay/model/transitions.hpp"

namespace rumor::replay::model {

namespace {

std::string packet_text(const Packet& packet) {
  std::string text = node_name(packet.src) + "->" + node_name(packet.dest) + " " +
                     (packet.gossip.values.empty() ? "ack" : "gossip") +
                     " offset=" + std::to_string(packet.gossip.offset) + " values=[";
  for (std::size_t i = 0; i < packet.gossip.values.size(); ++i) {
    text += (i ? "," : "") + std::to_string(packet.gossip.values[i]);
  }
  text += "] ack=" + std::to_string(packet.gossip.ack);
  if (packet.age > 0) text += " (waited " + std::to_string(packet.age) + " wake-ups)";
  return text;
}

std::string mask_text(std::uint32_t mask, std::size_t nodes) {
  std::string side_a;
  std::string side_b;
  for (std::size_t i = 0; i < nodes; ++i) {
    std::string& side = ((mask >> i) & 1U) ? side_a : side_b;
    side += (side.empty() ? "" : ",") + node_name(i);
  }
  return "{" + side_a + "} | {" + side_b + "}";
}

}  // namespace

std::string describe(const World& before, const Transition& transition) {
  const std::string at = " at " + std::to_string(before.now_ms) + " ms";
  switch (transition.kind) {
    case Kind::broadcast:
      return "client broadcasts " + std::to_string(before.next_value) + " to " +
             node_name(transition.arg) + at;
    case Kind::deliver:
    case Kind::drop:
    case Kind::duplicate:
      if (transition.arg >= before.in_flight.size()) return "(no such message)";
      return std::string(kind_name(transition.kind)) + " " +
             packet_text(before.in_flight[transition.arg]) + at;
    case Kind::partition:
      return "partition " + mask_text(transition.arg, before.nodes.size()) + at;
    case Kind::heal:
      return "heal the partition" + at;
    case Kind::tick:
      return "tick " + node_name(transition.arg) + at;
    case Kind::advance:
      return "time advances from " + std::to_string(before.now_ms) + " ms to the next wake-up";
  }
  return "?";
}

}  // namespace rumor::replay::model
