// The names on the wire: Maelstrom's body types, and the keys of our own node-to-node gossip
// body. Shared by the decoder and the encoder of the codec (core/codec.hpp).
#pragma once

#include <string_view>

namespace rumor::core::wire {

// Body keys of the node-to-node gossip message (our own wire format, not Maelstrom's). Short,
// because gossip is most of the traffic.
namespace gossip_key {
inline constexpr const char* offset = "o";
inline constexpr const char* values = "v";
inline constexpr const char* ack = "a";
}  // namespace gossip_key

// The Maelstrom body "type" of each known body. Unsupported and Malformed carry their own.
inline constexpr std::string_view wire_type_init = "init";
inline constexpr std::string_view wire_type_init_ok = "init_ok";
inline constexpr std::string_view wire_type_topology = "topology";
inline constexpr std::string_view wire_type_topology_ok = "topology_ok";
inline constexpr std::string_view wire_type_broadcast = "broadcast";
inline constexpr std::string_view wire_type_broadcast_ok = "broadcast_ok";
inline constexpr std::string_view wire_type_read = "read";
inline constexpr std::string_view wire_type_read_ok = "read_ok";
inline constexpr std::string_view wire_type_error = "error";
inline constexpr std::string_view wire_type_gossip = "gossip";
// A gossip without values is a pure acknowledgement; its own type name lets Maelstrom's message
// statistics and the simulator's by-type breakdown show how much traffic acks cost.
inline constexpr std::string_view wire_type_ack = "ack";

}  // namespace rumor::core::wire
