// The broadcast node's whole state: a plain value, copyable, with no pointers to the outside.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/message.hpp"
#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "core/value_log.hpp"
#include "core/value_queue.hpp"
#include "core/value_set.hpp"

namespace rumor::core {

// One directed pair of streams with a peer: what we send it, and what it sends us.
struct Link {
  // Outbound: every value queued for the peer gets the next stream position.
  std::uint64_t out_acked = 0;             // the peer has everything before this position
  ValueQueue out_unacked;                  // positions [out_acked, out_acked + size)
  std::uint64_t out_sent = 0;              // positions before this were sent at least once
  std::int64_t out_first_unsent_ms = 0;    // when the oldest unsent value was queued
  std::int64_t out_retransmit_due_ms = 0;  // when unacknowledged sent data goes out again
  std::uint64_t out_resend_until = 0;      // unsent positions before this are resends: due at once
  // Inbound: the peer's stream to us.
  std::uint64_t in_contiguous = 0;  // we hold every position before this
  // Received [begin, end) ranges past in_contiguous, in ascending order: a sorted vector, not a
  // map, since they are few (link.cpp bounds them) and a map's node per range cost an allocation.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> in_ranges;
  std::optional<std::int64_t> ack_owed_since_ms;  // data we have not acked yet arrived then
};

// What init and the topology told the node about its cluster, and no other step changes. Held
// behind a shared pointer to const in State, so copying a State (core::step by value, the model
// checker's copy per transition, a simulator's setup) shares it instead of copying its maps.
// Immutable once shared: init and a topology message build a new one.
struct ClusterView {
  bool initialised = false;
  std::string self;
  std::size_t self_index = 0;
  std::vector<std::string> node_ids;
  // Whether node_ids are Maelstrom's own names in order (n0, n1, ...): then an id's number is its
  // index, and finding the peer a gossip came from costs no string compare.
  bool ids_are_node_names = false;
  // node_ids' positions, built once at init for any other naming (empty for Maelstrom's names),
  // so finding a peer costs log(nodes) compares; find_node answers for both.
  std::map<std::string, std::size_t, std::less<>> node_index;
  // Self's entry of the last topology, as it named them; nullopt when it named none for self.
  // Only this entry is kept: nothing reads another node's neighbours, and copying the whole map
  // into every node cost as much as the rest of its setup.
  std::optional<std::vector<std::string>> topology_neighbours;
  // Self's neighbours in `topology` as sorted node indices (without self and unknown ids), built
  // when the topology arrives (set_topology in overlay.hpp); nullopt when it names none for self.
  std::optional<std::vector<std::size_t>> topology_peers;

  bool operator==(const ClusterView&) const = default;
};

// The position of `id` in the cluster's node_ids, or nullopt when it is not one of them.
// Maelstrom names nodes n0, n1, ... in node_ids' order, so an id's number is usually its index:
// when init gave those names (ids_are_node_names), an id with the first letter and a number in
// range is the node of that index, and the index map answers any other naming. Inline: it runs
// on every gossip message a node receives.
std::optional<std::size_t> find_node_by_index(const ClusterView& cluster, std::string_view id);
inline std::optional<std::size_t> find_node(const ClusterView& cluster, std::string_view id) {
  if (!cluster.ids_are_node_names) return find_node_by_index(cluster, id);
  if (id.empty() || id.front() != 'n') return std::nullopt;
  const auto number = id_number(id);  // digits as node_name writes them, so id is its name
  if (number && *number < cluster.node_ids.size()) return number;
  return std::nullopt;
}

// The view of a node that has not been initialised: one instance, shared by every such State.
const std::shared_ptr<const ClusterView>& uninitialised_cluster_view();

struct State;
// The state's view as a value to build its successor from (init and topology do): moved out when
// no other State shares it (the cluster's topology map is then not copied), copied otherwise.
// Leaves state.cluster to be replaced.
ClusterView take_cluster_view(State& state);

struct State {
  Profile profile;
  std::uint64_t rng = 0;  // splitmix64 state: the node's only source of randomness

  // Never null. Shared between copies; compare contents (*a.cluster == *b.cluster), not pointers.
  std::shared_ptr<const ClusterView> cluster = uninitialised_cluster_view();
  bool initialised() const { return cluster->initialised; }
  const std::string& self() const { return cluster->self; }
  std::size_t self_index() const { return cluster->self_index; }
  const std::vector<std::string>& node_ids() const { return cluster->node_ids; }
  const std::optional<std::vector<std::string>>& topology_neighbours() const {
    return cluster->topology_neighbours;
  }
  const std::optional<std::vector<std::size_t>>& topology_peers() const {
    return cluster->topology_peers;
  }

  // Every value the node knows, in the order it learnt them (reads answer in this order and
  // share this log), and the same values as a set for membership tests only (never iterated).
  ValueLog values;
  ValueSet known;

  std::vector<Link> links;  // indexed like node_ids; the entry for self stays unused
  // One bit per link that may have work (every link that is not idle, see link_idle in link.hpp,
  // has its bit set; an idle one may too, until polling clears it), so polling visits only these
  // instead of every peer: most steps change one or two links of dozens.
  std::vector<std::uint64_t> busy_links;
  // No link can have anything to send before this time (a cache of the minimum of link_due_ms,
  // lowered whenever a step changes a link), so most steps skip polling every link.
  std::int64_t links_due_ms = std::numeric_limits<std::int64_t>::min();
  std::int64_t last_now_ms = 0;
};

State make_state(Profile profile, std::uint64_t seed);

// When the state next needs a Tick (see Output::wake_at_ms in step.hpp): the cached lower bound
// of every link's due time, which a step makes exact whenever it polls the links.
// Inline: every step ends by asking it.
inline std::optional<std::int64_t> next_wake_ms(const State& state) {
  if (!state.initialised()) return std::nullopt;  // no links, no timers
  if (state.links_due_ms == std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return state.links_due_ms;
}

}  // namespace rumor::core

namespace rumor::core {

// The next number from the state's own generator (splitmix64): replay stays exact.
std::uint64_t next_random(std::uint64_t& rng);
inline std::uint64_t next_random(State& state) { return next_random(state.rng); }

}  // namespace rumor::core
