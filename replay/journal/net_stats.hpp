// Message statistics over a net journal: Maelstrom's `:net` results (Maelstrom's net/checker.clj)
// plus the breakdowns a person wants when reading a run (per body type, per node, per pair).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replay/history/net_counts.hpp"
#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

// :all, :clients and :servers, as Maelstrom's net checker counts them (no :by-type).
history::NetCounts net_stats(const std::vector<Event>& events);

// msg_count / op_count as Maelstrom stores it (a Java float); nullopt when op_count is 0,
// where Maelstrom leaves :msgs-per-op out.
std::optional<float> msgs_per_op(std::int64_t msg_count, std::int64_t op_count);

// Java's Float.toString for the values we print: shortest round-trip digits, always a ".0".
std::string format_java_float(float value);

struct SendRecv {
  std::int64_t send_count = 0;
  std::int64_t recv_count = 0;
};

// Orders "n2" before "n10" (and nodes before clients) so tables read naturally.
bool natural_less(const std::string& a, const std::string& b);

struct NaturalLess {
  bool operator()(const std::string& a, const std::string& b) const { return natural_less(a, b); }
  bool operator()(const std::pair<std::string, std::string>& a,
                  const std::pair<std::string, std::string>& b) const {
    if (a.first != b.first) return natural_less(a.first, b.first);
    return natural_less(a.second, b.second);
  }
};

struct Traffic {
  std::map<std::string, SendRecv> by_type;               // body type -> sends and deliveries
  std::map<std::string, SendRecv, NaturalLess> by_node;  // node/client -> sent / received
  std::map<std::pair<std::string, std::string>, SendRecv, NaturalLess> by_pair;  // (src, dest)
};

Traffic traffic(const std::vector<Event>& events);

}  // namespace rumor::replay::journal
