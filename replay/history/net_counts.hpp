// Message counts of a run's network, as Maelstrom's :net checker reports them (Maelstrom's
// net/checker.clj): kept by the simulated network as it runs (replay/world/network.hpp), counted
// from a journal afterwards (replay/journal/net_stats.hpp), and checked (check.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rumor::replay::history {

// One group of the :net checker.
struct NetGroup {
  std::int64_t send_count = 0;
  std::int64_t recv_count = 0;  // deliveries; dropped or still-queued messages are not counted
  std::int64_t msg_count = 0;   // distinct messages

  friend bool operator==(const NetGroup&, const NetGroup&) = default;
  // Two disjoint groups together (:all is :clients + :servers: a message is one or the other).
  friend NetGroup operator+(const NetGroup& a, const NetGroup& b) {
    return NetGroup{.send_count = a.send_count + b.send_count,
                    .recv_count = a.recv_count + b.recv_count,
                    .msg_count = a.msg_count + b.msg_count};
  }
};

// :all, :clients (src or dest is a client) and :servers (the rest).
struct NetCounts {
  NetGroup all;
  NetGroup clients;
  NetGroup servers;
  // Body type -> server messages, sorted by type name: the simulator counts them (rumor's own
  // :by-type in results.edn); a journal read afterwards leaves them out.
  std::vector<std::pair<std::string, std::int64_t>> servers_by_type;

  friend bool operator==(const NetCounts&, const NetCounts&) = default;
};

// Messages per op as Maelstrom prints it, (float (/ msgs ops)): the exact quotient rounded once
// to a float. A float division of operands a float holds exactly does that; larger counts go
// through double, whose rounding first is then the closest this can get.
inline float msgs_per_op(std::int64_t messages, std::int64_t ops) {
  constexpr std::int64_t float_exact = std::int64_t{1} << 24;
  if (messages < float_exact && ops < float_exact) {
    return static_cast<float>(messages) / static_cast<float>(ops);
  }
  return static_cast<float>(static_cast<double>(messages) / static_cast<double>(ops));
}

}  // namespace rumor::replay::history
