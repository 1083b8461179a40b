#include "replay/model/fingerprint.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/overlay.hpp"

namespace rumor::replay::model {

namespace {

// At most 5! renamings are tried per state; bigger clusters are fingerprinted as they are.
constexpr std::size_t symmetries_max = 120;

std::uint64_t mix(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Hash {
  std::uint64_t h = 0x6a09e667f3bcc908ULL;
  void add(std::uint64_t x) { h = mix(h ^ x) + 0x9e3779b97f4a7c15ULL; }
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

void add_node(Hash& hash, const core::State& state, const Permutation& inverse,
              std::size_t self_old, std::int64_t now_ms) {
  hash.add(state.rng);
  hash.add(state.values.size());
  for (core::Value value : state.values) hash.add_signed(value);
  for (std::size_t slot = 0; slot < inverse.size(); ++slot) {
    const std::size_t peer = inverse[slot];
    if (peer != self_old) add_link(hash, state.links[peer], now_ms);
  }
  if (state.links_due_ms == std::numeric_limits<std::int64_t>::max()) {
    hash.add(1);
  } else if (state.links_due_ms <= now_ms) {
    hash.add(2);
  } else {
    hash.add(3);
    add_time(hash, state.links_due_ms, now_ms);
  }
}

std::uint64_t packet_hash(const Packet& packet, const Permutation& permutation) {
  Hash hash;
  hash.add(permutation[packet.src]);
  hash.add(permutation[packet.dest]);
  hash.add(packet.gossip.offset);
  hash.add(packet.gossip.ack);
  hash.add(packet.gossip.values.size());
  for (core::Value value : packet.gossip.values) hash.add_signed(value);
  return mix(hash.h);
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
  return hash_under(world, permutation, inverse_of(permutation));
}

std::uint64_t Fingerprinter::hash_under(const World& world, const Permutation& permutation,
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
    add_node(hash, *world.nodes[inverse[slot]], inverse, inverse[slot], world.now_ms);
  }
  std::uint64_t packets = 0;  // a multiset: the sum does not depend on order
  for (const auto& packet : world.in_flight) packets += packet_hash(packet, permutation);
  hash.add(packets);
  hash.add(world.in_flight.size());
  return mix(hash.h);
}

std::uint64_t Fingerprinter::operator()(const World& world) const {
  std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < symmetries_.size(); ++i) {
    best = std::min(best, hash_under(world, symmetries_[i], inverses_[i]));
  }
  return best;
}

}  // namespace rumor::replay::model
