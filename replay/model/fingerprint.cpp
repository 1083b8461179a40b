#include "replay/model/fingerprint.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

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

void add_link(Hash& hash, const core::Link& link, std::int64_t now_ms) {
  const std::uint64_t end = link.out_acked + link.out_unacked.size();
  hash.add(link.out_acked);
  hash.add(link.out_unacked.size());
  for (std::size_t i = 0; i < link.out_unacked.size(); ++i) {
    hash.add_signed(link.out_unacked[i]);
  }
  hash.add(link.out_sent);
  hash.add(link.out_resend_until);
  // Timestamps only while they can matter: the first unsent value's, the retransmit deadline.
  if (link.out_sent < end) add_time(hash, link.out_first_unsent_ms, now_ms);
  if (link.out_sent > link.out_acked) add_time(hash, link.out_retransmit_due_ms, now_ms);
  hash.add(link.in_contiguous);
  hash.add(link.in_ranges.size());
  for (const auto& [begin, stop] : link.in_ranges) {
    hash.add(begin);
    hash.add(stop);
  }
  hash.add(link.ack_owed_since_ms.has_value());
  if (link.ack_owed_since_ms) add_time(hash, *link.ack_owed_since_ms, now_ms);
}

std::uint64_t link_hash(const core::Link& link, std::int64_t now_ms) {
  Hash hash;
  add_link(hash, link, now_ms);
  return hash.h;
}

void fill_parts(WorldParts& parts, const World& world) {
  const std::size_t n = world.nodes.size();
  parts.nodes = n;
  parts.node_head.resize(n);
  parts.node_tail.resize(n);
  parts.links.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    const core::State& state = *world.nodes[a];
    Hash head;
    head.add(state.rng);
    head.add(state.values.size());
    for (core::Value value : state.values) head.add_signed(value);
    parts.node_head[a] = head.h;
    for (std::size_t peer = 0; peer < n; ++peer) {
      if (peer != a) parts.links[a * n + peer] = link_hash(state.links[peer], world.now_ms);
    }
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
    hash.add(packet.gossip.offset);
    hash.add(packet.gossip.ack);
    hash.add(packet.gossip.values.size());
    for (core::Value value : packet.gossip.values) hash.add_signed(value);
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
    const auto& peers_a = world.nodes[a]->topology_peers;
    const auto& peers_b = world.nodes[permutation[a]]->topology_peers;
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

Fingerprinter::Fingerprinter(const World& initial, bool reduce_symmetry)
    : symmetries_(node_symmetries(initial)),
      period_ms_(grid_period_ms(initial.nodes.front()->profile)) {
  if (!reduce_symmetry) symmetries_.resize(1);
  for (const auto& permutation : symmetries_) inverses_.push_back(inverse_of(permutation));
}

std::uint64_t Fingerprinter::under(const World& world, const Permutation& permutation) const {
  WorldParts parts;
  fill_parts(parts, world);
  return combine(world, parts, permutation, inverse_of(permutation));
}

std::uint64_t Fingerprinter::combine(const World& world, const WorldParts& parts,
                                     const Permutation& permutation,
                                     const Permutation& inverse) const {
  Hash hash;
  std::int64_t phase = world.now_ms % period_ms_;
  hash.add_signed(phase < 0 ? phase + period_ms_ : phase);
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
  fill_parts(parts, world);
  std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < symmetries_.size(); ++i) {
    best = std::min(best, combine(world, parts, symmetries_[i], inverses_[i]));
  }
  return best;
}

}  // namespace rumor::replay::model
