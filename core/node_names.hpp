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
  const std::size_t size = id.size();
  if (size < 2 || size > 1 + digits_max) return std::nullopt;
  if (id[1] == '0' && size > 2) return std::nullopt;
  const auto digit = [id](std::size_t i) { return static_cast<unsigned char>(id[i] - '0'); };
  // The ids of up to 100 nodes or clients (n0..n99, c0..c99) are read without a loop.
  if (size <= 3) {
    const std::size_t first = digit(1);
    if (first > 9) return std::nullopt;
    if (size == 2) return first;
    const std::size_t second = digit(2);
    if (second > 9) return std::nullopt;
    return first * 10 + second;
  }
  std::size_t number = 0;
  for (std::size_t i = 1; i < size; ++i) {
    if (digit(i) > 9) return std::nullopt;
    number = number * 10 + digit(i);
  }
  return number;
}

}  // namespace rumor::core
