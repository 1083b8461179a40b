#include "replay/model/fingerprint.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/link.hpp"
#include "core/overlay.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::model {

// What of a world does not depend on how its nodes are named, hashed once per world; each
// renaming then only combines these in its own order (fingerprints run for every successor).
struct WorldParts {
  std::size_t nodes = 0;
  std::vector<std::uint64_t> node_head;  // generator and values
  std::vector<std::uint64_t> node_tail;  // the links' due time
  std::vector<std::uint64_t> links;      // [node * nodes + peer]: the link's hash
  std::vector<std::uint64_t> payloads;   // per packet in flight: its gossip's hash
  bool all_final = false;                // every node holds every value: no more queueing
};

namespace {

// At most 5! renamings are tried per state; bigger clusters are fingerprinted as they are.
constexpr std::size_t symmetries_max = 120;

using world::golden_gamma;
using world::mix64;

struct Hash {
  std::uint64_t h = 0x6a09e667f3bcc908ULL;
  void add(std::uint64_t x) { h = mix64(h ^ x) + golden_gamma; }
  void add_signed(std::int64_t x) { add(static_cast<std::uint64_t>(x)); }
};

// Times as offsets from now (with the present modulo the grid period, they fix every deadline).
// last_now_ms is left out: step only takes the later of it and the input time, and the model
// never feeds a time before it.
void add_time(Hash& hash, std::int64_t time_ms, std::int64_t now_ms) {
  hash.add_signed(time_ms - now_ms);
}

// An outbound stream no step can change again: everything queued is acknowledged and the node
// holds every value the client will ever send, so it never queues another (values are only
// queued when new to the node, core/step.cpp `learn`). Its positions then matter to nothing: an
// ack is clipped to out_sent and ignored, nothing is sent or resent, no jitter is drawn.
bool out_dead(const core::Link& link, bool node_final) {
  return node_final && link.out_unacked.size() == 0;
}

// `grid_when_all_final`: the node's batch grid when no node can queue a value again; then the
// only absolute time left, the first unsent value's, is read only as its next grid point.
void add_out(Hash& hash, const core::Link& link, std::int64_t now_ms,
             const core::BatchGrid* grid_when_all_final) {
  const std::uint64_t end = link.out_acked + link.out_unacked.size();
  hash.add(link.out_acked);
  hash.add(link.out_unacked.size());
  for (std::size_t i = 0; i < link.out_unacked.size(); ++i) {
    hash.add_signed(link.out_unacked[i]);
  }
  hash.add(link.out_sent);
  // A resend mark at or below out_sent is spent: polling only asks out_sent < out_resend_until,
  // and a retransmit first raises it to out_sent anyway (core/link.cpp, link_poll), so every
  // value up to out_sent behaves alike.
  hash.add(std::max(link.out_resend_until, link.out_sent));
  // Timestamps only while they can matter: the first unsent value's, the retransmit deadline.
  if (link.out_sent < end) {
    add_time(hash,
             grid_when_all_final
                 ? core::next_grid_point(link.out_first_unsent_ms, *grid_when_all_final)
                 : link.out_first_unsent_ms,
             now_ms);
  }
  if (link.out_sent > link.out_acked) add_time(hash, link.out_retransmit_due_ms, now_ms);
}

// The inbound stream of a peer whose outbound one is dead, with no data from it in flight: no data
// can reach it again, and what it would acknowledge the peer ignores.
void add_in(Hash& hash, const core::Link& link, bool in_dead) {
  if (in_dead) {
    hash.add(0xdeadULL);
    return;
  }
  hash.add(link.in_contiguous);
  hash.add(link.in_ranges.size());
  for (const auto& [begin, stop] : link.in_ranges) {
    hash.add(begin);
    hash.add(stop);
  }
}

std::uint64_t link_hash(const core::Link& link, std::int64_t now_ms, bool dead_out, bool dead_in,
                        const core::BatchGrid* grid_when_all_final) {
  Hash hash;
  if (dead_out) {
    hash.add(0xdeadULL);
  } else {
    add_out(hash, link, now_ms, grid_when_all_final);
  }
  add_in(hash, link, dead_in);
  hash.add(link.ack_owed_since_ms.has_value());
  if (link.ack_owed_since_ms) add_time(hash, *link.ack_owed_since_ms, now_ms);
  return hash.h;
}

// The node's value log as a set: its order only shows in read_ok, and the model sends no reads.
void add_values(Hash& hash, const core::ValueLog& values) {
  thread_local std::vector<core::Value> sorted;
  sorted.assign(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  hash.add(sorted.size());
  for (core::Value value : sorted) hash.add_signed(value);
}

// Data its receiver already holds all of (the range lies below its contiguous prefix, which only
// grows): delivering it learns nothing and changes no range; it only counts as a resend (the
// receiver acks at once, core/link.cpp link_on_data) and carries its ack. Its offset and values
// then matter to nothing.
bool stale_data(const Packet& packet, const World& world) {
  const auto& link = world.nodes[packet.dest]->links[packet.src];
  return !packet.gossip.values.empty() &&
         packet.gossip.offset + packet.gossip.values.size() <= link.in_contiguous;
}

// An ack at or below what the receiver already has acknowledged is ignored (link_on_ack), and
// its acknowledged position only grows.
bool spent_ack(const Packet& packet, const World& world) {
  return packet.gossip.ack <= world.nodes[packet.dest]->links[packet.src].out_acked;
}

// Which outbound streams are dead (out_dead), per [node * nodes + peer], and which links carry
// data in flight.
struct Liveliness {
  std::vector<bool> dead_out;
  std::vector<bool> data_in_flight;
  bool all_final = true;
};

void find_dead(Liveliness& found, const World& world, std::size_t values_all) {
  const std::size_t n = world.nodes.size();
  found.dead_out.assign(n * n, false);
  found.data_in_flight.assign(n * n, false);
  found.all_final = true;
  for (std::size_t a = 0; a < n; ++a) {
    const core::State& state = *world.nodes[a];
    const bool node_final = values_all > 0 && state.values.size() >= values_all;
    found.all_final = found.all_final && node_final;
    for (std::size_t peer = 0; peer < n; ++peer) {
      found.dead_out[a * n + peer] = peer != a && out_dead(state.links[peer], node_final);
    }
  }
  for (const auto& packet : world.in_flight) {
    if (!packet.gossip.values.empty() && !stale_data(packet, world)) {
      found.data_in_flight[packet.src * n + packet.dest] = true;
    }
  }
}

void fill_parts(WorldParts& parts, const World& world, std::size_t values_all) {
  const std::size_t n = world.nodes.size();
  parts.nodes = n;
  parts.node_head.resize(n);
  parts.node_tail.resize(n);
  parts.links.resize(n * n);
  thread_local Liveliness dead;
  find_dead(dead, world, values_all);
  const bool all_final = dead.all_final;
  parts.all_final = all_final;
  for (std::size_t a = 0; a < n; ++a) {
    const core::State& state = *world.nodes[a];
    const core::BatchGrid grid = core::batch_grid(state);
    bool draws_again = false;
    for (std::size_t peer = 0; peer < n; ++peer) {
      if (peer == a) continue;
      const bool dead_out = dead.dead_out[a * n + peer];
      const bool dead_in = dead.dead_out[peer * n + a] && !dead.data_in_flight[peer * n + a];
      parts.links[a * n + peer] = link_hash(state.links[peer], world.now_ms, dead_out, dead_in,
                                            all_final ? &grid : nullptr);
      draws_again = draws_again || !dead_out;
    }
    Hash head;
    // The generator is only drawn for a send's retransmit jitter: once no link can send data
    // again, which number it holds changes nothing.
    head.add(draws_again ? state.rng : 0);
    add_values(head, state.values);
    parts.node_head[a] = head.h;
    Hash tail;
    if (state.links_due_ms == std::numeric_limits<std::int64_t>::max()) {
      tail.add(1);
    } else if (state.links_due_ms <= world.now_ms) {
      tail.add(2);
    } else {
      tail.add(3);
      add_time(tail, state.links_due_ms, world.now_ms);
    }
    parts.node_tail[a] = tail.h;
  }
  parts.payloads.clear();
  for (const auto& packet : world.in_flight) {
    Hash hash;
    // An ack to a dead stream is clipped to what was sent and ignored (link_on_ack), like a spent
    // one. A gossip without values is a pure ack: its receiver reads only `ack` (an empty range is
    // ignored before its offset is looked at, core/link.cpp link_on_data).
    const bool ack_read = !dead.dead_out[packet.dest * n + packet.src] && !spent_ack(packet, world);
    hash.add(ack_read ? packet.gossip.ack : 0);
    if (stale_data(packet, world)) {
      hash.add(0x57a1eULL);
    } else {
      hash.add(packet.gossip.values.empty() ? 0 : packet.gossip.offset);
      hash.add(packet.gossip.values.size());
      for (core::Value value : packet.gossip.values) hash.add_signed(value);
    }
    // How long it has waited decides when time may advance (--message-wakes); without that
    // bound every age is 0, and the fingerprint stays what it was before ages existed.
    if (packet.age != 0) hash.add(0xa9e00ULL + packet.age);
    parts.payloads.push_back(hash.h);
  }
}

// Node `node`'s contribution with its peers in the renamed order.
void add_node(Hash& hash, const WorldParts& parts, std::size_t node, const Permutation& inverse) {
  hash.add(parts.node_head[node]);
  for (std::size_t slot = 0; slot < inverse.size(); ++slot) {
    const std::size_t peer = inverse[slot];
    if (peer != node) hash.add(parts.links[node * parts.nodes + peer]);
  }
  hash.add(parts.node_tail[node]);
}

std::uint64_t packet_hash(const Packet& packet, std::uint64_t payload,
                          const Permutation& permutation) {
  // The payload is already mixed: one more round with the renamed link is enough.
  const std::uint64_t link =
      (std::uint64_t{permutation[packet.src]} << 8) | permutation[packet.dest];
  return mix64(payload ^ ((link + 1) * golden_gamma));
}

std::uint32_t canonical_mask(std::uint32_t mask, const Permutation& permutation) {
  if (mask == 0) return 0;
  std::uint32_t mapped = 0;
  for (std::size_t i = 0; i < permutation.size(); ++i) {
    if ((mask >> i) & 1U) mapped |= 1U << permutation[i];
  }
  const std::uint32_t all = (1U << permutation.size()) - 1;
  return (mapped & 1U) ? mapped : (~mapped & all);
}

bool keeps_cluster(const World& world, const Permutation& permutation) {
  const auto& profile = world.nodes.front()->profile;
  if (profile.overlay == core::Overlay::star) {
    return permutation[core::star_hub_index] == core::star_hub_index;
  }
  if (profile.overlay != core::Overlay::topology) return true;
  // Neighbourhoods must map onto neighbourhoods (a node without an entry relays to everyone).
  for (std::size_t a = 0; a < world.nodes.size(); ++a) {
    const auto& peers_a = world.nodes[a]->topology_peers();
    const auto& peers_b = world.nodes[permutation[a]]->topology_peers();
    if (peers_a.has_value() != peers_b.has_value()) return false;
    if (!peers_a) continue;
    std::vector<std::size_t> mapped;
    for (std::size_t peer : *peers_a) mapped.push_back(permutation[peer]);
    std::sort(mapped.begin(), mapped.end());
    if (mapped != *peers_b) return false;
  }
  return true;
}

std::int64_t grid_period_ms(const core::Profile& profile) {
  std::int64_t period = 1;
  for (std::int64_t interval : {profile.origin_batch_ms, profile.relay_batch_ms}) {
    if (interval > 0) period = std::lcm(period, interval);
  }
  return period;
}

Permutation inverse_of(const Permutation& permutation) {
  Permutation inverse(permutation.size());
  for (std::size_t i = 0; i < permutation.size(); ++i) {
    inverse[permutation[i]] = static_cast<std::uint8_t>(i);
  }
  return inverse;
}

}  // namespace

std::vector<Permutation> node_symmetries(const World& world) {
  Permutation permutation(world.nodes.size());
  std::iota(permutation.begin(), permutation.end(), std::uint8_t{0});
  std::vector<Permutation> found;
  do {
    if (keeps_cluster(world, permutation)) found.push_back(permutation);
    if (found.size() > symmetries_max) return {found.front()};
  } while (std::next_permutation(permutation.begin(), permutation.end()));
  return found;
}

Fingerprinter::Fingerprinter(const World& initial, bool reduce_symmetry, int values)
    : symmetries_(node_symmetries(initial)),
      values_all_(values > 0 ? static_cast<std::size_t>(values) : 0),
      period_ms_(grid_period_ms(initial.nodes.front()->profile)) {
  if (!reduce_symmetry) symmetries_.resize(1);
  for (const auto& permutation : symmetries_) inverses_.push_back(inverse_of(permutation));
}

std::uint64_t Fingerprinter::under(const World& world, const Permutation& permutation) const {
  WorldParts parts;
  fill_parts(parts, world, values_all_);
  return combine(world, parts, permutation, inverse_of(permutation));
}

std::uint64_t Fingerprinter::combine(const World& world, const WorldParts& parts,
                                     const Permutation& permutation,
                                     const Permutation& inverse) const {
  Hash hash;
  // Once no node can queue a value again, no step reads absolute time (every other time is a
  // deadline or a start compared with now, hashed relative to it): the phase is left out.
  std::int64_t phase = world.now_ms % period_ms_;
  if (phase < 0) phase += period_ms_;
  hash.add_signed(parts.all_final ? -1 : phase);
  hash.add_signed(world.next_value);
  hash.add_signed(world.drops_left);
  hash.add_signed(world.dups_left);
  hash.add_signed(world.partitions_left);
  hash.add(canonical_mask(world.partition_mask, permutation));
  hash.add_signed(world.partition_mask != 0 ? world.partition_wakes_left : 0);
  for (std::size_t slot = 0; slot < inverse.size(); ++slot) {
    add_node(hash, parts, inverse[slot], inverse);
  }
  std::uint64_t packets = 0;  // a multiset: the sum does not depend on order
  for (std::size_t k = 0; k < world.in_flight.size(); ++k) {
    packets += packet_hash(world.in_flight[k], parts.payloads[k], permutation);
  }
  hash.add(packets);
  hash.add(world.in_flight.size());
  return mix64(hash.h);
}

std::uint64_t Fingerprinter::operator()(const World& world) const {
  thread_local WorldParts parts;  // reused: no allocation per state
  fill_parts(parts, world, values_all_);
  std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < symmetries_.size(); ++i) {
    best = std::min(best, combine(world, parts, symmetries_[i], inverses_[i]));
  }
  return best;
}

}  // namespace rumor::replay::model
