#include "replay/model/world.hpp"

#include <tuple>

namespace rumor::replay::model {

bool same_packet(const Packet& a, const Packet& b) {
  return a.src == b.src && a.dest == b.dest && a.age == b.age && a.gossip == b.gossip;
}

bool packet_less(const Packet& a, const Packet& b) {
  // Age last: one advance ages every packet alike, which keeps the order.
  return std::tie(a.src, a.dest, a.gossip.offset, a.gossip.ack, a.gossip.values, a.age) <
         std::tie(b.src, b.dest, b.gossip.offset, b.gossip.ack, b.gossip.values, b.age);
}

std::map<std::string, std::vector<std::string>> grid_topology(const std::vector<std::string>& ids) {
  const auto count = static_cast<long>(ids.size());
  long side = 0;
  while (side * side < count) ++side;
  std::map<std::string, std::vector<std::string>> map;
  for (long k = 0; k < count; ++k) {
    const long row = k / side;
    const long column = k % side;
    auto& neighbours = map[ids[static_cast<std::size_t>(k)]];
    const long candidates[4][2] = {
        {row + 1, column}, {row - 1, column}, {row, column + 1}, {row, column - 1}};
    for (const auto& [r, c] : candidates) {
      const long at = r * side + c;
      if (r >= 0 && c >= 0 && c < side && at < count) {
        neighbours.push_back(ids[static_cast<std::size_t>(at)]);
      }
    }
  }
  return map;
}

bool converged(const World& world, int values) {
  if (world.next_value < values) return false;
  for (const auto& node : world.nodes) {
    if (node->values.size() < static_cast<std::size_t>(values)) return false;
  }
  return true;
}

}  // namespace rumor::replay::model
