#include "replay/fuzz/schedule.hpp"

#include <algorithm>
#include <type_traits>

#include "core/value_set.hpp"

namespace rumor::replay::fuzz {

std::string latency_kind_name(LatencyKind kind) { return world::latency_dist_name(kind); }

std::string link_fault_kind_name(LinkFaultKind kind) {
  switch (kind) {
    case LinkFaultKind::loss:
      return "loss";
    case LinkFaultKind::duplicate:
      return "duplicate";
    case LinkFaultKind::delay:
      return "delay";
  }
  return "?";
}

NodeSet nodes_of(const EventBody& body) {
  return std::visit(
      [](const auto& event) -> NodeSet {
        using T = std::decay_t<decltype(event)>;
        if constexpr (std::is_same_v<T, LinkFault> || std::is_same_v<T, Partition>) {
          return event.from | event.to;
        } else {
          return only(event.node);
        }
      },
      body);
}

namespace {

// The event with its node sets cut to `keep`; false when it no longer names anyone it needs.
bool restrict_event(EventBody& body, NodeSet keep) {
  return std::visit(
      [keep](auto& event) -> bool {
        using T = std::decay_t<decltype(event)>;
        if constexpr (std::is_same_v<T, LinkFault> || std::is_same_v<T, Partition>) {
          event.from &= keep;
          event.to &= keep;
          return event.from != 0 && event.to != 0;
        } else {
          return contains(keep, event.node);
        }
      },
      body);
}

}  // namespace

Schedule restrict_nodes(const Schedule& schedule, int nodes) {
  Schedule out;
  out.config = schedule.config;
  out.config.nodes = nodes;
  out.config.clocks.resize(static_cast<std::size_t>(nodes));
  const NodeSet keep = nodes >= nodes_max ? ~NodeSet{0} : (NodeSet{1} << nodes) - 1;
  for (const auto& event : schedule.events) {
    Event copy = event;
    if (restrict_event(copy.body, keep)) out.events.push_back(std::move(copy));
  }
  return out;
}

namespace {

NodeSet without_node(NodeSet set, int node) {
  const NodeSet below = set & ((NodeSet{1} << node) - 1);
  const NodeSet above = node + 1 >= nodes_max ? 0 : (set >> (node + 1)) << node;
  return below | above;
}

// The event with `node` removed and later nodes renumbered; false when nothing is left of it.
bool remove_from_event(EventBody& body, int node) {
  return std::visit(
      [node](auto& event) -> bool {
        using T = std::decay_t<decltype(event)>;
        if constexpr (std::is_same_v<T, LinkFault> || std::is_same_v<T, Partition>) {
          event.from = without_node(event.from, node);
          event.to = without_node(event.to, node);
          return event.from != 0 && event.to != 0;
        } else {
          if (event.node == node) return false;
          if (event.node > node) --event.node;
          return true;
        }
      },
      body);
}

}  // namespace

Schedule remove_node(const Schedule& schedule, int node) {
  Schedule out;
  out.config = schedule.config;
  out.config.nodes = schedule.config.nodes - 1;
  out.config.clocks.erase(out.config.clocks.begin() + node);
  for (const auto& event : schedule.events) {
    Event copy = event;
    if (remove_from_event(copy.body, node)) out.events.push_back(std::move(copy));
  }
  return out;
}

std::size_t distinct_values(const Schedule& schedule) {
  // A node's value set: generated values are 0, 1, 2, ... (its bitmap); a schedule file's may be
  // anything (its hash set, only counted).
  core::ValueSet values;
  for (const auto& event : schedule.events) {
    if (const auto* broadcast = std::get_if<ClientBroadcast>(&event.body)) {
      values.insert(broadcast->value);
    }
  }
  return values.size();
}

}  // namespace rumor::replay::fuzz
