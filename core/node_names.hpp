// The ids Maelstrom gives a cluster (Maelstrom's doc/protocol.md): nodes n0, n1, ... and clients
// c<k>. The core only receives them; every runner, simulator and test that builds a cluster names
// its members here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rumor::core {

inline std::string node_name(std::size_t index) { return "n" + std::to_string(index); }

inline std::string client_name(std::size_t index) { return "c" + std::to_string(index); }

// n0 .. n<count-1>.
inline std::vector<std::string> node_names(std::size_t count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (std::size_t index = 0; index < count; ++index) names.push_back(node_name(index));
  return names;
}

}  // namespace rumor::core
