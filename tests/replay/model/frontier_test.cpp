// The search's compact queue gives back exactly what it was given: every state the codec writes
// decodes to one with the same fingerprint and the same encoding, in order, whether the level
// stays in its buffer or is spilled to a temporary file in many chunks.
#include "replay/model/frontier.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "replay/model/fingerprint.hpp"
#include "tests/replay/model/walk.hpp"

namespace rumor::replay::model {
namespace {

using test::config_for;

World initial_of(const ModelConfig& config) {
  return initial_world(config, *core::profile_named(config.profile)).world;
}

std::string encoded(const World& initial, const World& world) {
  WorldEncoder encoder(initial);
  std::string out;
  encoder.encode(world, out);
  return out;
}

RC_GTEST_PROP(ModelFrontier, EveryStateRoundTrips, ()) {
  const auto profile = *rc::gen::element<std::string>("default", "frugal", "fast", "topology");
  auto config = config_for(profile, *rc::gen::inRange(2, 4));
  config.message_wakes = *rc::gen::inRange(no_message_bound, 3);  // packets' ages round-trip too
  const World initial = initial_of(config);
  const auto choices = *rc::gen::container<std::vector<std::uint32_t>>(rc::gen::inRange(0u, 1000u));
  const World world = test::walk(config, choices);
  const std::string bytes = encoded(initial, world);
  WorldDecoder decoder(initial);
  const auto* at = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const World back = decoder.decode(at, at + bytes.size());
  RC_ASSERT(at == reinterpret_cast<const std::uint8_t*>(bytes.data()) + bytes.size());
  const Fingerprinter fingerprint(initial, false);
  RC_ASSERT(fingerprint(back) == fingerprint(world));
  RC_ASSERT(encoded(initial, back) == bytes);
  for (std::size_t i = 0; i < world.nodes.size(); ++i) {
    RC_ASSERT(back.nodes[i]->values == world.nodes[i]->values);
    RC_ASSERT(back.nodes[i]->last_now_ms == world.nodes[i]->last_now_ms);
    RC_ASSERT(back.nodes[i]->known.size() == world.nodes[i]->known.size());
  }
  RC_ASSERT(back.in_flight.size() == world.in_flight.size());
  for (std::size_t k = 0; k < world.in_flight.size(); ++k) {
    RC_ASSERT(same_packet(back.in_flight[k], world.in_flight[k]));
  }
  RC_ASSERT(back.now_ms == world.now_ms);
  RC_ASSERT(back.next_packet_id == world.next_packet_id);
}

// Successors of one state, many times over: most nodes repeat the previous record's.
std::vector<World> some_worlds(const ModelConfig& config, std::size_t count) {
  std::vector<World> worlds;
  std::vector<Transition> enabled;
  World at = initial_of(config);
  while (worlds.size() < count) {
    enabled_transitions(at, config, enabled);
    if (enabled.empty()) at = initial_of(config);
    for (const auto& transition : enabled) {
      Successor next = apply(at, transition, config);
      if (!next.violation && !next.pruned) worlds.push_back(std::move(next.world));
    }
    at = worlds[(worlds.size() * 7919) % worlds.size()];
  }
  return worlds;
}

void expect_level_gives_back(std::size_t chunk_bytes) {
  const auto config = config_for("default", 3);
  const World initial = initial_of(config);
  const auto worlds = some_worlds(config, 3000);
  const Fingerprinter fingerprint(initial, false);
  FrontierLevel level(initial, chunk_bytes);
  for (std::size_t i = 0; i < worlds.size(); ++i)
    level.push(static_cast<std::uint32_t>(i), worlds[i]);
  EXPECT_EQ(level.size(), worlds.size());
  for (std::size_t i = 0; i < worlds.size(); ++i) {
    auto entry = level.pop();
    ASSERT_TRUE(entry.has_value()) << i;
    EXPECT_EQ(entry->index, i);
    EXPECT_EQ(fingerprint(entry->world), fingerprint(worlds[i])) << i;
  }
  EXPECT_FALSE(level.pop().has_value());
  EXPECT_THROW(level.push(0, initial), std::logic_error);
}

TEST(ModelFrontier, ALevelInItsBufferGivesBackEveryStateInOrder) {
  expect_level_gives_back(std::size_t{64} << 20);
}

TEST(ModelFrontier, ALevelSpilledInSmallChunksGivesBackEveryStateInOrder) {
  expect_level_gives_back(1000);
}

TEST(ModelFrontier, UnchangedNodesTakeOneByte) {
  const auto config = config_for("default", 3);
  const World initial = initial_of(config);
  WorldEncoder encoder(initial);
  std::string first;
  encoder.encode(initial, first);
  std::string again;
  encoder.encode(initial, again);
  EXPECT_LT(again.size() + 3 * 20, first.size());
  EXPECT_EQ(again.substr(again.size() - 3), std::string(3, '\0'));
}

TEST(ModelFrontier, ATruncatedRecordIsRefused) {
  const auto config = config_for("fast", 2);
  const World initial = initial_of(config);
  const std::string bytes = encoded(initial, initial);
  WorldDecoder decoder(initial);
  const auto* at = reinterpret_cast<const std::uint8_t*>(bytes.data());
  EXPECT_THROW(decoder.decode(at, at + bytes.size() - 1), std::runtime_error);
}

}  // namespace
}  // namespace rumor::replay::model
