// The model checker's state: every node's core state, the messages in flight, the client script
// position and what is left of each fault budget (README, `rumor model`).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/node_names.hpp"
#include "core/state.hpp"

namespace rumor::replay::model {

inline constexpr int no_message_bound = -1;  // --message-wakes not given

// The bounds that make the space finite; flags of `rumor model`.
struct ModelConfig {
  int nodes = 2;
  int values = 2;
  int drops = 0;
  int dups = 0;
  int partitions = 0;
  std::string profile = "default";
  int max_depth = 0;        // 0: no depth bound
  int in_flight_max = 2;    // messages in flight per directed link
  int partition_wakes = 1;  // time advances while a partition lasts
  // Time advances a message may wait in flight (bounded delay; 0: delivered or dropped before
  // time moves at all). Once a packet has waited this many, time stands still until it is
  // delivered or dropped.
  int message_wakes = no_message_bound;
  // A duplicate may put one copy more on its link than in_flight_max (--dup-beyond-max): the
  // dup budget already bounds such copies, and with in_flight_max 1 every duplicate would
  // otherwise be pruned.
  bool dup_beyond_max = false;
  int jobs = 1;
  int shard_index = 0;  // --shard K/N: this is K-1 of N
  int shard_count = 1;
};

// A node-to-node message in flight. `id` names it in a journal only: it is neither compared nor
// fingerprinted, so two copies of one gossip are the same state. `age` counts the time advances it
// has waited in flight; it only grows under --message-wakes (without it, it stays 0).
struct Packet {
  std::uint8_t src = 0;
  std::uint8_t dest = 0;
  core::Gossip gossip;
  std::int64_t id = 0;
  std::uint8_t age = 0;
};
bool same_packet(const Packet& a, const Packet& b);
bool packet_less(const Packet& a, const Packet& b);

struct World {
  std::int64_t now_ms = 0;
  // Shared between a state and its successors: a transition copies only the node it steps.
  std::vector<std::shared_ptr<const core::State>> nodes;
  std::vector<Packet> in_flight;  // sorted by packet_less
  int next_value = 0;             // the client script's position: values 0..next_value-1 are sent
  int drops_left = 0;
  int dups_left = 0;
  int partitions_left = 0;
  std::uint32_t partition_mask = 0;  // the nodes on one side of the cut; 0 when healed
  int partition_wakes_left = 0;
  std::int64_t next_packet_id = 0;  // journal ids, not part of the state
};

using core::node_name;                            // "n0", "n1", ...
inline constexpr const char* client_name = "c1";  // the one client; its requests' msg_ids count

// Maelstrom's default topology (workload/broadcast.clj, topologies): the nodes on a square
// grid, row by row, each with its neighbours below, above, right and left.
std::map<std::string, std::vector<std::string>> grid_topology(const std::vector<std::string>& ids);

// Every node holds every value the client sent, and the script is done.
bool converged(const World& world, int values);

}  // namespace rumor::replay::model
