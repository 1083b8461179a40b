#include "core/message.hpp"

#include <type_traits>

namespace rumor::core {

std::string type_name(const Body& body) {
  return std::visit(
      [](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Init>) return "init";
        if constexpr (std::is_same_v<T, InitOk>) return "init_ok";
        if constexpr (std::is_same_v<T, Topology>) return "topology";
        if constexpr (std::is_same_v<T, TopologyOk>) return "topology_ok";
        if constexpr (std::is_same_v<T, Broadcast>) return "broadcast";
        if constexpr (std::is_same_v<T, BroadcastOk>) return "broadcast_ok";
        if constexpr (std::is_same_v<T, Read>) return "read";
        if constexpr (std::is_same_v<T, ReadOk>) return "read_ok";
        if constexpr (std::is_same_v<T, Error>) return "error";
        if constexpr (std::is_same_v<T, Gossip>) return b.values.empty() ? "ack" : "gossip";
        if constexpr (std::is_same_v<T, Unsupported>) return b.type;
        if constexpr (std::is_same_v<T, Malformed>) return b.type;
      },
      body);
}

}  // namespace rumor::core
