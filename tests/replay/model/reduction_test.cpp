// The fingerprint leaves out what no future step reads (README, `rumor model`, "What a
// fingerprint leaves out"): a node's value order, a spent resend mark, the stream positions and
// generator of a node that holds every value, pure acks' offsets, acks sent to a dead stream or
// already acknowledged, the range of data its receiver already holds, and the batch grid's phase
// once every node holds every value.
// Worlds that differ only there must fingerprint equal, and so must each of their successors:
// the reduction is sound only if the equivalence is kept by every transition.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

#include "replay/model/fingerprint.hpp"
#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

using test::config_for;
using test::shift_time;

std::string any_profile() {
  return *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
}

bool node_final(const core::State& state, int values) {
  return state.values.size() >= static_cast<std::size_t>(values);
}

bool dead_out(const World& world, std::size_t node, std::size_t peer, int values) {
  return node != peer && node_final(*world.nodes[node], values) &&
         world.nodes[node]->links[peer].out_unacked.size() == 0;
}

// Data below its receiver's contiguous prefix: nothing new to it.
bool stale(const World& world, const Packet& packet) {
  return !packet.gossip.values.empty() &&
         packet.gossip.offset + packet.gossip.values.size() <=
             world.nodes[packet.dest]->links[packet.src].in_contiguous;
}

bool data_in_flight(const World& world, std::size_t src, std::size_t dest) {
  return std::any_of(world.in_flight.begin(), world.in_flight.end(), [&](const Packet& packet) {
    return packet.src == src && packet.dest == dest && !packet.gossip.values.empty() &&
           !stale(world, packet);
  });
}

// The same world with every field the fingerprint leaves out changed by `shift`.
World with_unread_fields_changed(const World& world, int values, std::uint64_t shift) {
  World out = world;
  const std::size_t n = world.nodes.size();
  std::vector<core::State> states;
  for (const auto& node : world.nodes) states.push_back(*node);
  // Once every node holds every value, time may move by any amount, not only whole periods.
  const bool all_final = std::all_of(world.nodes.begin(), world.nodes.end(),
                                     [&](const auto& node) { return node_final(*node, values); });
  if (all_final) {
    const auto delta = static_cast<std::int64_t>(shift) * 37;
    out.now_ms += delta;
    for (auto& state : states) shift_time(state, delta);
  }
  for (std::size_t a = 0; a < n; ++a) {
    core::State& state = states[a];
    std::vector<core::Value> reversed(state.values.begin(), state.values.end());
    std::reverse(reversed.begin(), reversed.end());
    state.values = reversed;
    bool all_dead = true;
    for (std::size_t peer = 0; peer < n; ++peer) {
      if (peer == a) continue;
      core::Link& link = state.links[peer];
      if (link.out_resend_until <= link.out_sent) link.out_resend_until = 0;
      if (!dead_out(world, a, peer, values)) {
        all_dead = false;
        continue;
      }
      link.out_acked += shift;
      link.out_sent += shift;
      link.out_resend_until = link.out_sent - shift / 2;
      core::Link& back = states[peer].links[a];
      if (!data_in_flight(world, a, peer) && back.in_ranges.empty()) back.in_contiguous += shift;
    }
    if (all_dead) state.rng ^= 0x9e3779b97f4a7c15ULL * shift;
  }
  for (std::size_t a = 0; a < n; ++a) {
    out.nodes[a] = std::make_shared<const core::State>(std::move(states[a]));
  }
  for (auto& packet : out.in_flight) {
    const bool spent = packet.gossip.ack <= world.nodes[packet.dest]->links[packet.src].out_acked;
    if (stale(world, packet)) {
      // A value the receiver holds, at a position it has.
      packet.gossip.values = {packet.gossip.values.front()};
      packet.gossip.offset = 0;
    } else if (packet.gossip.values.empty()) {
      packet.gossip.offset += shift;
    }
    if (dead_out(world, packet.dest, packet.src, values)) packet.gossip.ack += shift;
    if (spent) packet.gossip.ack = 0;
  }
  std::sort(out.in_flight.begin(), out.in_flight.end(), packet_less);
  return out;
}

// Every successor's fingerprint, whether it broke a check, whether a bound pruned it. A set, not
// a multiset: changing a stale packet's range may make it equal to another in flight, and equal
// packets are delivered once (enabled_transitions); what matters is that every successor of one
// world has an equivalent successor of the other.
std::set<std::tuple<std::uint64_t, bool, bool>> successors(const World& world,
                                                           const ModelConfig& config,
                                                           const Fingerprinter& fingerprint) {
  std::set<std::tuple<std::uint64_t, bool, bool>> out;
  std::vector<Transition> enabled;
  enabled_transitions(world, config, enabled);
  for (const auto& transition : enabled) {
    const Successor next = apply(world, transition, config);
    const bool broken = next.violation.has_value();
    out.emplace(broken || next.pruned ? 0 : fingerprint(next.world), broken, next.pruned);
  }
  return out;
}

RC_GTEST_PROP(ModelReduction, UnreadFieldsDoNotChangeTheFingerprintOrAnySuccessor, ()) {
  const auto config = config_for(any_profile(), *rc::gen::inRange(2, 4));
  // Long walks: the reduction applies once a node holds every value.
  const auto length = *rc::gen::inRange<std::size_t>(0, 300);
  const auto choices =
      *rc::gen::container<std::vector<std::uint32_t>>(length, rc::gen::inRange(0u, 1000u));
  const World world = test::walk(config, choices);
  const Fingerprinter fingerprint(world, true, config.values);
  bool any_dead = false;
  for (std::size_t a = 0; a < world.nodes.size(); ++a) {
    for (std::size_t b = 0; b < world.nodes.size(); ++b)
      any_dead |= dead_out(world, a, b, config.values);
  }
  RC_CLASSIFY(any_dead, "a dead stream");
  RC_CLASSIFY(std::all_of(world.nodes.begin(), world.nodes.end(),
                          [&](const auto& node) { return node_final(*node, config.values); }),
              "every node holds every value");
  const World changed =
      with_unread_fields_changed(world, config.values, *rc::gen::inRange<std::uint64_t>(1, 9));
  RC_ASSERT(fingerprint(changed) == fingerprint(world));
  RC_ASSERT(successors(changed, config, fingerprint) == successors(world, config, fingerprint));
}

TEST(ModelReduction, WalksReachWorldsTheReductionApplies) {
  // The property above is only as good as the worlds it sees: a long walk reaches nodes that
  // hold every value with dead streams, and pure acks in flight.
  const auto config = config_for("fast", 3);
  std::vector<std::uint32_t> choices(400);
  for (std::size_t i = 0; i < choices.size(); ++i)
    choices[i] = static_cast<std::uint32_t>(i * 7919);
  const World world = test::walk(config, choices);
  const Fingerprinter fingerprint(world, true, config.values);
  EXPECT_TRUE(dead_out(world, 0, 1, config.values) || dead_out(world, 1, 0, config.values));
  EXPECT_NE(Fingerprinter(world, true, 0)(with_unread_fields_changed(world, config.values, 3)),
            Fingerprinter(world, true, 0)(world));
  EXPECT_EQ(fingerprint(with_unread_fields_changed(world, config.values, 3)), fingerprint(world));
}

}  // namespace
}  // namespace rumor::replay::model
