#include "core/message.hpp"

#include <variant>

#include "core/wire_names.hpp"

namespace rumor::core {

using namespace wire;

// One case per body type: a new alternative of Body does not compile until it has a name.
std::string_view wire_type(const Body& body) {
  struct Visitor {
    std::string_view operator()(const Init&) const { return wire_type_init; }
    std::string_view operator()(const InitOk&) const { return wire_type_init_ok; }
    std::string_view operator()(const Topology&) const { return wire_type_topology; }
    std::string_view operator()(const TopologyOk&) const { return wire_type_topology_ok; }
    std::string_view operator()(const Broadcast&) const { return wire_type_broadcast; }
    std::string_view operator()(const BroadcastOk&) const { return wire_type_broadcast_ok; }
    std::string_view operator()(const Read&) const { return wire_type_read; }
    std::string_view operator()(const ReadOk&) const { return wire_type_read_ok; }
    std::string_view operator()(const Error&) const { return wire_type_error; }
    std::string_view operator()(const Gossip& b) const {
      return b.values.empty() ? wire_type_ack : wire_type_gossip;
    }
    std::string_view operator()(const Unsupported& b) const { return b.type; }
    std::string_view operator()(const Malformed& b) const { return b.type; }
  };
  return std::visit(Visitor{}, body);
}

std::string type_name(const Body& body) { return std::string(wire_type(body)); }

}  // namespace rumor::core
