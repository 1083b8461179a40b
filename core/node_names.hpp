// The ids Maelstrom gives a cluster (Maelstrom's doc/protocol.md): nodes n0, n1, ... and clients
// c<k>. The core only receives them; every runner, simulator and test that builds a cluster names
// its members here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rumor::core {

std::string node_name(std::size_t index);                // "n<index>"
std::string client_name(std::size_t index);              // "c<index>"
std::vector<std::string> node_names(std::size_t count);  // n0 .. n<count-1>

}  // namespace rumor::core
