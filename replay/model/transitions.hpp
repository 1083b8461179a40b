// The model's transition relation (README, `rumor model`): what can happen next in a World, and
// what each step does to it, with the safety checks of every step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/profile.hpp"
#include "replay/model/world.hpp"

namespace rumor::replay::model {

enum class Kind : std::uint8_t {
  broadcast,  // the client sends the next value to node `arg`
  deliver,    // in_flight[arg] arrives
  drop,       // in_flight[arg] is lost (drop budget)
  duplicate,  // in_flight[arg] is copied (dup budget)
  partition,  // the cut `arg` (a node mask) starts (partition budget)
  heal,       // the partition ends
  tick,       // node `arg`'s wake-up time has come
  advance,    // time moves to the earliest wake-up
};
inline constexpr int kind_count = 8;
const char* kind_name(Kind kind);
// Faults stop once budgets are spent: a fair continuation is made of the other kinds only.
bool is_fault(Kind kind);

struct Transition {
  Kind kind = Kind::advance;
  std::uint32_t arg = 0;
  bool operator==(const Transition&) const = default;
};

// What a replay records of every message (a journal); exploration passes none.
class Recorder {
 public:
  enum class What { send, deliver, drop };
  virtual ~Recorder() = default;
  virtual void record(What what, std::int64_t now_ms, std::int64_t id,
                      const core::Message& message) = 0;
};

struct Successor {
  World world;
  bool pruned = false;  // a bound (in-flight messages per link) cut this transition off
  std::optional<std::string> violation;
};

// The nodes after Maelstrom's init and the workload's topology (Maelstrom's grid), each seeded
// so that its generator holds the same number after init mixes in its id: nodes differ only in
// their index, which is what lets the fingerprint treat symmetric nodes alike.
Successor initial_world(const ModelConfig& config, const core::Profile& profile,
                        Recorder* recorder = nullptr);

void enabled_transitions(const World& world, const ModelConfig& config,
                         std::vector<Transition>& out);

Successor apply(const World& world, const Transition& transition, const ModelConfig& config,
                Recorder* recorder = nullptr);

std::string describe(const World& before, const Transition& transition);

// The seed that makes a node named `id` hold `rng_after_init` once init has mixed in its id.
std::uint64_t seed_for(const std::string& id, std::uint64_t rng_after_init);

}  // namespace rumor::replay::model
