// The ids Maelstrom gives a cluster (Maelstrom's doc/protocol.md): nodes n0, n1, ... and clients
// c<k>. The core only receives them; every runner, simulator and test that builds a cluster names
// its members here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::core {

std::string node_name(std::size_t index);                // "n<index>"
std::string client_name(std::size_t index);              // "c<index>"
std::vector<std::string> node_names(std::size_t count);  // n0 .. n<count-1>

// The number after an id's first character, written as node_name and client_name write it (no
// leading zeros, at most 9 digits): "n12" -> 12; nullopt for any other id. Finds a node or an
// endpoint by its number instead of by its whole name. Inline: a node asks it of every gossip
// it receives.
inline std::optional<std::size_t> id_number(std::string_view id) {
  constexpr std::size_t digits_max = 9;
  if (id.size() < 2 || id.size() > 1 + digits_max) return std::nullopt;
  if (id[1] == '0' && id.size() > 2) return std::nullopt;
  std::size_t number = 0;
  for (std::size_t i = 1; i < id.size(); ++i) {
    const auto digit = static_cast<unsigned char>(id[i] - '0');
    if (digit > 9) return std::nullopt;
    number = number * 10 + digit;
  }
  return number;
}

}  // namespace rumor::core
